namespace Complaints.Cases.Tests;

/// <summary>
/// Every command in every situation, each reached through real commands and sent by the person who would
/// normally send it. The allowed pairs are the table below (the action table of docs/domain.md); every other pair is refused
/// and changes nothing.
/// </summary>
public sealed class StatusMatrixTests
{
    private static readonly Situation[] Open = [.. Enum.GetValues<Situation>().Except([Situation.Closed, Situation.Rejected, Situation.Answered])];

    /// <summary>Where each command is allowed (for an inquiry, which may also be answered on the spot).</summary>
    private static readonly Dictionary<Cmd, Situation[]> Allowed = new()
    {
        [Cmd.Register] = [],
        [Cmd.Accept] = [Situation.Registered],
        [Cmd.Reject] = [Situation.Registered],
        [Cmd.Answer] = [Situation.Registered, Situation.Accepted],
        [Cmd.Dispatch] = [Situation.Accepted, Situation.Returned],
        [Cmd.ApproveDispatch] = [Situation.PendingApproval, Situation.Escalated],
        [Cmd.Sign] = [Situation.Dispatched, Situation.DispatchedAwaitingExtension, Situation.Redispatched],
        [Cmd.Return] = [Situation.Dispatched, Situation.DispatchedAwaitingExtension, Situation.InProgress, Situation.InProgressAwaitingExtension, Situation.Redispatched],
        // The matrix's cases come by the hotline, which has no platform to return to (12345 items: ReturnToSourceTests).
        [Cmd.ReturnToSource] = [],
        [Cmd.RequestExtension] = [Situation.Dispatched, Situation.InProgress, Situation.Redispatched],
        [Cmd.DecideExtension] = [Situation.DispatchedAwaitingExtension, Situation.InProgressAwaitingExtension],
        [Cmd.ReportResult] = [Situation.InProgress, Situation.InProgressAwaitingExtension],
        [Cmd.RecordCallback] = [Situation.Resolved, Situation.NotReached],
        [Cmd.Supervise] = Open,
        [Cmd.ViewContact] = Enum.GetValues<Situation>(),
        [Cmd.LinkRecomplaint] = Enum.GetValues<Situation>(),
        // Any open status before the department reports its result.
        [Cmd.Reclassify] = [.. Open.Except([Situation.Resolved, Situation.NotReached])],
        [Cmd.Flag] = Open,
        // Files are added while the case is open (a photo that arrives after archiving is a new item).
        [Cmd.Attach] = Open,
    };

    /// <summary>The situations in which the case has no department, so that nobody is "its" handler.</summary>
    private static readonly Situation[] WithoutDepartment = [Situation.Registered, Situation.Accepted, Situation.Returned, Situation.Rejected, Situation.Answered];

    private enum Outcome { Allowed, Conflict, ForbiddenForLackOfDepartment }

    private static Outcome Expected(Situation situation, Cmd cmd) =>
        Allowed[cmd].Contains(situation) ? Outcome.Allowed
        : Commands.DepartmentCommands.Contains(cmd) && WithoutDepartment.Contains(situation) ? Outcome.ForbiddenForLackOfDepartment
        : Outcome.Conflict;

    private static TheoryData<Situation, Cmd> Pairs(Outcome outcome)
    {
        var data = new TheoryData<Situation, Cmd>();
        foreach (var situation in Enum.GetValues<Situation>())
        {
            foreach (var cmd in Enum.GetValues<Cmd>().Where(c => Expected(situation, c) == outcome))
            {
                data.Add(situation, cmd);
            }
        }

        return data;
    }

    public static TheoryData<Situation, Cmd> AllowedPairs => Pairs(Outcome.Allowed);

    public static TheoryData<Situation, Cmd> ConflictPairs => Pairs(Outcome.Conflict);

    public static TheoryData<Situation, Cmd> DepartmentlessPairs => Pairs(Outcome.ForbiddenForLackOfDepartment);

    public static TheoryData<Situation, CaseStatus> Statuses => new()
    {
        { Situation.Registered, CaseStatus.Registered },
        { Situation.Accepted, CaseStatus.Accepted },
        { Situation.PendingApproval, CaseStatus.PendingApproval },
        { Situation.Dispatched, CaseStatus.Dispatched },
        { Situation.DispatchedAwaitingExtension, CaseStatus.Dispatched },
        { Situation.InProgress, CaseStatus.InProgress },
        { Situation.InProgressAwaitingExtension, CaseStatus.InProgress },
        { Situation.Returned, CaseStatus.Returned },
        { Situation.Resolved, CaseStatus.Resolved },
        { Situation.Redispatched, CaseStatus.Dispatched },
        { Situation.Escalated, CaseStatus.PendingApproval },
        { Situation.NotReached, CaseStatus.Resolved },
        { Situation.Closed, CaseStatus.Closed },
        { Situation.Rejected, CaseStatus.Rejected },
        { Situation.Answered, CaseStatus.Answered },
    };

