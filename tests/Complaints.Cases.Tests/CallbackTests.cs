using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>
/// After the result the desk calls back: an unsatisfied customer's case goes back to the same department, to another
/// one, or to the leader in charge, always counted against the department whose result it was; a customer who cannot
/// be reached is an attempt, and the tenant's policy says when the case closes as not reached.
/// </summary>
public sealed class CallbackTests
{
    private static readonly CaseRules ThreeAttemptsOrThreeDays = Rules with { NotReached = new NotReachedPolicy(3, TimeSpan.FromDays(3)) };

    private static CaseFlow Resolved(CaseRules? rules = null) =>
        CaseFlow.Register(rules: rules ?? Rules).Accept().Dispatch().Sign().ReportResult();

    private static RecordCallback NotReached(string note = "No answer at 16:00.") => new(null, note, CallbackOutcome.NotReached);

    [Fact]
    public void An_unsatisfied_customer_s_case_can_go_to_another_department_counted_against_the_one_that_handled_it()
    {
        var flow = Resolved().Do(Agent, new RecordCallback(Satisfaction.Unsatisfied, "Says it is a billing error.", RedispatchTo: $" {Billing} "));

        flow.Last[1].ShouldBe(new Redispatched(Billing, "客户对处理结果不满意。", PipeNetwork) { At = flow.LastAt, Actor = Agent.User });
        flow.Last[1].ShouldBeOfType<Redispatched>().ChargedTo.ShouldBe(PipeNetwork);
        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
        flow.State.Department.ShouldBe(Billing);
        flow.State.Redispatches.ShouldBe(1);
        flow.State.Handler.ShouldBeNull(); // the new department has not signed yet

        flow.Sign().State.Handler.ShouldBe(BillingHandler.User);
    }

    [Fact]
    public void The_default_goes_back_to_the_same_department_and_is_charged_to_it()
    {
        var flow = Resolved().Callback(Satisfaction.Unsatisfied);

        var redispatched = flow.Last[1].ShouldBeOfType<Redispatched>();
        redispatched.Department.ShouldBe(PipeNetwork);
        redispatched.ChargedTo.ShouldBe(PipeNetwork);
    }

    [Fact]
    public void A_re_dispatch_stored_before_it_named_whom_it_counts_against_counts_against_its_department()
    {
        var stored = EventCodec.Deserialize("redispatched", T0, Agent.User, """{"department":"pipe-network","reason":"The customer was not satisfied with the result."}""");

        stored.ShouldBeOfType<Redispatched>().ChargedTo.ShouldBe(PipeNetwork);
    }

    [Theory]
    [InlineData("no-such-department", RefusalKind.Invalid)]
    [InlineData(" ", RefusalKind.Invalid)]
    public void Redispatching_to_an_unknown_department_is_refused_naming_the_field(string department, RefusalKind kind) =>
        Resolved().Try(Agent, new RecordCallback(Satisfaction.Unsatisfied, RedispatchTo: department)).ShouldBeRefused(kind, "redispatchTo");

    [Theory]
    [InlineData(Satisfaction.Satisfied)]
    [InlineData(Satisfaction.BasicallySatisfied)]
    public void Only_an_unsatisfied_customer_s_case_is_sent_on(Satisfaction satisfaction)
    {
        var flow = Resolved();

        flow.Try(Agent, new RecordCallback(satisfaction, RedispatchTo: Billing)).ShouldBeRefused(RefusalKind.Invalid, "redispatchTo");
        flow.Try(Agent, new RecordCallback(satisfaction, Escalate: true)).ShouldBeRefused(RefusalKind.Invalid, "escalate");
    }

    [Fact]
    public void Escalating_and_naming_a_department_at_once_is_refused() =>
        Resolved().Try(Agent, new RecordCallback(Satisfaction.Unsatisfied, RedispatchTo: Billing, Escalate: true)).ShouldBeRefused(RefusalKind.Invalid, "redispatchTo");

