using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>Accept and reclassify set the kind, category and target; the clocks that follow are the SLA tests' part.</summary>
public sealed class ReclassificationTests
{
    private static readonly ComplaintTarget MeterReader = new(TargetType.Staff, "Meter reader Wu");

    [Fact]
    public void Accept_corrects_the_kind_and_target_and_records_only_what_changed()
    {
        var flow = CaseFlow.Register(channel: WeChat);

        flow.Do(Agent, new Accept(NoWater, Kind: ComplaintKind.Inquiry, Target: MeterReader));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Accepted(NoWater, null, ComplaintKind.Inquiry, MeterReader) { At = flow.LastAt, Actor = Agent.User });
        flow.State.Kind.ShouldBe(ComplaintKind.Inquiry);
        flow.State.Target.ShouldBe(MeterReader);
        // The WeChat item was registered as a complaint; as an inquiry it is answered on the spot.
        flow.Answer().State.Status.ShouldBe(CaseStatus.Answered);
    }

    [Fact]
    public void Accept_with_the_same_kind_records_no_kind()
    {
        var flow = CaseFlow.Register().Do(Agent, new Accept(NoWater, Kind: ComplaintKind.Complaint));

        flow.Last.OfType<Accepted>().Single().Kind.ShouldBeNull();
        flow.State.Kind.ShouldBe(ComplaintKind.Complaint);
    }

    [Fact]
    public void Reclassify_records_the_changed_fields_and_the_state_follows()
    {
        var flow = CaseFlow.Reach(Situation.InProgress);

        flow.Do(Supervisor, new Reclassify(ComplaintKind.Repair, $" {LowPressure} ", MeterReader, " Found on site. "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Reclassified(ComplaintKind.Repair, LowPressure, MeterReader, "Found on site.") { At = flow.LastAt, Actor = Supervisor.User });
        flow.State.Kind.ShouldBe(ComplaintKind.Repair);
        flow.State.Category.ShouldBe(LowPressure);
        flow.State.Target.ShouldBe(MeterReader);
        flow.State.Status.ShouldBe(CaseStatus.InProgress);
        CaseState.Replay(flow.Events).ShouldBe(flow.State);
    }

    [Fact]
    public void Reclassifying_to_what_the_case_already_is_records_nothing()
    {
        var flow = CaseFlow.Reach(Situation.Accepted);

        var decision = flow.Try(Agent, new Reclassify(ComplaintKind.Complaint, NoWater));

        decision.IsRefused.ShouldBeFalse();
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Reclassify_must_name_something_and_only_known_words()
    {
        var flow = CaseFlow.Reach(Situation.Dispatched);

        flow.Try(Agent, new Reclassify()).ShouldBeRefused(RefusalKind.Invalid);
        flow.Try(Agent, new Reclassify(Category: "water-theft")).ShouldBeRefused(RefusalKind.Invalid, "category");
        flow.Try(Agent, new Reclassify(Target: new ComplaintTarget(TargetType.Staff, " "))).ShouldBeRefused(RefusalKind.Invalid, "target.name");
        flow.Try(Agent, new Reclassify(Target: new ComplaintTarget(TargetType.Department, Text(101)))).ShouldBeRefused(RefusalKind.Invalid, "target.name");
        flow.Try(Agent, new Accept(NoWater, Target: new ComplaintTarget(TargetType.Staff, null))).ShouldBeRefused(RefusalKind.Conflict);
        CaseFlow.Register().Try(Agent, new Accept(NoWater, Target: new ComplaintTarget(TargetType.Staff, null))).ShouldBeRefused(RefusalKind.Invalid, "target.name");
    }

    [Fact]
    public void After_the_result_the_classification_stands()
    {
        CaseFlow.Reach(Situation.Resolved).Try(Agent, new Reclassify(Category: LowPressure)).ShouldBeRefused(RefusalKind.Conflict);
        CaseFlow.Reach(Situation.Closed).Try(Supervisor, new Reclassify(Category: LowPressure)).ShouldBeRefused(RefusalKind.Conflict);
        CaseFlow.Reach(Situation.InProgress).Try(Leader, new Reclassify(Category: LowPressure)).ShouldBeRefused(RefusalKind.Forbidden);
    }
}