    [Theory]
    [MemberData(nameof(Statuses))]
    public void Each_situation_is_reached_through_real_commands(Situation situation, CaseStatus status)
    {
        var flow = CaseFlow.Reach(situation, ComplaintKind.Inquiry);

        flow.State.Status.ShouldBe(status);
        (flow.State.PendingExtension is not null).ShouldBe(situation is Situation.DispatchedAwaitingExtension or Situation.InProgressAwaitingExtension);
        (flow.State.Department is null).ShouldBe(WithoutDepartment.Contains(situation));
        CaseState.Replay(flow.Events).ShouldBe(flow.State);
    }

    [Fact]
    public void The_situations_cover_every_status_and_the_matrix_covers_every_pair()
    {
        Statuses.Select(row => row.Data.Item2).Distinct().Order().ShouldBe(Enum.GetValues<CaseStatus>());
        var all = Enum.GetValues<Situation>().Length * Enum.GetValues<Cmd>().Length;
        (AllowedPairs.Count + ConflictPairs.Count + DepartmentlessPairs.Count).ShouldBe(all);
        ConflictPairs.Count.ShouldBeGreaterThan(AllowedPairs.Count);
    }

    [Theory]
    [MemberData(nameof(AllowedPairs))]
    public void An_allowed_command_makes_events_stamped_with_now_and_the_actor(Situation situation, Cmd cmd)
    {
        var flow = CaseFlow.Reach(situation, ComplaintKind.Inquiry);
        var actor = Commands.UsualActor(cmd, flow);

        var decision = flow.Try(actor, Commands.Make(cmd, flow));

        decision.ShouldBeAllowed();
        decision.Events.ShouldAllBe(e => e.At == flow.Now && e.Actor == actor.User);
    }

    [Theory]
    [MemberData(nameof(ConflictPairs))]
    public void A_command_not_allowed_in_the_status_is_a_conflict_and_changes_nothing(Situation situation, Cmd cmd)
    {
        var flow = CaseFlow.Reach(situation, ComplaintKind.Inquiry);
        var before = flow.State;

        var decision = flow.Try(Commands.UsualActor(cmd, flow), Commands.Make(cmd, flow));

        decision.ShouldBeRefused(RefusalKind.Conflict);
        decision.Refusal!.Message.ToString().ShouldNotBeNullOrWhiteSpace();
        flow.State.ShouldBeSameAs(before);
    }

    /// <summary>
    /// Questionable but deliberate in CaseDecider: department actions check "is this the case's own department"
    /// before the status, so on a case that has no department (not yet dispatched, returned, or ended without
    /// handling) they are Forbidden (403), not Conflict (409). Such a case is not visible to any handler either.
    /// </summary>
    [Theory]
    [MemberData(nameof(DepartmentlessPairs))]
    public void A_department_action_on_a_case_without_a_department_is_forbidden_to_every_handler(Situation situation, Cmd cmd)
    {
        var flow = CaseFlow.Reach(situation, ComplaintKind.Inquiry);

        flow.Try(Given.PipeHandler, Commands.Make(cmd, flow)).ShouldBeRefused(RefusalKind.Forbidden);
        flow.Try(Given.BillingHandler, Commands.Make(cmd, flow)).ShouldBeRefused(RefusalKind.Forbidden);
        CaseDecider.CanView(flow.State, Given.PipeHandler).ShouldBeFalse();
    }

    [Theory]
    [InlineData(Situation.Closed)]
    [InlineData(Situation.Rejected)]
    [InlineData(Situation.Answered)]
    public void A_finished_case_refuses_every_lifecycle_command(Situation situation)
    {
        var flow = CaseFlow.Reach(situation, ComplaintKind.Inquiry);

        foreach (var cmd in Enum.GetValues<Cmd>().Except([Cmd.ViewContact, Cmd.LinkRecomplaint]))
        {
            flow.Try(Commands.UsualActor(cmd, flow), Commands.Make(cmd, flow)).IsRefused.ShouldBeTrue(cmd.ToString());
        }
    }
}