    [Fact]
    public void Escalation_waits_for_the_leader_in_charge_with_the_department_kept_and_counts_against_it()
    {
        var flow = Resolved().Do(Supervisor, new RecordCallback(Satisfaction.Unsatisfied, "Third complaint this month.", Escalate: true));

        flow.Last.Count.ShouldBe(2);
        flow.Last[0].ShouldBeOfType<CallbackRecorded>().Satisfaction.ShouldBe(Satisfaction.Unsatisfied);
        flow.Last[1].ShouldBe(new Escalated(PipeNetwork, "客户对处理结果不满意。") { At = flow.LastAt, Actor = Supervisor.User });
        EventCodec.NameOf(flow.Last[1]).ShouldBe("escalated");
        flow.State.Status.ShouldBe(CaseStatus.PendingApproval);
        flow.State.Department.ShouldBe(PipeNetwork);
        flow.State.Redispatches.ShouldBe(1);
        flow.State.Result.ShouldBeNull();
        flow.State.Handler.ShouldBeNull();

        // Nobody but the leader moves it on; the department cannot sign for it meanwhile.
        flow.Try(PipeHandler, new Sign()).ShouldBeRefused(RefusalKind.Conflict);
        flow.Try(Supervisor, new Dispatch(Billing)).ShouldBeRefused(RefusalKind.Conflict);
    }

    [Fact]
    public void The_leader_sends_an_escalated_case_to_the_department_they_choose()
    {
        var flow = CaseFlow.Reach(Situation.Escalated).Do(Leader, new ApproveDispatch("Billing takes it over.", Department: Billing));

        flow.Last.ShouldBe([new DispatchApproved(Billing, "Billing takes it over.") { At = flow.LastAt, Actor = Leader.User }]);
        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
        flow.State.Department.ShouldBe(Billing);
        flow.Sign().ReportResult().Callback(Satisfaction.Satisfied).State.Status.ShouldBe(CaseStatus.Closed);
    }

    [Fact]
    public void Without_a_department_the_leader_sends_it_back_to_the_same_one()
    {
        var flow = CaseFlow.Reach(Situation.Escalated).ApproveDispatch();

        flow.State.Department.ShouldBe(PipeNetwork);
        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
    }

    [Fact]
    public void The_leader_cannot_send_it_to_an_unknown_department() =>
        CaseFlow.Reach(Situation.Escalated).Try(Leader, new ApproveDispatch(null, Department: "nowhere")).ShouldBeRefused(RefusalKind.Invalid, "department");

    [Fact]
    public void A_customer_not_reached_is_an_attempt_the_case_stays_resolved_and_its_clock_runs()
    {
        var flow = Resolved().Do(Agent, NotReached());

        flow.Last.ShouldBe([new CallbackNotReached(1, "No answer at 16:00.") { At = flow.LastAt, Actor = Agent.User }]);
        flow.State.Status.ShouldBe(CaseStatus.Resolved);
        flow.State.CallbackAttempts.ShouldBe(1);
        flow.State.Satisfaction.ShouldBeNull();
        flow.State.ClosedAt.ShouldBeNull();

        flow.Do(Agent, NotReached()).State.CallbackAttempts.ShouldBe(2);
        flow.Callback(Satisfaction.Satisfied).State.Status.ShouldBe(CaseStatus.Closed);
    }

    [Fact]
    public void Without_a_policy_the_desk_keeps_trying()
    {
        var flow = Resolved();
        for (var i = 0; i < 10; i++)
        {
            flow.Do(Agent, NotReached());
        }

        flow.State.Status.ShouldBe(CaseStatus.Resolved);
        flow.State.CallbackAttempts.ShouldBe(10);
    }

