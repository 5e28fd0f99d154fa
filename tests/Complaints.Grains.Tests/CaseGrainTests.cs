using Complaints.Texts;
using System.Text.Json;

namespace Complaints.Grains.Tests;

/// <summary>The case grain: lifecycle persisted through deactivation, and its SLA clocks driven by a reminder.</summary>
public sealed class CaseGrainTests : IAsyncLifetime
{
    private static readonly ActorInfo Agent = new("agent@fangyang-water", "agent");
    private static readonly ActorInfo PipeNetwork = new("pipe-network@fangyang-water", "handler", "pipe-network");
    private static readonly ActorInfo Supervisor = new("supervisor@fangyang-water", "supervisor");

    private ComplaintCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ComplaintCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_case_survives_deactivation_with_its_whole_history()
    {
        var complaint = _cluster.Case("FYW-2026-900001");
        (await complaint.Register(Hotline("水表不走字"), Agent)).Kind.ShouldBe(OutcomeKind.Created);
        (await complaint.Act(new AcceptRequest("meter-fault"), Agent)).Kind.ShouldBe(OutcomeKind.Ok);
        (await complaint.Act(new DispatchRequest("pipe-network"), Agent)).Case!.Status.ShouldBe("dispatched");
        var before = (await complaint.Get(Agent)).Case!;

        await _cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var after = (await complaint.Get(Agent)).Case!;
        after.Status.ShouldBe("dispatched");
        after.History.Select(h => h.Type).ShouldBe(before.History.Select(h => h.Type));
        (await complaint.Act(new SignRequest(), PipeNetwork)).Case!.Status.ShouldBe("in-progress");
    }

    [Fact]
    public void A_case_keeps_the_grain_id_its_stored_reminders_are_keyed_by()
    {
        // As in the orleans_reminders rows of the 2026-11 release's data file (tests/Complaints.Storage.Tests/Fixtures).
        _cluster.Case("FYW-2026-000002").GetGrainId().ToString().ShouldBe("complaint/fangyang-water/FYW-2026-000002");
    }

    [Fact]
    public async Task Registering_the_same_number_twice_is_a_conflict_and_an_unknown_case_is_not_found()
    {
        var complaint = _cluster.Case("FYW-2026-900002");
        (await complaint.Register(Hotline("停水"), Agent)).Kind.ShouldBe(OutcomeKind.Created);
        (await complaint.Register(Hotline("停水"), Agent)).Kind.ShouldBe(OutcomeKind.Conflict);

        // A new activation does not read the case before a registration: the append's claim finds it taken.
        await _cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var again = await complaint.Register(Hotline("另一件事"), Agent);
        again.Kind.ShouldBe(OutcomeKind.Conflict);
        again.Message.ShouldBe(Agent.Read(new Text(TextKeys.Refusals.AlreadyRegistered, "FYW-2026-900002")));
        (await complaint.Get(Agent)).Case!.Content.ShouldBe("停水");

        (await _cluster.Case("FYW-2026-999999").Get(Agent)).Kind.ShouldBe(OutcomeKind.NotFound);
        (await _cluster.Case("FYW-2026-999999").Act(new AcceptRequest("general"), Agent)).Kind.ShouldBe(OutcomeKind.NotFound);
    }

    [Fact]
    public async Task Every_case_shows_its_clocks_from_the_moment_each_starts()
    {
        var complaint = _cluster.Case("FYW-2026-900003");
        var registered = (await complaint.Register(Hotline("管道爆裂，路面冒水"), Agent)).Case!;
        var firstReply = registered.Clocks.ShouldHaveSingleItem();
        firstReply.Name.ShouldBe("first-reply");
        firstReply.State.ShouldBe("running");
        firstReply.DueAt.ShouldBe(ComplaintCluster.Monday.AddHours(1));
        firstReply.WarnAt.ShouldBe(ComplaintCluster.Monday.AddMinutes(45));

        var accepted = (await complaint.Act(new AcceptRequest("pipe-burst"), Agent)).Case!;
        accepted.Clocks.Single(c => c.Name == "first-reply").State.ShouldBe("met");
        accepted.Clocks.Single(c => c.Name == "dispatch").DueAt.ShouldBe(ComplaintCluster.Monday.AddHours(1));
        accepted.Clocks.Single(c => c.Name == "resolution").DueAt.ShouldBe(ComplaintCluster.Monday.AddDays(1));

        var dispatched = (await complaint.Act(new DispatchRequest("pipe-network"), Agent)).Case!;
        dispatched.Clocks.Single(c => c.Name == "dispatch").State.ShouldBe("met");
        dispatched.Clocks.Single(c => c.Name == "on-site").DueAt.ShouldBe(ComplaintCluster.Monday.AddHours(2));
        var signFor = dispatched.Clocks.Single(c => c.Name == "sign-for");
        signFor.Department.ShouldBe("pipe-network");
        signFor.State.ShouldBe("running");
    }

