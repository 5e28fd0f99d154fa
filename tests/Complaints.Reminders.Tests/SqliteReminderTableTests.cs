using Complaints.Storage.Sqlite;
using Orleans;

namespace Complaints.Reminders.Tests;

/// <summary>The embedded mode's reminder table over a real SQLite file, reopened from the same folder.</summary>
public sealed class SqliteReminderTableTests : ReminderTableContract
{
    private readonly TemporaryDatabase _files = new();
    private SqliteDatabase _database = null!;

    public override ValueTask DisposeAsync() => _files.DisposeAsync();

    protected override Task OpenStoreAsync()
    {
        _database = _files.Open();
        return Task.CompletedTask;
    }

    protected override Task CloseStoreAsync() => _database.DisposeAsync().AsTask();

    protected override async Task<IReminderTable> StartTableAsync(string serviceId) => await TemporaryDatabase.StartTableAsync(_database, serviceId);

    [Fact]
    public async Task Start_times_and_periods_keep_every_tick()
    {
        var table = await StartTableAsync("service-a");
        var reminder = NewReminder(NewGrainId(), "sla");
        reminder.StartAt = new DateTime(2026, 5, 13, 18, 55, 8, DateTimeKind.Utc).AddTicks(8_620_861);
        reminder.Period = TimeSpan.FromDays(10).Add(TimeSpan.FromTicks(7));

        await table.UpsertRow(reminder, Cancellation);
        var read = await table.ReadRow(reminder.GrainId, "sla", Cancellation);

        read!.StartAt.ShouldBe(reminder.StartAt);
        read.Period.ShouldBe(reminder.Period);
    }
}
