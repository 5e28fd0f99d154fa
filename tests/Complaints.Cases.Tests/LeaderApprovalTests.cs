using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>The leader's approval of a transfer is a decision: approved, or refused back to the desk with a note.</summary>
public sealed class LeaderApprovalTests
{
    [Fact]
    public void A_refused_transfer_goes_back_to_the_desk_without_a_department()
    {
        var flow = CaseFlow.Reach(Situation.PendingApproval).Do(Leader, new ApproveDispatch(" 应转工程部 ", Approve: false));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new DispatchRefused(PipeNetwork, "应转工程部") { At = flow.LastAt, Actor = Leader.User });
        flow.State.Status.ShouldBe(CaseStatus.Accepted);
        flow.State.Department.ShouldBeNull();
        flow.State.HoldingDepartment.ShouldBeNull();
        CaseDecider.CanView(flow.State, PipeHandler).ShouldBeFalse();
        CaseState.Replay(flow.Events).ShouldBe(flow.State);
    }

    [Fact]
    public void After_a_refusal_the_desk_dispatches_again_and_it_waits_for_the_leader_again()
    {
        var flow = CaseFlow.Reach(Situation.PendingApproval).Do(Leader, new ApproveDispatch("应转工程部", Approve: false));

        flow.Dispatch(Billing);

        flow.State.Status.ShouldBe(CaseStatus.PendingApproval);
        flow.State.Department.ShouldBe(Billing);
        flow.ApproveDispatch();
        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_refusal_needs_the_leaders_note(string? note)
    {
        var flow = CaseFlow.Reach(Situation.PendingApproval);

        flow.Try(Leader, new ApproveDispatch(note, Approve: false)).ShouldBeRefused(RefusalKind.Invalid, "note");
    }

    [Fact]
    public void Only_a_leader_refuses_and_only_while_the_transfer_waits()
    {
        var pending = CaseFlow.Reach(Situation.PendingApproval);
        pending.Try(Supervisor, new ApproveDispatch("No.", Approve: false)).ShouldBeRefused(RefusalKind.Forbidden);
        pending.Try(Agent, new ApproveDispatch("No.", Approve: false)).ShouldBeRefused(RefusalKind.Forbidden);

        var dispatched = CaseFlow.Reach(Situation.Dispatched);
        dispatched.Try(Leader, new ApproveDispatch("No.", Approve: false)).ShouldBeRefused(RefusalKind.Conflict);
    }

    [Fact]
    public void While_the_transfer_waits_the_case_is_charged_to_no_department()
    {
        var flow = CaseFlow.Reach(Situation.PendingApproval);

        flow.State.Department.ShouldBe(PipeNetwork);
        flow.State.HoldingDepartment.ShouldBeNull();
        flow.ApproveDispatch();
        flow.State.HoldingDepartment.ShouldBe(PipeNetwork);
    }
}
