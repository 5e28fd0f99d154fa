using Complaints.Reminders.Sqlite;
using Complaints.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orleans;
using Orleans.Reminders;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace Complaints.Reminders.Tests;

/// <summary>
/// Reminders registered by a grain really fire through the SQLite table in an in-process silo, and outlive the
/// silo: a cluster rebuilt over the same file with the same service id still has them and fires them.
/// </summary>
public sealed class ReminderClusterTests : IAsyncLifetime
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    private readonly TemporaryDatabase _files = new();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _files.DisposeAsync();

    [Fact]
    public async Task A_one_minute_reminder_fires_through_the_sqlite_table_and_unregisters()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var recorder = new TickRecorder();
        await using var cluster = await StartClusterAsync(Guid.NewGuid().ToString("N"), time, recorder);
        var grain = cluster.Client.GetGrain<IReminderProbeGrain>("complaint-1");

        await grain.Register(dueTime: OneMinute, period: OneMinute);
        var registeredAt = time.GetUtcNow().UtcDateTime;

        var first = await AdvanceUntilTickAsync(time, recorder);
        first.Grain.ShouldBe("complaint-1");
        first.Reminder.ShouldBe(ReminderProbeGrain.ReminderName);
        first.Status.Period.ShouldBe(OneMinute);
        first.Status.FirstTickTime.ShouldBe(registeredAt + OneMinute);

        // And again a period later: it is a periodic reminder, not a one-shot.
        var second = await AdvanceUntilTickAsync(time, recorder);
        second.Status.CurrentTickTime.ShouldBeGreaterThanOrEqualTo(registeredAt + (2 * OneMinute));

        var table = cluster.Silos[0].ServiceProvider.GetRequiredService<SqliteReminderTable>();
        var grainId = grain.GetGrainId();
        (await table.ReadRow(grainId, ReminderProbeGrain.ReminderName, Cancellation)).ShouldNotBeNull();

        await grain.Unregister();

        (await grain.IsRegistered()).ShouldBeFalse();
        (await table.ReadRow(grainId, ReminderProbeGrain.ReminderName, Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task A_reminder_fires_on_the_real_clock_too()
    {
        var recorder = new TickRecorder();
        await using var cluster = await StartClusterAsync(Guid.NewGuid().ToString("N"), time: null, recorder);
        var grain = cluster.Client.GetGrain<IReminderProbeGrain>("complaint-real");

        await grain.Register(dueTime: TimeSpan.FromMilliseconds(200), period: OneMinute);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var tick = await recorder.Ticks.ReadAsync(timeout.Token);
        tick.Grain.ShouldBe("complaint-real");
        await grain.Unregister();
    }

    [Fact]
    public async Task A_reminder_outlives_the_cluster_and_fires_after_a_rebuild_over_the_same_file()
    {
        var serviceId = Guid.NewGuid().ToString("N");
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        GrainId grainId;

        var before = new TickRecorder();
        await using (var cluster = await StartClusterAsync(serviceId, time, before))
        {
            var grain = cluster.Client.GetGrain<IReminderProbeGrain>("complaint-2");
            grainId = grain.GetGrainId();
            await grain.Register(dueTime: OneMinute, period: OneMinute);
            (await AdvanceUntilTickAsync(time, before)).Grain.ShouldBe("complaint-2");
        }

        // The silo is gone and its SqliteDatabase disposed: the row is in the file, nowhere else.
        await using (var database = _files.Open())
        {
            var table = await TemporaryDatabase.StartTableAsync(database, serviceId);
            var row = await table.ReadRow(grainId, ReminderProbeGrain.ReminderName, Cancellation);
            row.ShouldNotBeNull();
            row.Period.ShouldBe(OneMinute);
        }

        // A new clock for the new cluster, carrying on from where the old one stopped.
        var later = new FakeTimeProvider(time.GetUtcNow());
        var after = new TickRecorder();
        await using (var cluster = await StartClusterAsync(serviceId, later, after))
        {
            // Nobody registers again: the reminder service loads it from the table at start-up.
            var tick = await AdvanceUntilTickAsync(later, after);
            tick.Grain.ShouldBe("complaint-2");
            tick.Status.Period.ShouldBe(OneMinute);

            (await cluster.Client.GetGrain<IReminderProbeGrain>("complaint-2").IsRegistered()).ShouldBeTrue();
        }
    }

    [Fact]
    public async Task A_cluster_with_another_service_id_does_not_fire_the_reminder()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var recorder = new TickRecorder();
        await using (var cluster = await StartClusterAsync(Guid.NewGuid().ToString("N"), time, recorder))
        {
            await cluster.Client.GetGrain<IReminderProbeGrain>("complaint-3").Register(OneMinute, OneMinute);
        }

        var later = new FakeTimeProvider(time.GetUtcNow());
        var other = new TickRecorder();
        await using (var cluster = await StartClusterAsync(Guid.NewGuid().ToString("N"), later, other))
        {
            (await cluster.Client.GetGrain<IReminderProbeGrain>("complaint-3").IsRegistered()).ShouldBeFalse();

            // Five minutes on the reminders' clock: five ticks, had the reminder leaked across service ids.
            for (var i = 0; i < 20; i++)
            {
                later.Advance(TimeSpan.FromSeconds(15));
                await Task.Delay(25, Cancellation);
            }

            other.Ticks.TryRead(out _).ShouldBeFalse();
        }
    }

    /// <summary>
    /// Advances the reminders' fake clock in small steps until a tick arrives. Steps, not one jump: a jump made
    /// before the reminder service has armed its wait is measured from the new "now" and the tick moves a period on.
    /// </summary>
    private static async Task<Tick> AdvanceUntilTickAsync(FakeTimeProvider time, TickRecorder recorder)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var next = recorder.Ticks.ReadAsync(timeout.Token).AsTask();
        while (!next.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(next, Task.Delay(20, timeout.Token));
        }

        return await next;
    }

    /// <summary>
    /// One silo over the test's SQLite file, wired as the host wires it: a <see cref="SqliteDatabase"/> singleton and
    /// <see cref="SqliteReminderExtensions.UseSqliteReminders(Orleans.Hosting.ISiloBuilder)"/>. With <paramref name="time"/>,
    /// only the reminder service runs on that fake clock (keyed <see cref="ReminderTimeProviderNames.Reminders"/>).
    /// </summary>
    private async Task<InProcessTestCluster> StartClusterAsync(string serviceId, FakeTimeProvider? time, TickRecorder recorder)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = serviceId;
        builder.Options.ConfigureFileLogging = false;
        var path = _files.FilePath;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton(sp => new SqliteDatabase(path, sp.GetRequiredService<ILogger<SqliteDatabase>>()));
            silo.Services.AddSingleton(recorder);
            if (time is not null)
            {
                silo.Services.AddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, time);
            }

            silo.UseSqliteReminders();
        });

        var cluster = builder.Build();
        await cluster.DeployAsync(Cancellation);
        return cluster;
    }
}
