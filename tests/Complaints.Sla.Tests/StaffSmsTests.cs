using System.Text.Json;
using Complaints.Cases;
using Complaints.Commits;
using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

/// <summary>Staff SMS planned with the events that cause them: a dispatch and a breach, for departments with a duty phone.</summary>
public sealed class StaffSmsTests
{
    private const string Number = "FYW-2026-000042";
    private static readonly DateTimeOffset At = T("2026-09-30T16:00:00+08:00");
    private static readonly IReadOnlySet<string> PipeNetwork = new HashSet<string> { "pipe-network" };

    private static CaseState Registered() => CaseState.Apply(null, new Registered(
        "fangyang-water", Number, "hotline", ComplaintKind.Complaint, "水压低", "water-pressure", At, null, new Complainant("张先生", "13812345678"), null, null, null, null) { At = At })!;

    private static Dictionary<string, string> Data(Complaints.Storage.OutboxMessage m) => JsonSerializer.Deserialize<Dictionary<string, string>>(m.Data)!;

    [Fact]
    public void A_dispatch_to_a_department_with_a_duty_phone_is_texted_with_the_dispatch()
    {
        var state = Registered();
        var dispatched = new Dispatched("pipe-network", "请尽快处理", AwaitingApproval: false) { At = At.AddMinutes(10) };

        var commit = CasePlan.Commit(state, 1, [dispatched], smsDepartments: PipeNetwork);

        var sms = commit.Append.Outbox.Where(m => m.Channel == "staff-sms").ShouldHaveSingleItem();
        (sms.Tenant, sms.Number, sms.Moment, sms.CreatedAt).ShouldBe(("fangyang-water", Number, "dispatched", At.AddMinutes(10)));
        Data(sms).ShouldBe(new Dictionary<string, string> { ["number"] = Number, ["department"] = "pipe-network" }, ignoreOrder: true);
    }

    [Fact]
    public void A_dispatch_waiting_for_approval_is_texted_when_approved()
    {
        var state = Registered();

        StaffSms.For(state, [new Dispatched("pipe-network", null, AwaitingApproval: true) { At = At }], PipeNetwork).ShouldBeEmpty();
        StaffSms.For(state, [new DispatchApproved("pipe-network", "同意") { At = At }], PipeNetwork).ShouldHaveSingleItem().Moment.ShouldBe("dispatched");
    }

    [Fact]
    public void A_breach_of_a_departments_clock_is_texted_with_the_clock_and_its_due_time_in_china_time()
    {
        var breach = new ClockBreached("resolution", T("2026-10-09T09:00:00+00:00"), "pipe-network", 2, 20m) { At = T("2026-10-09T09:00:00+00:00") };

        var sms = StaffSms.For(Registered(), [breach], PipeNetwork).ShouldHaveSingleItem();

        sms.Moment.ShouldBe("clock-breached");
        Data(sms).ShouldBe(new Dictionary<string, string> { ["number"] = Number, ["department"] = "pipe-network", ["clock"] = "resolution", ["dueAt"] = "2026-10-09 17:00" }, ignoreOrder: true);
    }

    [Fact]
    public void Departments_without_a_duty_phone_and_the_desks_clocks_are_not_texted()
    {
        var state = Registered();

        StaffSms.For(state, [new Dispatched("customer-service", null, false) { At = At }], PipeNetwork).ShouldBeEmpty();
        StaffSms.For(state, [new ClockBreached("first-reply", At, null, 2, 20m) { At = At }], PipeNetwork).ShouldBeEmpty();
        StaffSms.For(state, [new Dispatched("pipe-network", null, false) { At = At }], null).ShouldBeEmpty();
        CasePlan.Commit(state, 1, [new Dispatched("pipe-network", null, false) { At = At }]).Append.Outbox.ShouldNotContain(m => m.Channel == "staff-sms");
    }
}
