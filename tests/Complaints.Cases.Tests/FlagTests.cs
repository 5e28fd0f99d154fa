using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>The threat flag (seed 003 art. 9): set at registration or later, always with a named responsible person.</summary>
public sealed class FlagTests
{
    [Fact]
    public void Flags_given_at_registration_follow_the_registration_as_their_own_event()
    {
        var flow = CaseFlow.Register(Registration() with { Flags = [CaseFlag.Threat], Responsible = " supervisor.wang " });

        flow.Last.Select(EventCodec.NameOf).ShouldBe(["registered", "flagged"]);
        flow.Last[1].ShouldBe(new Flagged(["threat"], "supervisor.wang", null) { At = flow.LastAt, Actor = Agent.User });
        flow.State.Flags.ShouldBe(["threat"]);
        flow.State.Responsible.ShouldBe("supervisor.wang");
    }

    [Fact]
    public void A_threat_without_a_responsible_person_is_refused_at_registration_and_later()
    {
        CaseDecider.ValidateRegistration(Registration() with { Flags = [CaseFlag.Threat] }, Rules, Agent, T0)
            .ShouldNotBeNull().Field.ShouldBe("responsible");

        CaseFlow.Reach(Situation.InProgress).Try(Leader, new Flag([CaseFlag.Threat], "  ")).ShouldBeRefused(RefusalKind.Invalid, "responsible");
    }

    [Fact]
    public void A_leader_flags_an_open_case_and_an_empty_set_clears_it()
    {
        var flow = CaseFlow.Reach(Situation.InProgress);

        flow.Do(Leader, new Flag([CaseFlag.Threat, CaseFlag.Threat], "leader.zhao", "Said he would block the road."));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Flagged(["threat"], "leader.zhao", "Said he would block the road.") { At = flow.LastAt, Actor = Leader.User });
        flow.State.Flags.ShouldBe(["threat"]);

        flow.Do(Supervisor, new Flag([], null, "Calmed down."));
        flow.State.Flags.ShouldBeEmpty();
        flow.State.Responsible.ShouldBeNull();
        CaseState.Replay(flow.Events).ShouldBe(flow.State);
    }

    [Fact]
    public void Handlers_may_not_flag_and_a_finished_case_is_not_flagged()
    {
        var flow = CaseFlow.Reach(Situation.InProgress);
        flow.Try(PipeHandler, new Flag([CaseFlag.Threat], "handler.chen")).ShouldBeRefused(RefusalKind.Forbidden);

        CaseFlow.Reach(Situation.Closed).Try(Leader, new Flag([CaseFlag.Threat], "leader.zhao")).ShouldBeRefused(RefusalKind.Conflict);
    }
}