    [Fact]
    public void The_policy_s_last_attempt_closes_the_case_as_not_reached_without_a_satisfaction()
    {
        var flow = Resolved(ThreeAttemptsOrThreeDays).Do(Agent, NotReached()).Do(Agent, NotReached());
        flow.State.Status.ShouldBe(CaseStatus.Resolved);

        flow.Do(Agent, NotReached("Third try, no answer."));

        flow.Last.Count.ShouldBe(2);
        flow.Last[0].ShouldBeOfType<CallbackNotReached>().Attempt.ShouldBe(3);
        flow.Last[1].ShouldBeOfType<Closed>().Reason.ShouldBe("经 3 次回访仍未联系上客户，按未联系上结案。");
        flow.State.Status.ShouldBe(CaseStatus.Closed);
        flow.State.Satisfaction.ShouldBeNull();
        flow.State.ClosedAt.ShouldBe(flow.LastAt);
    }

    [Fact]
    public void An_attempt_made_once_the_policy_s_time_after_the_result_has_passed_closes_the_case()
    {
        var flow = Resolved(ThreeAttemptsOrThreeDays);
        var resolvedAt = flow.LastAt;

        var early = flow.Try(Agent, NotReached());
        var late = CaseDecider.Decide(flow.State, NotReached(), new DecisionContext(resolvedAt.AddDays(3), Agent, flow.Rules));

        early.Events.ShouldHaveSingleItem().ShouldBeOfType<CallbackNotReached>();
        late.Events.Select(e => e.GetType()).ShouldBe([typeof(CallbackNotReached), typeof(Closed)]);
    }

    [Fact]
    public void A_new_result_starts_the_attempts_again()
    {
        var flow = Resolved(ThreeAttemptsOrThreeDays).Do(Agent, NotReached()).Do(Agent, NotReached())
            .Callback(Satisfaction.Unsatisfied).Sign().ReportResult();

        flow.State.CallbackAttempts.ShouldBe(0);
        flow.Do(Agent, NotReached()).State.Status.ShouldBe(CaseStatus.Resolved);
    }

    [Theory]
    [InlineData("satisfaction")]
    [InlineData("redispatchTo")]
    [InlineData("escalate")]
    public void A_callback_that_did_not_reach_the_customer_has_no_satisfaction_nor_routing(string field)
    {
        var command = field switch
        {
            "satisfaction" => NotReached() with { Satisfaction = Satisfaction.Satisfied },
            "redispatchTo" => NotReached() with { RedispatchTo = Billing },
            _ => NotReached() with { Escalate = true },
        };

        Resolved().Try(Agent, command).ShouldBeRefused(RefusalKind.Invalid, field);
    }

    [Fact]
    public void A_reached_customer_needs_a_satisfaction() =>
        Resolved().Try(Agent, new RecordCallback(null)).ShouldBeRefused(RefusalKind.Invalid, "satisfaction");

    [Fact]
    public void The_handler_is_who_signed_and_is_cleared_by_a_return()
    {
        var flow = CaseFlow.Reach(Situation.InProgress);
        flow.State.Handler.ShouldBe(PipeHandler.User);
        flow.State.Owner.ShouldBe(Agent.User);

        flow.Return().State.Handler.ShouldBeNull();
    }

    [Fact]
    public void A_channel_s_item_is_owned_by_the_first_desk_person_who_takes_it_up()
    {
        var flow = CaseFlow.Register(Registration(channel: WeChat), actor: WeChatChannel);
        flow.State.Owner.ShouldBe(WeChatChannel.User);

        flow.Do(Supervisor, new Accept(NoWater)).State.Owner.ShouldBe(Supervisor.User);
        flow.Dispatch().State.Owner.ShouldBe(Supervisor.User); // kept: the first one owns it
    }

    [Fact]
    public void A_person_who_registers_stays_the_owner_whoever_accepts()
    {
        var flow = CaseFlow.Register().Do(Supervisor, new Accept(NoWater));

        flow.State.Owner.ShouldBe(Agent.User);
    }
}
