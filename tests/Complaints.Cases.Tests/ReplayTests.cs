using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>The ordered events are the case: folding them again, also after storing them, gives the same state.</summary>
public sealed class ReplayTests
{
    private static CaseFlow WholeLifecycle() =>
        CaseFlow.Register(channel: Gov12345)
            .Do(Agent, new ViewContact())
            .Accept().Dispatch().ApproveDispatch().Sign().Return()
            .Dispatch(Billing).ApproveDispatch()
            .Do(Supervisor, new Supervise("Customer called again."))
            .Sign().RequestExtension().DecideExtension(approve: false).RequestExtension(TimeSpan.FromDays(1)).DecideExtension(approve: true)
            .ReportResult().Callback(Satisfaction.Unsatisfied)
            .Sign().Do(BillingHandler, new ViewContact()).ReportResult().Callback(Satisfaction.BasicallySatisfied)
            .Do(SystemActor, new LinkRecomplaint("FY-2026-000777"));

    private static void ShouldBeSameCase(CaseState actual, CaseState expected)
    {
        (actual with { Recomplaints = [] }).ShouldBe(expected with { Recomplaints = [] });
        actual.Recomplaints.ShouldBe(expected.Recomplaints);
    }

    [Fact]
    public void Replaying_a_whole_lifecycle_gives_the_state_built_step_by_step()
    {
        var flow = WholeLifecycle();

        var replayed = CaseState.Replay(flow.Events);

        replayed.ShouldNotBeNull();
        ShouldBeSameCase(replayed, flow.State);
        replayed.Status.ShouldBe(CaseStatus.Closed);
        replayed.Department.ShouldBe(Billing);
        replayed.Returns.ShouldBe(1);
        replayed.Redispatches.ShouldBe(1);
        replayed.Satisfaction.ShouldBe(Satisfaction.BasicallySatisfied);
        replayed.ExtendedUntil.ShouldBeNull();
        replayed.PendingExtension.ShouldBeNull();
        replayed.Recomplaints.ShouldBe(["FY-2026-000777"]);
        replayed.UpdatedAt.ShouldBe(flow.Events[^1].At);
        replayed.ClosedAt.ShouldBe(flow.Events.OfType<Closed>().Single().At);
    }

    [Fact]
    public void Replaying_every_prefix_gives_the_state_after_that_event()
    {
        var events = WholeLifecycle().Events;

        CaseState? stepwise = null;
        for (var i = 0; i < events.Count; i++)
        {
            stepwise = CaseState.Apply(stepwise, events[i]);
            ShouldBeSameCase(CaseState.Replay(events.Take(i + 1))!, stepwise);
        }
    }

    [Fact]
    public void Replaying_the_stored_events_gives_the_same_state()
    {
        var flow = WholeLifecycle();

        var reloaded = flow.Events.Select(e => EventCodec.Deserialize(EventCodec.NameOf(e), e.At, e.Actor, EventCodec.Serialize(e))).ToList();

        reloaded.ShouldBe(flow.Events);
        ShouldBeSameCase(CaseState.Replay(reloaded)!, flow.State);
    }

    [Fact]
    public void Decisions_taken_on_a_replayed_state_are_the_same()
    {
        var flow = CaseFlow.Reach(Situation.InProgress);
        var replayed = CaseState.Replay(flow.Events)!;
        var command = new ReportResult("Fixed.");

        var live = flow.Try(PipeHandler, command);
        var again = Decide(replayed, command, PipeHandler, flow.Now);

        again.Events.ShouldBe(live.Events);
    }

    [Fact]
    public void Nothing_replays_to_no_case() => CaseState.Replay([]).ShouldBeNull();
}
