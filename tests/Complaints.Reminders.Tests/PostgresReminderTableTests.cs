using Complaints.Reminders.Postgres;
using Complaints.Storage.Postgres;
using Complaints.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Complaints.Reminders.Tests;

/// <summary>
/// Cluster mode's reminder table over a real PostgreSQL server, in a database prepared by the platform's schema (Orleans'
/// own scripts included), with the store's writer; plus what sharing Orleans' table means: rows written by Orleans' own
/// ADO.NET provider (as earlier versions of the platform did) are read and updated as that provider would.
/// </summary>
public sealed class PostgresReminderTableTests : ReminderTableContract
{
    private string _connectionString = null!;
    private NpgsqlDataSource? _dataSource;
    private PostgresDatabase? _database;

    public override async ValueTask DisposeAsync()
    {
        await CloseStoreAsync();
        await (await PostgresServer.SharedAsync()).DropDatabaseAsync(_connectionString);
    }

    protected override async Task OpenStoreAsync()
    {
        if (_connectionString is null)
        {
            _connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("reminders");
            await using var schema = NpgsqlDataSource.Create(_connectionString);
            await PostgresSchema.EnsureAsync(schema);
        }

        _dataSource = PostgresStorageExtensions.CreateDataSource(_connectionString, NullLoggerFactory.Instance);
        _database = new PostgresDatabase(_dataSource, new PostgresDatabaseOptions(), NullLogger<PostgresDatabase>.Instance, ownsDataSource: true);
    }

    protected override async Task CloseStoreAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<IReminderTable> StartTableAsync(string serviceId)
    {
        var table = new PostgresReminderTable(_database!, Options.Create(new ClusterOptions { ServiceId = serviceId, ClusterId = "test" }));
        await table.StartAsync(Cancellation);
        return table;
    }

    [Fact]
    public async Task A_row_written_by_orleans_own_provider_is_read_updated_and_removed_as_orleans_would()
    {
        var table = await StartTableAsync("service-a");
        var grain = NewGrainId();
        var startAt = new DateTime(2026, 11, 30, 8, 0, 0, 250, DateTimeKind.Utc);

        // What Orleans' ADO.NET provider runs for an upsert (its UpsertReminderRowKey query), with its parameters:
        // the hash cast to a signed integer, the period in milliseconds.
        await using (var command = _dataSource!.CreateCommand("SELECT * FROM upsert_reminder_row(@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash)"))
        {
            command.Parameters.AddWithValue("ServiceId", "service-a");
            command.Parameters.AddWithValue("GrainId", grain.ToString());
            command.Parameters.AddWithValue("ReminderName", "sla");
            command.Parameters.AddWithValue("StartTime", startAt);
            command.Parameters.AddWithValue("Period", 60_000L);
            command.Parameters.AddWithValue("GrainHash", unchecked((int)grain.GetUniformHashCode()));
            (await command.ExecuteScalarAsync(Cancellation)).ShouldBe(0, "Orleans' provider starts a row at version 0");
        }

        var read = (await table.ReadRow(grain, "sla", Cancellation)).ShouldNotBeNull();
        read.StartAt.ShouldBe(startAt);
        read.Period.ShouldBe(TimeSpan.FromMinutes(1));
        read.ETag.ShouldBe("0");
        (await table.ReadRows(grain.GetUniformHashCode() - 1, grain.GetUniformHashCode(), Cancellation)).Reminders.ShouldHaveSingleItem().GrainId.ShouldBe(grain);

        // An upsert moves the version on, as Orleans' does; the old ETag no longer removes it, the new one does.
        var moved = await table.UpsertRow(read, Cancellation);
        moved.ShouldBe("1");
        (await table.RemoveRow(grain, "sla", "0", Cancellation)).ShouldBeFalse();
        (await table.RemoveRow(grain, "sla", moved!, Cancellation)).ShouldBeTrue();
        (await table.ReadRow(grain, "sla", Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task An_etag_this_table_never_gave_removes_nothing()
    {
        var table = await StartTableAsync("service-a");
        var reminder = NewReminder(NewGrainId(), "sla");
        await table.UpsertRow(reminder, Cancellation);

        (await table.RemoveRow(reminder.GrainId, "sla", "not-a-version", Cancellation)).ShouldBeFalse();
        (await table.ReadRow(reminder.GrainId, "sla", Cancellation)).ShouldNotBeNull();
    }
}
