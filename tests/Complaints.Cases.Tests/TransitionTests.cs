using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>Each allowed step of docs/domain.md (lifecycle and actions), one at a time: the events it makes and the state they leave.</summary>
public sealed class TransitionTests
{
    private static void ShouldBeStamped(IReadOnlyList<CaseEvent> events, CaseFlow flow, Actor actor)
    {
        events.ShouldNotBeEmpty();
        events.ShouldAllBe(e => e.At == flow.LastAt && e.Actor == actor.User);
        flow.State.UpdatedAt.ShouldBe(flow.LastAt);
    }

    [Fact]
    public void Register_records_the_complaint_as_given_and_makes_the_registering_agent_its_owner()
    {
        var received = T0.AddDays(-2);
        var target = new ComplaintTarget(TargetType.Staff, "Meter reader Wu");
        var command = Registration() with
        {
            Content = "  Meter reader was rude.  ",
            Category = " staff-attitude ",
            ReceivedAt = received,
            ExternalId = "WX-778",
            Target = target,
            RecomplaintOf = "FY-2025-000999",
            ExternalDeadline = T0.AddDays(1),
        };

        var flow = CaseFlow.Register(command);

        var registered = flow.Last.ShouldHaveSingleItem().ShouldBeOfType<Registered>();
        ShouldBeStamped(flow.Last, flow, Agent);
        registered.Tenant.ShouldBe(Tenant);
        registered.Number.ShouldBe(Number);
        registered.Channel.ShouldBe(Hotline);
        registered.Kind.ShouldBe(ComplaintKind.Complaint);
        registered.Content.ShouldBe("Meter reader was rude.");
        registered.Category.ShouldBe("staff-attitude");
        registered.ReceivedAt.ShouldBe(received);
        registered.ExternalId.ShouldBe("WX-778");
        registered.Complainant.ShouldBe(new Complainant("Zhang San", Mobile, "12 Jiefang Road", "A-1001"));
        registered.Target.ShouldBe(target);
        registered.Location.ShouldBe("Jiefang Road");
        registered.RecomplaintOf.ShouldBe("FY-2025-000999");
        registered.ExternalDeadline.ShouldBe(T0.AddDays(1));

        var s = flow.State;
        s.Status.ShouldBe(CaseStatus.Registered);
        s.IsOpen.ShouldBeTrue();
        s.Owner.ShouldBe(Agent.User);
        s.RegisteredAt.ShouldBe(T0);
        s.ReceivedAt.ShouldBe(received);
        s.Category.ShouldBe("staff-attitude");
        s.Department.ShouldBeNull();
        s.Complainant.Phone.ShouldBe(Mobile);
        s.RecomplaintOf.ShouldBe("FY-2025-000999");
        s.ExternalDeadline.ShouldBe(T0.AddDays(1));
        s.Returns.ShouldBe(0);
        s.Redispatches.ShouldBe(0);
        s.ClosedAt.ShouldBeNull();
    }

    [Fact]
    public void Register_without_a_received_time_takes_now_and_blanks_become_absent()
    {
        var flow = CaseFlow.Register(Registration() with { ExternalId = "  ", Location = " ", RecomplaintOf = "" });

        var registered = flow.Last.ShouldHaveSingleItem().ShouldBeOfType<Registered>();
        registered.ReceivedAt.ShouldBe(T0);
        registered.ExternalId.ShouldBeNull();
        registered.Location.ShouldBeNull();
        registered.RecomplaintOf.ShouldBeNull();
        registered.Category.ShouldBeNull();
        flow.State.Category.ShouldBeNull();
    }

