using System.Text.Json;
using Complaints.Cases;
using Complaints.Commits;
using Complaints.Storage;
using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

/// <summary>
/// The commit plan on its own: for each change of a case, what the grain hands the store in one transaction —
/// the events with their clocks, the ledger row, the notices, the breach records, the outbox and the reply address.
/// </summary>
public sealed class CasePlanTests
{
    private const string Tenant = "fangyang-water";
    private static readonly DateTimeOffset Registered = T("2026-09-30T16:00:00+08:00");
    private static readonly DateTimeOffset FirstReplyWarnAt = T("2026-09-30T16:45:00+08:00");
    private static readonly DateTimeOffset FirstReplyDueAt = T("2026-09-30T17:00:00+08:00");

    [Fact]
    public void A_registration_writes_its_events_from_seq_1_and_a_ledger_row_with_the_phone_masked_and_the_next_wake_up()
    {
        var run = ClockedCase.Of(Tenant);

        var commit = run.Commit(Registration("hotline"), ClockedCase.Agent, Registered);

        commit.Append.Tenant.ShouldBe(Tenant);
        commit.Append.Number.ShouldBe(ClockedCase.Number);
        commit.Append.ExpectedSeq.ShouldBe(0);
        commit.Append.Events.Select(e => (e.Seq, e.Type)).ShouldBe([(1, "registered"), (2, "clock-started")]);
        var row = commit.Append.Ledger;
        row.Status.ShouldBe("registered");
        row.Channel.ShouldBe("hotline");
        row.ComplainantName.ShouldBe("张先生");
        row.ComplainantPhoneMasked.ShouldBe("138****5678");
        row.NextDueAt.ShouldBe(FirstReplyDueAt);
        row.WakeAt.ShouldBe(FirstReplyWarnAt);
        row.Overdue.ShouldBeFalse();
        commit.Append.Notifications.ShouldBeEmpty();
        commit.Append.Breaches.ShouldBeEmpty();
        commit.Next.ShouldBe(run.State);
    }

    [Fact]
    public void A_warning_that_falls_due_notifies_the_one_who_must_act_and_records_no_breach()
    {
        var run = ClockedCase.Of(Tenant);
        run.Commit(Registration("hotline"), ClockedCase.Agent, Registered);

        var commit = CasePlan.CatchUp(run.State, run.Log.Count, FirstReplyWarnAt, run.Engine).ShouldNotBeNull();

        commit.Append.ExpectedSeq.ShouldBe(2);
        commit.Append.Events.ShouldHaveSingleItem().Type.ShouldBe("clock-warned");
        var notice = commit.Append.Notifications.ShouldHaveSingleItem();
        (notice.Tenant, notice.Recipient, notice.Number, notice.Type, notice.Clock, notice.DueAt, notice.At)
            .ShouldBe((Tenant, "role:agent", ClockedCase.Number, "clock-warned", ClockNames.FirstReply, FirstReplyDueAt, FirstReplyWarnAt));
        commit.Append.Breaches.ShouldBeEmpty();
        commit.Append.Ledger.WakeAt.ShouldBe(FirstReplyDueAt);
    }

    [Fact]
    public void A_breach_records_the_policy_cost_marks_the_ledger_overdue_and_tells_the_supervision_chain()
    {
        var run = ClockedCase.Of(Tenant);
        run.Commit(Registration("hotline"), ClockedCase.Agent, Registered);
        run.Tick(FirstReplyWarnAt);

        var commit = CasePlan.CatchUp(run.State, run.Log.Count, FirstReplyDueAt, run.Engine).ShouldNotBeNull();

        commit.Append.Breaches.ShouldBe([new BreachRecord(Tenant, ClockedCase.Number, ClockNames.FirstReply, null, FirstReplyDueAt, FirstReplyDueAt, 2, 20m)]);
        commit.Append.Notifications.Select(n => (n.Recipient, n.Type)).ShouldBe([("role:agent", "clock-breached"), ("role:supervisor", "clock-breached")]);
        commit.Append.Ledger.Overdue.ShouldBeTrue();
        commit.Append.Outbox.ShouldBeEmpty();
    }

    [Fact]
    public void Nothing_due_plans_no_commit_at_all()
    {
        var run = ClockedCase.Of(Tenant);
        run.Commit(Registration("hotline"), ClockedCase.Agent, Registered);

        CasePlan.CatchUp(run.State, run.Log.Count, FirstReplyWarnAt.AddMilliseconds(-1), run.Engine).ShouldBeNull();
        CasePlan.CatchUp(run.State, run.Log.Count, FirstReplyDueAt, engine: null).ShouldBeNull();
    }

    [Fact]
    public void An_acceptance_puts_the_channel_reply_with_the_resolution_deadline_in_the_outbox()
    {
        var run = ClockedCase.Of(Tenant);
        var registration = run.Commit(Registration("wechat") with { ExternalId = "wx-msg-1" }, ClockedCase.Agent, Registered);
        var acceptedAt = Registered.AddMinutes(30);

        var commit = run.Commit(new Accept("general"), ClockedCase.Agent, acceptedAt);

        registration.Append.Outbox.ShouldBeEmpty();
        var reply = commit.Append.Outbox.ShouldHaveSingleItem();
        (reply.Tenant, reply.Number, reply.Channel, reply.ExternalId, reply.Moment, reply.CreatedAt)
            .ShouldBe((Tenant, ClockedCase.Number, "wechat", "wx-msg-1", "accepted", acceptedAt));
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(reply.Data)!;
        data["number"].ShouldBe(ClockedCase.Number);
        data["category"].ShouldBe("general");
        data["dueAt"].ShouldBe(TimeInChina(run.Clock(CaseDecider.ResolutionClock).DueAt));
        commit.Append.Ledger.Status.ShouldBe("accepted");
    }

    [Fact]
    public void The_reply_address_goes_with_the_registration_and_with_nothing_else()
    {
        var run = ClockedCase.Of(Tenant);

        var registration = run.Commit(Registration("wechat"), ClockedCase.Agent, Registered, replyTo: " oFyW-openid-42 ");
        var acceptance = run.Commit(new Accept("general"), ClockedCase.Agent, Registered.AddMinutes(30), replyTo: "oFyW-openid-42");

        registration.Append.ReplyAddress.ShouldBe(new ReplyAddress("wechat", "oFyW-openid-42"));
        acceptance.Append.ReplyAddress.ShouldBeNull();
        ClockedCase.Of(Tenant).Commit(Registration("hotline"), ClockedCase.Agent, Registered, replyTo: "  ").Append.ReplyAddress.ShouldBeNull();
    }

    [Fact]
    public void A_refused_command_plans_nothing()
    {
        var run = ClockedCase.Of(Tenant);
        run.Commit(Registration("hotline"), ClockedCase.Agent, Registered);

        var (commit, refusal) = CasePlan.Decide(run.State, run.Log.Count, new Accept("no-such-category"), new(Registered.AddMinutes(5), ClockedCase.Agent, ClockPresets.Rules(Tenant)), run.Engine);

        commit.ShouldBeNull();
        refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Invalid);
    }

    private static Register Registration(string channel) =>
        new(Tenant, ClockedCase.Number, channel, ComplaintKind.Complaint, "解放路停水一上午了", Complainant: new Complainant("张先生", "13812345678"));

    private static string TimeInChina(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
