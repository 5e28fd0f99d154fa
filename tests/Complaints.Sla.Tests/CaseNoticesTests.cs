using Complaints.Cases;
using Complaints.Commits;
using Complaints.Storage;
using Complaints.Texts;
using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

/// <summary>Who is told what (docs/domain.md, notifications): each alert of issue #11 from the case's events alone.</summary>
public sealed class CaseNoticesTests
{
    private const string Tenant = "fuyang-gas";
    private const string Number = "FYG-2026-000007";
    private static readonly DateTimeOffset At = T("2026-11-30T10:00:00+08:00");

    [Fact]
    public void A_supervision_tells_the_department_that_holds_the_case_with_the_supervisors_note()
    {
        var (before, after, notices) = After(Accepted(), new Dispatched("pipe-network", null, AwaitingApproval: false), new Signed("pipe-network"), new Supervised("今天必须到场"));

        before.Department.ShouldBe("pipe-network");
        var notice = notices.ShouldHaveSingleItem();
        (notice.Recipient, notice.Type, notice.Number, notice.Tenant, notice.At).ShouldBe(("department:pipe-network", "supervised", Number, Tenant, At));
        notice.Text.ShouldBe(new TextRef(TextKeys.Notifications.Supervised, [Number, "今天必须到场"]));
        after.Status.ShouldBe(CaseStatus.InProgress);
    }

    [Fact]
    public void A_supervision_of_a_case_still_at_the_desk_tells_the_agents()
    {
        var (_, _, notices) = After(Accepted(), new Supervised("尽快派单"));

        notices.ShouldHaveSingleItem().Recipient.ShouldBe("role:agent");
    }

    [Fact]
    public void A_dispatch_that_waits_for_approval_tells_the_leaders_and_one_that_does_not_tells_nobody()
    {
        var (_, after, waiting) = After(Accepted(), new Dispatched("engineering", null, AwaitingApproval: true));
        var (_, _, direct) = After(Accepted(), new Dispatched("engineering", null, AwaitingApproval: false));

        after.Status.ShouldBe(CaseStatus.PendingApproval);
        var notice = waiting.ShouldHaveSingleItem();
        (notice.Recipient, notice.Type).ShouldBe(("role:leader", "approval-requested"));
        notice.Text.ShouldBe(new TextRef(TextKeys.Notifications.ApprovalRequested, [Number, "engineering"]));
        direct.ShouldBeEmpty();
    }

    [Fact]
    public void An_approval_granted_does_not_ask_again()
    {
        var (_, _, notices) = After(Accepted(), new Dispatched("engineering", null, AwaitingApproval: true), new DispatchApproved("engineering", null));

        notices.ShouldBeEmpty();
    }

    [Fact]
    public void A_result_with_compensation_tells_the_leaders_and_one_without_tells_nobody()
    {
        var handled = new CaseEvent[] { Accepted(), new Dispatched("pipe-network", null, false), new Signed("pipe-network") };

        var (_, _, paid) = After([.. handled, new ResultReported("已修复", null, null, " 减免当月水费 50 元 ")]);
        var (_, _, unpaid) = After([.. handled, new ResultReported("已修复", null, null, "  ")]);

        var notice = paid.ShouldHaveSingleItem();
        (notice.Recipient, notice.Type).ShouldBe(("role:leader", "compensation"));
        notice.Text.ShouldBe(new TextRef(TextKeys.Notifications.Compensation, [Number, "减免当月水费 50 元"]));
        unpaid.ShouldBeEmpty();
    }

    [Fact]
    public void A_threat_tells_supervisors_and_leaders_with_the_responsible_person()
    {
        var state = CaseState.Apply(null, Registration());

        var notices = CaseNotices.Threat(state, "王主任", "扬言到公司闹事", At).ToList();

        notices.Select(n => (n.Recipient, n.Type)).ShouldBe([("role:supervisor", "threat"), ("role:leader", "threat")]);
        notices[0].Text.ShouldBe(new TextRef(TextKeys.Notifications.Threat, [Number, "王主任", "扬言到公司闹事"]));
        CaseNotices.Threat(state, null, null, At).First().Text!.Args.Skip(1).Select(a => a.Value).ShouldBe(["-", ""]);
    }