    [Theory]
    [InlineData(Role.Agent)]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Channel)]
    [InlineData(Role.System)]
    [InlineData(Role.Admin)]
    public void Customer_service_channels_and_the_system_may_register(Role role)
    {
        var actor = new Actor($"{role}-user", role);
        var flow = CaseFlow.Register(Registration(), actor: actor);

        flow.State.Owner.ShouldBe(actor.User);
        ShouldBeStamped(flow.Last, flow, actor);
    }

    [Theory]
    [InlineData(Role.Leader, null)]
    [InlineData(Role.Handler, PipeNetwork)]
    public void Leaders_and_departments_may_not_register(Role role, string? department)
    {
        Decide(null, Registration(), new Actor("someone", role, department)).ShouldBeRefused(RefusalKind.Forbidden);
        CaseDecider.ValidateRegistration(Registration(), Rules, new Actor("someone", role, department), Given.T0)!.Kind.ShouldBe(RefusalKind.Forbidden);
    }

    [Fact]
    public void Registering_an_existing_case_again_is_a_conflict()
    {
        var flow = CaseFlow.Register();

        flow.Try(Agent, Registration()).ShouldBeRefused(RefusalKind.Conflict);
    }

    [Fact]
    public void Any_other_command_before_registration_is_a_programming_error()
    {
        Should.Throw<InvalidOperationException>(() => Decide(null, new Accept(NoWater), Agent));
        Should.Throw<InvalidOperationException>(() => CaseState.Apply(null, new Accepted(NoWater, null)));
    }

    [Fact]
    public void Accept_sets_the_category_and_trims_the_input()
    {
        var flow = CaseFlow.Register();

        flow.Do(Supervisor, new Accept($" {LowPressure} ", "  checked the map  "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Accepted(LowPressure, "checked the map") { At = flow.LastAt, Actor = Supervisor.User });
        ShouldBeStamped(flow.Last, flow, Supervisor);
        flow.State.Status.ShouldBe(CaseStatus.Accepted);
        flow.State.Category.ShouldBe(LowPressure);
        flow.State.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void Accept_without_a_note_records_none()
    {
        var flow = CaseFlow.Register().Do(Agent, new Accept(NoWater, "   "));

        flow.Last.ShouldHaveSingleItem().ShouldBeOfType<Accepted>().Note.ShouldBeNull();
    }

    [Fact]
    public void Reject_closes_the_case_with_the_explanation_for_the_customer()
    {
        var flow = CaseFlow.Register().Do(Agent, new Reject("  Private pipes are the owner's.  "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Rejected("Private pipes are the owner's.") { At = flow.LastAt, Actor = Agent.User });
        ShouldBeStamped(flow.Last, flow, Agent);
        flow.State.Status.ShouldBe(CaseStatus.Rejected);
        flow.State.ClosedAt.ShouldBe(flow.LastAt);
        flow.State.IsOpen.ShouldBeFalse();
    }

    public static TheoryData<ComplaintKind, bool> AnswerableKinds => new()
    {
        { ComplaintKind.Inquiry, false },
        { ComplaintKind.Inquiry, true },
        { ComplaintKind.Suggestion, false },
        { ComplaintKind.Suggestion, true },
        { ComplaintKind.Praise, false },
        { ComplaintKind.Praise, true },
    };

    [Theory]
    [MemberData(nameof(AnswerableKinds))]
    public void Inquiries_suggestions_and_praise_are_answered_and_closed_on_the_spot(ComplaintKind kind, bool afterAccepting)
    {
        var flow = CaseFlow.Register(kind);
        if (afterAccepting)
        {
            flow.Accept();
        }

        flow.Do(Agent, new Answer(" The office opens at 8:30. "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Answered("The office opens at 8:30.") { At = flow.LastAt, Actor = Agent.User });
        ShouldBeStamped(flow.Last, flow, Agent);
        flow.State.Status.ShouldBe(CaseStatus.Answered);
        flow.State.ClosedAt.ShouldBe(flow.LastAt);
        flow.State.IsOpen.ShouldBeFalse();
    }

    public static TheoryData<ComplaintKind, Situation> UnanswerableKinds => new()
    {
        { ComplaintKind.Complaint, Situation.Registered },
        { ComplaintKind.Complaint, Situation.Accepted },
        { ComplaintKind.Repair, Situation.Registered },
        { ComplaintKind.Repair, Situation.Accepted },
    };

    [Theory]
    [MemberData(nameof(UnanswerableKinds))]
    public void A_complaint_or_a_repair_report_cannot_be_answered_on_the_spot(ComplaintKind kind, Situation situation)
    {
        var flow = CaseFlow.Reach(situation, kind);

        flow.Try(Agent, new Answer("Try again tomorrow.")).ShouldBeRefused(RefusalKind.Conflict);
        flow.State.Status.ShouldNotBe(CaseStatus.Answered);
    }

    [Theory]
    [InlineData(Situation.Registered)]
    [InlineData(Situation.Accepted)]
    public void A_complaint_the_customer_accepted_the_explanation_of_is_answered_and_closed(Situation situation)
    {
        var flow = CaseFlow.Reach(situation);

        flow.Do(Agent, new Answer("The outage was planned; supply returns at 18:00.", CustomerAccepted: true));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Answered("The outage was planned; supply returns at 18:00.", true) { At = flow.LastAt, Actor = Agent.User });
        flow.State.Status.ShouldBe(CaseStatus.Answered);
        flow.State.IsOpen.ShouldBeFalse();
    }

    [Fact]
    public void A_repair_report_is_not_answered_on_the_spot_even_when_the_customer_accepts()
    {
        CaseFlow.Register(ComplaintKind.Repair).Try(Agent, new Answer("We will come.", CustomerAccepted: true)).ShouldBeRefused(RefusalKind.Conflict);
    }

    [Fact]
    public void Dispatch_without_an_approval_rule_goes_straight_to_the_department()
    {
        var flow = CaseFlow.Register().Accept().Do(Supervisor, new Dispatch($" {PipeNetwork} ", " call today "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Dispatched(PipeNetwork, "call today", AwaitingApproval: false) { At = flow.LastAt, Actor = Supervisor.User });
        ShouldBeStamped(flow.Last, flow, Supervisor);
        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
        flow.State.Department.ShouldBe(PipeNetwork);
    }

    [Fact]
    public void Dispatch_of_a_channel_that_needs_approval_waits_for_a_leader()
    {
        var flow = CaseFlow.Register(channel: Gov12345).Accept().Do(Agent, new Dispatch(PipeNetwork));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Dispatched(PipeNetwork, null, AwaitingApproval: true) { At = flow.LastAt, Actor = Agent.User });
        flow.State.Status.ShouldBe(CaseStatus.PendingApproval);
        flow.State.Department.ShouldBe(PipeNetwork);
        CaseDecider.CanView(flow.State, PipeHandler).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Hotline, false)]
    [InlineData(WeChat, false)]
    [InlineData("walk-in", false)]
    [InlineData(Gov12345, true)]
    public void Approval_is_needed_only_for_the_listed_channels(string channel, bool awaitsApproval)
    {
        Rules.RequiresApproval(channel).ShouldBe(awaitsApproval);

        var flow = CaseFlow.Register(channel: channel).Accept().Dispatch();

        flow.Last.ShouldHaveSingleItem().ShouldBeOfType<Dispatched>().AwaitingApproval.ShouldBe(awaitsApproval);
        flow.State.Status.ShouldBe(awaitsApproval ? CaseStatus.PendingApproval : CaseStatus.Dispatched);
    }

    [Theory]
    [InlineData(Hotline)]
    [InlineData(Gov12345)]
    public void A_tenant_without_an_approval_rule_never_waits(string channel)
    {
        var flow = CaseFlow.Register(channel: channel, rules: NoApprovalRules).Accept().Dispatch();

        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
    }

    [Theory]
    [InlineData(Hotline)]
    [InlineData(WeChat)]
    public void A_tenant_that_approves_every_transfer_makes_every_dispatch_wait(string channel)
    {
        var flow = CaseFlow.Register(channel: channel, rules: ApprovalForAllRules).Accept().Dispatch();

        flow.State.Status.ShouldBe(CaseStatus.PendingApproval);
    }

    [Fact]
    public void A_leader_approves_the_dispatch_to_the_chosen_department()
    {
        var flow = CaseFlow.Reach(Situation.PendingApproval).Do(Leader, new ApproveDispatch(" ok "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new DispatchApproved(PipeNetwork, "ok") { At = flow.LastAt, Actor = Leader.User });
        ShouldBeStamped(flow.Last, flow, Leader);
        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
        flow.State.Department.ShouldBe(PipeNetwork);
    }

    [Fact]
    public void The_department_signs_for_the_order()
    {
        var flow = CaseFlow.Reach(Situation.Dispatched).Do(PipeHandler, new Sign());

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Signed(PipeNetwork) { At = flow.LastAt, Actor = PipeHandler.User });
        ShouldBeStamped(flow.Last, flow, PipeHandler);
        flow.State.Status.ShouldBe(CaseStatus.InProgress);
        flow.State.Department.ShouldBe(PipeNetwork);
    }

    [Theory]
    [InlineData(Situation.Dispatched)]
    [InlineData(Situation.InProgress)]
    public void The_department_returns_a_misrouted_order_to_the_dispatcher(Situation from)
    {
        var flow = CaseFlow.Reach(from).Do(PipeHandler, new Return("  A billing matter.  "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Returned(PipeNetwork, "A billing matter.") { At = flow.LastAt, Actor = PipeHandler.User });
        ShouldBeStamped(flow.Last, flow, PipeHandler);
        flow.State.Status.ShouldBe(CaseStatus.Returned);
        flow.State.Department.ShouldBeNull();
        flow.State.Returns.ShouldBe(1);
        CaseDecider.CanView(flow.State, PipeHandler).ShouldBeFalse();
    }

    [Fact]
    public void A_returned_case_is_dispatched_again_to_another_department_which_then_owns_it()
    {
        var flow = CaseFlow.Reach(Situation.Returned).Do(Agent, new Dispatch(Billing, "Billing dispute."));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new Dispatched(Billing, "Billing dispute.", false) { At = flow.LastAt, Actor = Agent.User });
        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
        flow.State.Department.ShouldBe(Billing);
        flow.State.Returns.ShouldBe(1);

        flow.Try(PipeHandler, new Sign()).ShouldBeRefused(RefusalKind.Forbidden);
        flow.Do(BillingHandler, new Sign());
        flow.State.Status.ShouldBe(CaseStatus.InProgress);
    }

    [Fact]
    public void Every_return_is_counted()
    {
        var flow = CaseFlow.Reach(Situation.Returned).Dispatch(Billing).Return().Dispatch(PipeNetwork).Sign().Return();

        flow.State.Returns.ShouldBe(3);
        flow.State.Status.ShouldBe(CaseStatus.Returned);
    }

    [Fact]
    public void A_returned_case_of_an_approval_channel_needs_approval_again()
    {
        var flow = CaseFlow.Reach(Situation.PendingApproval).ApproveDispatch().Return().Dispatch(Billing);

        flow.State.Status.ShouldBe(CaseStatus.PendingApproval);
        flow.State.Department.ShouldBe(Billing);
    }

    [Theory]
    [InlineData(Situation.Dispatched)]
    [InlineData(Situation.InProgress)]
    public void The_department_asks_for_more_time_before_the_deadline(Situation from)
    {
        var flow = CaseFlow.Reach(from);
        var status = flow.State.Status;
        var until = flow.Now.AddDays(5);

        flow.Do(PipeHandler, new RequestExtension(until, " Pipe must be dug up. "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new ExtensionRequested(until, "Pipe must be dug up.") { At = flow.LastAt, Actor = PipeHandler.User });
        ShouldBeStamped(flow.Last, flow, PipeHandler);
        flow.State.Status.ShouldBe(status);
        flow.State.PendingExtension.ShouldBe(new PendingExtension(until, "Pipe must be dug up.", PipeHandler.User, flow.LastAt));
        flow.State.ExtendedUntil.ShouldBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-60 * 24)]
    public void An_extension_must_end_in_the_future(int minutesFromNow)
    {
        var flow = CaseFlow.Reach(Situation.InProgress);

        flow.Try(PipeHandler, new RequestExtension(flow.Now.AddMinutes(minutesFromNow), "More time.")).ShouldBeRefused(RefusalKind.Invalid, "until");
    }

    [Fact]
    public void Only_one_extension_request_may_wait_at_a_time()
    {
        var flow = CaseFlow.Reach(Situation.InProgressAwaitingExtension);

        flow.Try(PipeHandler, new RequestExtension(flow.Now.AddDays(9), "Even more time.")).ShouldBeRefused(RefusalKind.Conflict);
    }

    [Theory]
    [InlineData(Role.Supervisor)]
    [InlineData(Role.Leader)]
    public void An_approved_extension_moves_the_deadline(Role role)
    {
        var flow = CaseFlow.Reach(Situation.InProgressAwaitingExtension);
        var until = flow.State.PendingExtension!.Until;
        var decider = role == Role.Supervisor ? Supervisor : Leader;

        flow.Do(decider, new DecideExtension(true, " fine "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(new ExtensionDecided(true, until, "fine") { At = flow.LastAt, Actor = decider.User });
        ShouldBeStamped(flow.Last, flow, decider);
        flow.State.ExtendedUntil.ShouldBe(until);
        flow.State.PendingExtension.ShouldBeNull();
        flow.State.Status.ShouldBe(CaseStatus.InProgress);
    }

    [Fact]
    public void A_denied_extension_leaves_the_deadline_where_it_was()
    {
        var flow = CaseFlow.Reach(Situation.DispatchedAwaitingExtension);
        var asked = flow.State.PendingExtension!.Until;

        flow.DecideExtension(approve: false);

        flow.Last.ShouldHaveSingleItem().ShouldBe(new ExtensionDecided(false, asked, "Finish on time.") { At = flow.LastAt, Actor = Supervisor.User });
        flow.State.ExtendedUntil.ShouldBeNull();
        flow.State.PendingExtension.ShouldBeNull();
        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
    }

    [Fact]
    public void After_a_decision_a_new_request_may_be_made_and_a_denial_keeps_the_earlier_approval()
    {
        var flow = CaseFlow.Reach(Situation.InProgress).RequestExtension(TimeSpan.FromDays(2)).DecideExtension(approve: true);
        var approved = flow.State.ExtendedUntil;
        approved.ShouldNotBeNull();

        flow.RequestExtension(TimeSpan.FromDays(10)).DecideExtension(approve: false);

        flow.State.ExtendedUntil.ShouldBe(approved);
    }

    [Fact]
    public void Deciding_without_a_waiting_request_is_a_conflict()
    {
        var flow = CaseFlow.Reach(Situation.InProgress);

        flow.Try(Supervisor, new DecideExtension(true)).ShouldBeRefused(RefusalKind.Conflict);
    }

    [Fact]
    public void A_return_drops_a_waiting_extension_request()
    {
        var flow = CaseFlow.Reach(Situation.InProgressAwaitingExtension).Return();

        flow.State.PendingExtension.ShouldBeNull();
    }

    [Fact]
    public void Reporting_the_result_resolves_the_case_and_drops_a_waiting_extension_request()
    {
        var flow = CaseFlow.Reach(Situation.InProgressAwaitingExtension)
            .Do(PipeHandler, new ReportResult(" Valve replaced. ", " New valve. ", "  ", " Water bill waived for March. "));

        flow.Last.ShouldHaveSingleItem().ShouldBe(
            new ResultReported("Valve replaced.", "New valve.", null, "Water bill waived for March.") { At = flow.LastAt, Actor = PipeHandler.User });
        ShouldBeStamped(flow.Last, flow, PipeHandler);
        flow.State.Status.ShouldBe(CaseStatus.Resolved);
        flow.State.Result.ShouldBe("Valve replaced.");
        flow.State.PendingExtension.ShouldBeNull();
        flow.State.Department.ShouldBe(PipeNetwork);
    }

    [Theory]
    [InlineData(Satisfaction.Satisfied)]
    [InlineData(Satisfaction.BasicallySatisfied)]
    public void A_satisfied_callback_closes_the_case(Satisfaction satisfaction)
    {
        var flow = CaseFlow.Reach(Situation.Resolved).Do(Agent, new RecordCallback(satisfaction, " happy "));

        flow.Last.Count.ShouldBe(2);
        flow.Last[0].ShouldBe(new CallbackRecorded(satisfaction, "happy") { At = flow.LastAt, Actor = Agent.User });
        flow.Last[1].ShouldBeOfType<Closed>().Reason.ShouldNotBeNullOrWhiteSpace();
        ShouldBeStamped(flow.Last, flow, Agent);
        flow.State.Status.ShouldBe(CaseStatus.Closed);
        flow.State.Satisfaction.ShouldBe(satisfaction);
        flow.State.ClosedAt.ShouldBe(flow.LastAt);
        flow.State.IsOpen.ShouldBeFalse();
        flow.State.Redispatches.ShouldBe(0);
    }

    [Fact]
    public void An_unsatisfied_callback_sends_the_case_back_to_the_same_department_and_counts_it()
    {
        var flow = CaseFlow.Reach(Situation.Resolved).Do(Supervisor, new RecordCallback(Satisfaction.Unsatisfied, "Still no water."));

        flow.Last.Count.ShouldBe(2);
        flow.Last[0].ShouldBe(new CallbackRecorded(Satisfaction.Unsatisfied, "Still no water.") { At = flow.LastAt, Actor = Supervisor.User });
        var redispatched = flow.Last[1].ShouldBeOfType<Redispatched>();
        redispatched.Department.ShouldBe(PipeNetwork);
        redispatched.Reason.ShouldNotBeNullOrWhiteSpace();
        EventCodec.NameOf(redispatched).ShouldBe("redispatched");
        ShouldBeStamped(flow.Last, flow, Supervisor);

        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
        flow.State.Department.ShouldBe(PipeNetwork);
        flow.State.Redispatches.ShouldBe(1);
        flow.State.Satisfaction.ShouldBe(Satisfaction.Unsatisfied);
        flow.State.Result.ShouldBeNull();
        flow.State.ClosedAt.ShouldBeNull();
        flow.State.IsOpen.ShouldBeTrue();
    }

    [Fact]
    public void The_case_goes_back_to_the_department_it_was_last_dispatched_to()
    {
        var flow = CaseFlow.Reach(Situation.Returned).Dispatch(Billing).Sign().ReportResult().Callback(Satisfaction.Unsatisfied);

        flow.Last[1].ShouldBeOfType<Redispatched>().Department.ShouldBe(Billing);
        flow.State.Department.ShouldBe(Billing);
        flow.State.Returns.ShouldBe(1);
        flow.State.Redispatches.ShouldBe(1);
    }

    [Fact]
    public void The_second_round_after_an_unsatisfied_callback_closes()
    {
        var flow = CaseFlow.Reach(Situation.Redispatched).Sign().ReportResult().Callback(Satisfaction.Satisfied);

        flow.State.Status.ShouldBe(CaseStatus.Closed);
        flow.State.Satisfaction.ShouldBe(Satisfaction.Satisfied);
        flow.State.Redispatches.ShouldBe(1);
        flow.State.ClosedAt.ShouldBe(flow.LastAt);
        flow.State.Result.ShouldNotBeNull();
    }

    [Fact]
    public void Every_unsatisfied_round_is_counted()
    {
        var flow = CaseFlow.Reach(Situation.Redispatched).Sign().ReportResult().Callback(Satisfaction.Unsatisfied)
            .Sign().ReportResult().Callback(Satisfaction.BasicallySatisfied);

        flow.State.Redispatches.ShouldBe(2);
        flow.State.Status.ShouldBe(CaseStatus.Closed);
    }

    [Fact]
    public void The_whole_lifecycle_reads_as_its_history()
    {
        var flow = CaseFlow.Register(channel: Gov12345)
            .Accept().Dispatch().ApproveDispatch().Sign().Return()
            .Dispatch(Billing).ApproveDispatch().Sign().RequestExtension().DecideExtension(approve: true).ReportResult()
            .Callback(Satisfaction.Unsatisfied).Sign().ReportResult().Callback(Satisfaction.Satisfied);

        flow.Events.Select(EventCodec.NameOf).ShouldBe(
        [
            "registered", "accepted", "dispatched", "dispatch-approved", "signed", "returned",
            "dispatched", "dispatch-approved", "signed", "extension-requested", "extension-decided", "result-reported",
            "callback-recorded", "redispatched", "signed", "result-reported", "callback-recorded", "closed",
        ]);
        flow.Events.Select(e => e.At).ShouldBeInOrder();
        flow.State.Status.ShouldBe(CaseStatus.Closed);
        flow.State.Department.ShouldBe(Billing);
        flow.State.Returns.ShouldBe(1);
        flow.State.Redispatches.ShouldBe(1);
        flow.State.ExtendedUntil.ShouldBeNull(); // the first round's extension ended with the re-dispatch
        flow.State.Owner.ShouldBe(Agent.User);
    }
}