    [Fact]
    public async Task A_warning_and_a_breach_fire_once_each_on_the_reminder_and_reach_whoever_must_act()
    {
        const string number = "FYW-2026-900004";
        var complaint = _cluster.Case(number);
        await complaint.Register(Hotline("水压低"), Agent);

        // First reply: 1 h, warning 15 min before: nothing at 09:44, the warning at 09:45, the breach at 10:00.
        await _cluster.ArmedAsync(number, ComplaintCluster.Monday.AddMinutes(45));
        await _cluster.AdvanceToAsync(ComplaintCluster.Monday.AddMinutes(44), TimeSpan.FromMinutes(1));
        (await History(complaint)).ShouldNotContain("clock-warned");
        await _cluster.AdvanceToAsync(ComplaintCluster.Monday.AddMinutes(45), TimeSpan.FromMinutes(1));
        await ComplaintCluster.EventuallyAsync(async () => (await History(complaint)).Contains("clock-warned"));
        (await complaint.Get(Agent)).Case!.Clocks.Single().State.ShouldBe("warned");

        await _cluster.ArmedAsync(number, ComplaintCluster.Monday.AddHours(1));
        await _cluster.AdvanceToAsync(ComplaintCluster.Monday.AddHours(1), TimeSpan.FromMinutes(1));
        await ComplaintCluster.EventuallyAsync(async () => (await History(complaint)).Contains("clock-breached"));
        var breached = (await complaint.Get(Agent)).Case!;
        breached.Clocks.Single().State.ShouldBe("breached");
        var breach = breached.History.Single(h => h.Type == "clock-breached");
        breach.Actor.ShouldBe("sla");
        using (var data = JsonDocument.Parse(breach.Data))
        {
            data.RootElement.GetProperty("points").GetInt32().ShouldBe(2);
            data.RootElement.GetProperty("fine").GetDecimal().ShouldBe(20m);
        }

        // Later ticks (the reminder's 1-minute period) fire nothing again.
        for (var i = 0; i < 5; i++)
        {
            _cluster.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(20);
        }

        var history = await History(complaint);
        history.Count(t => t == "clock-warned").ShouldBe(1);
        history.Count(t => t == "clock-breached").ShouldBe(1);

        // A late acceptance stops the clock, not met; the case leaves the overdue list.
        var accepted = (await complaint.Act(new AcceptRequest("water-pressure"), Agent)).Case!;
        accepted.Clocks.Single(c => c.Name == "first-reply").State.ShouldBe("breached");
        accepted.Clocks.Single(c => c.Name == "first-reply").StoppedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task An_approved_extension_moves_the_resolution_deadline_and_a_breached_one_cannot_be_extended()
    {
        var complaint = _cluster.Case("FYW-2026-900005");
        await complaint.Register(Hotline("水质发黄"), Agent);
        await complaint.Act(new AcceptRequest("water-quality"), Agent);
        await complaint.Act(new DispatchRequest("water-quality"), Agent);
        var lab = new ActorInfo("water-quality@fangyang-water", "handler", "water-quality");
        await complaint.Act(new SignRequest(), lab);
        var due = (await complaint.Get(Agent)).Case!.Clocks.Single(c => c.Name == "resolution").DueAt;
        due.ShouldBe(ComplaintCluster.Monday.AddDays(3));

        var until = due.AddDays(2);
        await complaint.Act(new RequestExtensionRequest(until, "需送外检机构复检"), lab);
        var extended = (await complaint.Act(new DecideExtensionRequest(true), Supervisor)).Case!;
        extended.Clocks.Single(c => c.Name == "resolution").DueAt.ShouldBe(until);
        extended.History.Select(h => h.Type).ShouldContain("clock-rescheduled");

        await _cluster.AdvanceUntilAsync(async () => (await History(complaint)).Contains("clock-breached") && (await complaint.Get(Agent)).Case!.Clocks.Single(c => c.Name == "resolution").State == "breached", TimeSpan.FromMinutes(30), TimeSpan.FromDays(6));
        var refused = await complaint.Act(new RequestExtensionRequest(until.AddDays(3), "还需要时间"), lab);
        refused.Kind.ShouldBe(OutcomeKind.Conflict);
    }

    [Fact]
    public async Task After_a_restart_deadlines_that_passed_while_down_fire_once_and_pending_ones_keep_running()
    {
        var late = _cluster.Case("FYW-2026-900006");
        await late.Register(Hotline("一小时内要回复"), Agent);
        _cluster.Time.Advance(TimeSpan.FromMinutes(30));
        var pending = _cluster.Case("FYW-2026-900007");
        await pending.Register(Hotline("晚一点登记的"), Agent);

        await _cluster.StopAsync();
        // The late case's first reply (due 10:00) passes while the host is down; the pending one (due 10:30) not yet.
        _cluster.Time.Advance(TimeSpan.FromMinutes(35));
        await _cluster.StartAgainAsync();
        late = _cluster.Case("FYW-2026-900006");
        pending = _cluster.Case("FYW-2026-900007");

        // Recovery wakes the late case by itself, with no reminder tick (the clock stands still) and no one asking:
        // watch the store, not the grain, since asking the grain would wake it too.
        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(_cluster.StoredEvents("FYW-2026-900006").Contains("clock-breached")));
        _cluster.StoredEvents("FYW-2026-900007").ShouldNotContain("clock-breached");
        (await History(late)).Count(t => t == "clock-breached").ShouldBe(1);
        (await History(late)).ShouldNotContain("clock-warned"); // a warning after the deadline would be noise

        await _cluster.AdvanceUntilAsync(async () => (await History(pending)).Contains("clock-breached"), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30));
        (await History(pending)).Count(t => t == "clock-warned").ShouldBe(1);
        (await History(late)).Count(t => t == "clock-breached").ShouldBe(1);
    }

    /// <summary>fuyang-gas, a 12345 item: while the leader has not approved the transfer, no clock runs against the department.</summary>
    [Fact]
    public async Task A_transfer_waiting_for_approval_runs_no_department_clock_and_charges_no_department()
    {
        var gasAgent = new ActorInfo("agent@fuyang-gas", "agent");
        var leader = new ActorInfo("leader@fuyang-gas", "leader");
        var complaint = _cluster.Case("FYG-2026-900001", "fuyang-gas");
        await complaint.Register(new RegisterComplaintRequest { Channel = "gov-12345", Kind = "complaint", Content = "燃气表漏气" }, gasAgent);
        await complaint.Act(new AcceptRequest("gas-repair"), gasAgent);
        var pending = (await complaint.Act(new DispatchRequest("operations"), gasAgent)).Case!;
        pending.Status.ShouldBe("pending-approval");
        pending.Clocks.ShouldNotContain(c => c.Name == "sign-for");

        // The leader is away for longer than the department's 2 h sign-for: the reminder ticks, only the desk's clock breaches.
        await _cluster.AdvanceUntilAsync(async () => (await History(complaint, gasAgent)).Contains("clock-breached"), TimeSpan.FromHours(1), TimeSpan.FromDays(3));
        var waited = (await complaint.Get(gasAgent)).Case!;
        waited.Clocks.ShouldNotContain(c => c.Name == "sign-for");
        var breach = waited.History.Single(h => h.Type == "clock-breached");
        using (var data = JsonDocument.Parse(breach.Data))
        {
            data.RootElement.GetProperty("name").GetString().ShouldBe("resolution");
            data.RootElement.TryGetProperty("department", out _).ShouldBeFalse();
        }

        var approvedAt = _cluster.Time.GetUtcNow();
        var approved = (await complaint.Act(new ApproveDispatchRequest("同意"), leader)).Case!;

        var signFor = approved.Clocks.Single(c => c.Name == "sign-for");
        signFor.StartedAt.ShouldBe(approvedAt);
        signFor.DueAt.ShouldBe(approvedAt.AddHours(2));
        signFor.Department.ShouldBe("operations");
    }

    [Fact]
    public async Task Reclassifying_moves_a_running_deadline_to_the_new_categorys()
    {
        var complaint = _cluster.Case("FYW-2026-900010");
        await complaint.Register(Hotline("水费多收"), Agent);
        await complaint.Act(new AcceptRequest("water-pressure"), Agent);
        var before = (await complaint.Get(Agent)).Case!.Clocks.Single(c => c.Name == "resolution");
        _cluster.Time.Advance(TimeSpan.FromHours(2));

        var after = (await complaint.Act(new ReclassifyRequest(Category: "billing-dispute"), Supervisor)).Case!;

        after.Category.ShouldBe("billing-dispute");
        var resolution = after.Clocks.Single(c => c.Name == "resolution");
        resolution.StartedAt.ShouldBe(before.StartedAt);
        resolution.DueAt.ShouldBe(before.StartedAt.AddDays(7));
        after.History.Select(h => h.Type).ShouldContain("reclassified");
    }

    /// <summary>A hotline complaint from one caller, as the desk registers it.</summary>
    internal static RegisterComplaintRequest Hotline(string content) => new()
    {
        Channel = "hotline",
        Kind = "complaint",
        Content = content,
        Complainant = new ComplainantInput("王五", "13900001111"),
    };

    private static async Task<List<string>> History(ICaseGrain complaint, ActorInfo? reader = null) =>
        [.. (await complaint.Get(reader ?? Agent)).Case!.History.Select(h => h.Type)];
}
