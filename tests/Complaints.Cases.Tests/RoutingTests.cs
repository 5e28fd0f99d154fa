using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>
/// Where a case may come from and where it goes: the tenant's channels (exact ids), the category's usual department
/// as the dispatch default, and complaints about staff conduct to the discipline office, seen by no other department.
/// </summary>
public sealed class RoutingTests
{
    private const string Discipline = "discipline-office";
    private const string StaffAttitude = "staff-attitude";

    private static readonly CaseRules Routed = Rules with
    {
        Channels = new HashSet<string> { Hotline, Gov12345, WeChat, "walk-in" },
        UsualDepartments = new Dictionary<string, string> { [NoWater] = PipeNetwork, ["billing-dispute"] = Billing, [StaffAttitude] = Billing },
        Discipline = new DisciplineRule(Discipline, new HashSet<string> { StaffAttitude }),
    };

    private static readonly Actor DisciplineHandler = new("handler.ji", Role.Handler, Discipline);

    [Theory]
    [InlineData("foo")]
    [InlineData("Gov-12345")]
    [InlineData("HOTLINE")]
    [InlineData("gov_12345")]
    [InlineData("website")]
    public void A_channel_must_be_one_of_the_tenants_exactly(string channel)
    {
        var registration = Registration(channel: channel);
        var refusal = CaseDecider.ValidateRegistration(registration, Routed, Agent, T0);

        refusal.ShouldNotBeNull();
        refusal.Kind.ShouldBe(RefusalKind.Invalid);
        refusal.Field.ShouldBe("channel");
        refusal.Message.ToString().ShouldContain(Gov12345);
        Decide(null, registration, Agent, rules: Routed).ShouldBeRefused(RefusalKind.Invalid, "channel");
    }

    [Theory]
    [InlineData(Hotline)]
    [InlineData(Gov12345)]
    [InlineData("walk-in")]
    [InlineData(" walk-in ")]
    public void A_channel_of_the_tenant_is_accepted(string channel) =>
        CaseDecider.ValidateRegistration(Registration(channel: channel), Routed, Agent, T0).ShouldBeNull();

    [Fact]
    public void A_channel_plugin_is_held_to_the_same_list() =>
        CaseDecider.ValidateRegistration(Registration(channel: "website"), Routed, new Actor("channel:website", Role.Channel), T0)!.Field.ShouldBe("channel");

    [Fact]
    public void Gov_12345_spelled_otherwise_cannot_skip_the_leaders_approval()
    {
        Decide(null, Registration(channel: "Gov-12345"), Agent, rules: Routed).ShouldBeRefused(RefusalKind.Invalid, "channel");

        CaseFlow.Register(channel: Gov12345, rules: Routed).Accept().Do(Agent, new Dispatch(PipeNetwork)).State.Status.ShouldBe(CaseStatus.PendingApproval);
    }

    [Fact]
    public void Dispatch_without_a_department_goes_to_the_categorys_usual_department()
    {
        var flow = CaseFlow.Register(rules: Routed).Accept(NoWater).Do(Agent, new Dispatch(""));

        flow.State.Department.ShouldBe(PipeNetwork);
        flow.State.Status.ShouldBe(CaseStatus.Dispatched);
    }

    [Fact]
    public void A_named_department_wins_over_the_usual_one() =>
        CaseFlow.Register(rules: Routed).Accept(NoWater).Do(Agent, new Dispatch(Billing)).State.Department.ShouldBe(Billing);

    [Fact]
    public void Dispatch_without_a_department_is_refused_naming_it_when_the_category_has_none() =>
        CaseFlow.Register(rules: Routed).Accept(LowPressure).Try(Agent, new Dispatch("  ")).ShouldBeRefused(RefusalKind.Invalid, "department");

    [Fact]
    public void A_conduct_category_goes_to_the_discipline_office_by_default() =>
        CaseFlow.Register(rules: Routed).Accept(StaffAttitude).Do(Agent, new Dispatch("")).State.Department.ShouldBe(Discipline);

    [Fact]
    public void A_complaint_about_a_staff_member_goes_to_the_discipline_office_whatever_its_category()
    {
        var flow = CaseFlow.Register(Registration() with { Target = new ComplaintTarget(TargetType.Staff, "抄表员吴某") }, Routed)
            .Accept(NoWater).Do(Agent, new Dispatch(""));

        flow.State.Department.ShouldBe(Discipline);
    }

    [Fact]
    public void Without_a_discipline_office_conduct_follows_the_category()
    {
        var flow = CaseFlow.Register(Registration() with { Target = new ComplaintTarget(TargetType.Staff, "抄表员吴某") }, Routed with { Discipline = null })
            .Accept(StaffAttitude).Do(Agent, new Dispatch(""));

        flow.State.Department.ShouldBe(Billing);
    }

    [Fact]
    public void A_conduct_complaint_is_hidden_from_other_departments_even_the_one_that_returned_it()
    {
        // Sent by hand to the department complained about, which returns it; the desk then sends it where it belongs.
        var flow = CaseFlow.Register(Registration() with { Target = new ComplaintTarget(TargetType.Staff, "抄表员吴某") }, Routed)
            .Accept(StaffAttitude).Do(Agent, new Dispatch(Billing)).Do(BillingHandler, new Return("应由纪检监察室调查"))
            .Do(Agent, new Dispatch(""));

        flow.State.Department.ShouldBe(Discipline);
        CaseDecider.CanView(flow.State, DisciplineHandler).ShouldBeTrue();
        CaseDecider.CanView(flow.State, BillingHandler).ShouldBeFalse();
        CaseDecider.CanView(flow.State, PipeHandler).ShouldBeFalse();
        CaseDecider.CanView(flow.State, Supervisor).ShouldBeTrue();
    }
}
