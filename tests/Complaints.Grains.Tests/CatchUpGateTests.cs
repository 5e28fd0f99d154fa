using System.Collections.Concurrent;
using Complaints.Storage;
using Complaints.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Grains.Tests;

/// <summary>
/// Intake has priority over clock catch-up: while a storm's catch-ups wait at the host's gate (held shut here, as a full
/// gate holds them), registrations through the intake still commit and answer; once the gate opens, every deadline that
/// fell due meanwhile is recorded exactly once — whether the cases were woken by their reminders or by the clock sweep
/// after a restart. A case whose deadline has passed goes through before warnings that waited longer.
/// </summary>
public sealed class CatchUpGateTests
{
    private const int Storm = 60;
    private const int Intake = 12;
    private const string Tenant = "fangyang-water";

    private static readonly ActorInfo Agent = new("agent@fangyang-water", "agent");

    [Fact]
    public async Task Intake_is_served_while_reminder_ticks_wait_at_the_gate_and_each_deadline_is_recorded_once_when_it_opens()
    {
        var gate = new CatchUpGate(4);
        await using var cluster = await ComplaintCluster.StartAsync((services, configuration) =>
        {
            // Only the reminders wake cases in this test.
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Clocks:SweepInterval"] = "00:00:00" });
            services.AddSingleton(gate);
        });
        var storm = await RegisterStormAsync(cluster, "95");

        await using (await gate.PauseAsync())
        {
            // The first replies fall due at 10:00 (1 h); the ticks of all of them come and wait.
            await cluster.AdvanceToAsync(ComplaintCluster.Monday.AddMinutes(61), TimeSpan.FromMinutes(1));
            await IntakeIsServedWhileTheStormWaitsAsync(cluster, gate, storm);
        }

        await EachDeadlineIsRecordedOnceAsync(cluster, storm);
    }

    [Fact]
    public async Task After_a_restart_the_sweeps_wake_ups_wait_at_the_same_gate_while_intake_is_served()
    {
        var gate = new CatchUpGate(4);
        await using var cluster = await ComplaintCluster.StartAsync((services, _) => services.AddSingleton(gate));
        var storm = await RegisterStormAsync(cluster, "96");

        await cluster.StopAsync();
        // Every first reply (due 10:00) passes while the host is down; at start the sweep wakes each of those cases.
        cluster.Time.Advance(TimeSpan.FromMinutes(61));
        await using (await gate.PauseAsync())
        {
            await cluster.StartAgainAsync();
            await IntakeIsServedWhileTheStormWaitsAsync(cluster, gate, storm);
        }

        await EachDeadlineIsRecordedOnceAsync(cluster, storm);
    }

    [Fact]
    public async Task A_case_whose_deadline_has_passed_is_caught_up_before_a_warning_that_waited_longer()
    {
        var gate = new CatchUpGate(1);
        var caughtUp = new ConcurrentQueue<string>();
        await using var cluster = await ComplaintCluster.StartAsync((services, configuration) =>
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Clocks:SweepInterval"] = "00:00:00" });
            services.AddSingleton(gate);
            services.AddSingleton<ICaseEventStore>(sp => new ClockAppends(sp.GetRequiredService<SqliteCaseStore>(), caughtUp));
        });