    [Fact]
    public void Flagging_a_threat_tells_supervisors_and_leaders_once_and_other_flag_changes_tell_nobody()
    {
        var (_, after, flagged) = After(Accepted(), new Flagged(["threat"], "王主任", "扬言到公司闹事"));
        var (_, _, again) = After(Accepted(), new Flagged(["threat"], "王主任", null), new Flagged(["threat"], "李科长", null));
        var (_, _, cleared) = After(Accepted(), new Flagged([], null, null));

        after.Flags.ShouldBe(["threat"]);
        flagged.Select(n => (n.Recipient, n.Type)).ShouldBe([("role:supervisor", "threat"), ("role:leader", "threat")]);
        flagged[0].Text.ShouldBe(new TextRef(TextKeys.Notifications.Threat, [Number, "王主任", "扬言到公司闹事"]));
        again.ShouldBeEmpty();
        cleared.ShouldBeEmpty();
    }

    [Fact]
    public void A_clock_notice_names_the_clock_by_its_word_and_the_deadline_in_china_time()
    {
        var due = T("2026-11-30T17:30:00+08:00");

        var (_, _, warned) = After(Accepted(), new Dispatched("pipe-network", null, false), new ClockWarned(ClockNames.Resolution, due, "pipe-network"));
        var (_, _, breached) = After(Accepted(), new Dispatched("pipe-network", null, false), new ClockBreached(ClockNames.Resolution, due, "pipe-network", 2, 20m));
        var (_, _, deskBreach) = After(new ClockBreached(ClockNames.FirstReply, due, null, 2, 20m));

        var notice = warned.ShouldHaveSingleItem();
        (notice.Recipient, notice.Type, notice.Clock, notice.DueAt).ShouldBe(("department:pipe-network", "clock-warned", ClockNames.Resolution, due));
        notice.Text.ShouldBe(new TextRef(TextKeys.Notifications.ClockWarned, [Number, TextArg.Word(TextKeys.Words.Clock.Resolution), "2026-11-30 17:30"]));
        breached.Select(n => n.Recipient).ShouldBe(["department:pipe-network", "role:supervisor", "role:leader"]);
        deskBreach.Select(n => n.Recipient).ShouldBe(["role:agent", "role:supervisor"]);
    }

    [Fact]
    public void The_commit_plan_writes_the_notices_of_its_events_in_order()
    {
        var state = CaseState.Apply(CaseState.Apply(null, Registration()), Accepted());

        var commit = CasePlan.Commit(state, 2, [Stamp(new Dispatched("engineering", null, true)), Stamp(new Supervised("请尽快审批"))]);

        commit.Append.Notifications.Select(n => (n.Recipient, n.Type)).ShouldBe([("role:leader", "approval-requested"), ("department:engineering", "supervised")]);
    }

    private static (CaseState Before, CaseState After, List<Notification> Notices) After(params CaseEvent[] events)
    {
        var before = events.SkipLast(1).Select(Stamp).Aggregate(CaseState.Apply(null, Registration()), CaseState.Apply);
        var last = Stamp(events[^1]);
        var after = CaseState.Apply(before, last);
        return (before, after, [.. CaseNotices.For(before, last, after)]);
    }

    private static CaseEvent Stamp(CaseEvent e) => e with { At = At, Actor = "someone" };

    private static Accepted Accepted() => new("gas-leak", null);

    private static Registered Registration() =>
        new(Tenant, Number, "hotline", ComplaintKind.Complaint, "燃气表漏气", null, At, null, new Complainant("李女士", "13800138000"), null, null, null, null) { At = At, Actor = "agent" };
}