        // First replies: 1 h, warned 15 min before. The first case warns at 09:45 and is due at 10:00; the second,
        // registered at 09:10, warns at 09:55. The clock moves to each instant and waits there (in real time) for what
        // falls due, and only once the case has armed its reminder for it.
        var breaching = "FYW-2026-970001";
        var warning = "FYW-2026-970002";
        (await cluster.Case(breaching).Register(Hotline("阀门井盖缺失"), Agent)).Kind.ShouldBe(OutcomeKind.Created);
        await cluster.ArmedAsync(breaching, ComplaintCluster.Monday.AddMinutes(45));
        cluster.Time.Advance(TimeSpan.FromMinutes(10));
        (await cluster.Case(warning).Register(Hotline("水表读数异常"), Agent)).Kind.ShouldBe(OutcomeKind.Created);
        await cluster.ArmedAsync(warning, ComplaintCluster.Monday.AddMinutes(55));
        await cluster.AdvanceToAsync(ComplaintCluster.Monday.AddMinutes(45), TimeSpan.FromMinutes(1));
        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(cluster.StoredEvents(breaching).Contains("clock-warned")));
        await cluster.ArmedAsync(breaching, ComplaintCluster.Monday.AddHours(1));

        await using (await gate.PauseAsync())
        {
            // The warning's tick comes first and waits; then the deadline's.
            await cluster.AdvanceToAsync(ComplaintCluster.Monday.AddMinutes(55), TimeSpan.FromMinutes(1));
            await ComplaintCluster.EventuallyAsync(() => Task.FromResult(gate.Waiting == 1));
            await cluster.AdvanceToAsync(ComplaintCluster.Monday.AddHours(1), TimeSpan.FromMinutes(1));
            await ComplaintCluster.EventuallyAsync(() => Task.FromResult(gate.Waiting == 2));
        }

        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(caughtUp.Count(c => c != $"{breaching}: clock-warned") == 2));
        caughtUp.Where(c => c != $"{breaching}: clock-warned").ShouldBe([$"{breaching}: clock-breached", $"{warning}: clock-warned"]);
    }

    [Fact]
    public async Task The_gate_admits_as_many_as_it_has_slots_and_the_next_when_one_is_given_back_once()
    {
        var gate = new CatchUpGate(2);
        var first = await gate.EnterAsync();
        using var second = await gate.EnterAsync();

        var third = gate.EnterAsync();
        third.IsCompleted.ShouldBeFalse();
        gate.Waiting.ShouldBe(1);

        first.Dispose();
        first.Dispose(); // given back once, however often disposed
        using var admitted = await third;
        gate.Waiting.ShouldBe(0);
        var fourth = gate.EnterAsync();
        fourth.IsCompleted.ShouldBeFalse();

        second.Dispose();
        (await fourth).Dispose();
    }

    [Fact]
    public async Task A_slot_given_back_goes_to_a_passed_deadline_before_warnings_that_came_earlier()
    {
        var gate = new CatchUpGate(1);
        var held = await gate.EnterAsync();
        var warning = gate.EnterAsync();
        var unread = gate.EnterAsync();
        var deadline = gate.EnterAsync(deadlinePassed: true);
        gate.Waiting.ShouldBe(3);

        held.Dispose();
        var first = await Admitted(deadline);
        warning.IsCompleted.ShouldBeFalse();
        unread.IsCompleted.ShouldBeFalse();

        // The rest in the order they came.
        first.Dispose();
        var second = await Admitted(warning);
        unread.IsCompleted.ShouldBeFalse();
        second.Dispose();
        (await Admitted(unread)).Dispose();
        gate.Waiting.ShouldBe(0);
    }

    [Fact]
    public async Task A_waiter_that_gives_up_leaves_its_place_and_takes_no_slot()
    {
        var gate = new CatchUpGate(1);
        var held = await gate.EnterAsync();
        using var giveUp = new CancellationTokenSource();
        var gaveUp = gate.EnterAsync(deadlinePassed: true, giveUp.Token);
        var next = gate.EnterAsync();

        await giveUp.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => gaveUp);
        gate.Waiting.ShouldBe(1);

        held.Dispose();
        (await Admitted(next)).Dispose();
        (await Admitted(gate.EnterAsync())).Dispose();
    }

    [Fact]
    public async Task A_pause_admits_nothing_until_it_ends()
    {
        var gate = new CatchUpGate(3);
        var pause = await gate.PauseAsync();
        var waiting = gate.EnterAsync();
        waiting.IsCompleted.ShouldBeFalse();

        await pause.DisposeAsync();
        (await waiting).Dispose();
    }

    [Fact]
    public void The_bound_is_read_from_the_settings_with_128_when_unset_and_at_least_1()
    {
        new CatchUpGate(Settings("5")).Concurrency.ShouldBe(5);
        new CatchUpGate(Settings(null)).Concurrency.ShouldBe(128);
        Should.Throw<ArgumentOutOfRangeException>(() => new CatchUpGate(Settings("0")));

        static IConfiguration Settings(string? value) =>
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Clocks:CatchUpConcurrency"] = value }).Build();
    }

    /// <summary>The admission once granted; a waiter the gate passed over fails the test instead of hanging it.</summary>
    private static Task<CatchUpGate.Admission> Admitted(Task<CatchUpGate.Admission> waiting) => waiting.WaitAsync(TimeSpan.FromSeconds(30));

    /// <summary>Registers the storm's cases, each with a first-reply clock due in 1 h, and waits until each has armed its reminder for the warning.</summary>
    private static async Task<List<string>> RegisterStormAsync(ComplaintCluster cluster, string prefix)
    {
        var numbers = Enumerable.Range(1, Storm).Select(i => $"FYW-2026-{prefix}{i:D4}").ToList();
        var outcomes = await Task.WhenAll(numbers.Select(n => cluster.Case(n).Register(Hotline($"{n} 水压低"), Agent)));
        outcomes.ShouldAllBe(o => o.Kind == OutcomeKind.Created);
        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(numbers.All(n => cluster.ReminderDue(n) == ComplaintCluster.Monday.AddMinutes(45))));
        return numbers;
    }

    /// <summary>
    /// Once every case of the storm waits at the gate, registrations through the intake (numbering grain, case grain,
    /// commit) answer and are stored; no catch-up ran, and the storm still waits.
    /// </summary>
    private static async Task IntakeIsServedWhileTheStormWaitsAsync(ComplaintCluster cluster, CatchUpGate gate, List<string> storm)
    {
        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(gate.Waiting == Storm));
        var intake = cluster.Silo().GetRequiredService<IComplaintIntake>();
        var outcomes = await Task.WhenAll(Enumerable.Range(1, Intake).Select(i => intake.RegisterAsync(Tenant, Hotline($"寒潮里第 {i} 件投诉"), Agent)));

        outcomes.ShouldAllBe(o => o.Kind == OutcomeKind.Created);
        outcomes.Select(o => o.Case!.Number).Distinct().Count().ShouldBe(Intake);
        foreach (var outcome in outcomes)
        {
            cluster.StoredEvents(outcome.Case!.Number).ShouldContain("registered");
        }

        storm.ShouldAllBe(n => !cluster.StoredEvents(n).Contains("clock-breached"));
        gate.Waiting.ShouldBe(Storm);
    }

    /// <summary>
    /// Waits until every case of the storm has its breach, then wakes each once more (through the now open gate, the
    /// way a late tick or sweep would): still one breach each.
    /// </summary>
    private static async Task EachDeadlineIsRecordedOnceAsync(ComplaintCluster cluster, List<string> storm)
    {
        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(storm.All(n => cluster.StoredEvents(n).Contains("clock-breached"))));
        await Task.WhenAll(storm.Select(n => cluster.Case(n).Wake()));

        foreach (var number in storm)
        {
            cluster.StoredEvents(number).Count(t => t == "clock-breached").ShouldBe(1);
        }
    }

    private static RegisterComplaintRequest Hotline(string content) => new()
    {
        Channel = "hotline",
        Kind = "complaint",
        Content = content,
        Complainant = new ComplainantInput("王五", "13900001111"),
    };

    /// <summary>The store, noting each clock catch-up it committed (the clocks' lane), in commit order.</summary>
    private sealed class ClockAppends(ICaseEventStore store, ConcurrentQueue<string> committed) : ICaseEventStore
    {
        public Task<IReadOnlyList<StoredEvent>> ReadAsync(string tenant, string number, CancellationToken cancellationToken = default) =>
            store.ReadAsync(tenant, number, cancellationToken);

        public async Task<AppendResult> AppendAsync(CaseAppend append, CancellationToken cancellationToken = default)
        {
            var result = await store.AppendAsync(append, cancellationToken);
            if (append.Lane == WriteLane.Clocks && result.Status == AppendStatus.Appended)
            {
                committed.Enqueue($"{append.Number}: {string.Join(", ", append.Events.Select(e => e.Type))}");
            }

            return result;
        }
    }
}
