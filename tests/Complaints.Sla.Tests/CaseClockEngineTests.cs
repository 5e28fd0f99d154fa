using Complaints.Cases;
using Complaints.Commits;
using Microsoft.Extensions.Configuration;
using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

/// <summary>
/// The case clock engine driven the way the complaint grain drives it: the real decider decides, the engine adds
/// the clock events after each lifecycle event, the state applies them, and every tick records what fell due.
/// Times are China time around National Day 2026 (10-01..10-07 off, 10-08 the first working day after it).
/// </summary>
public sealed class CaseClockEngineTests
{
    private const string Fangyang = "fangyang-water";
    private const string Fuyang = "fuyang-gas";

    // Registered at 16:00 on the last working day before National Day, accepted half an hour later.
    private static readonly DateTimeOffset Registered = T("2026-09-30T16:00:00+08:00");
    private static readonly DateTimeOffset AcceptedAt = T("2026-09-30T16:30:00+08:00");

    // ---------------------------------------------------------------- starting and stopping

    [Fact]
    public void Registering_a_hotline_complaint_starts_the_one_hour_first_reply_clock()
    {
        var run = ClockedCase.Of(Fangyang);

        var events = run.Register(Registered);

        events.Select(EventCodec.NameOf).ShouldBe(["registered", "clock-started"]);
        events[1].ShouldBe(new ClockStarted(ClockNames.FirstReply, Registered, T("2026-09-30T16:45:00+08:00"), T("2026-09-30T17:00:00+08:00"), null)
        {
            At = Registered,
            Actor = CaseClockEngine.Actor,
        });
        var clock = run.Clock(ClockNames.FirstReply);
        clock.Status.ShouldBe(ClockStatus.Running);
        clock.IsRunning.ShouldBeTrue();
        run.State.Clocks.Count.ShouldBe(1);
    }

    [Fact]
    public void A_12345_transfer_has_no_first_reply_clock_because_only_hotline_and_wechat_have_one()
    {
        var run = ClockedCase.Of(Fangyang);

        var events = run.Register(Registered, channel: "gov-12345");

        events.Select(EventCodec.NameOf).ShouldBe(["registered"]);
        run.State.Clocks.ShouldBeEmpty();
        run.WakeUp.ShouldBeNull();
    }

    [Fact]
    public void Accepting_stops_first_reply_as_met_and_starts_dispatch_and_resolution_from_the_acceptance()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);

        var events = run.Accept(AcceptedAt, "water-quality");

        events.Select(EventCodec.NameOf).ShouldBe(["accepted", "clock-stopped", "clock-started", "clock-started"]);
        events[1].ShouldBe(new ClockStopped(ClockNames.FirstReply, Met: true) { At = AcceptedAt, Actor = CaseClockEngine.Actor });
        events[2].ShouldBe(new ClockStarted(ClockNames.Dispatch, AcceptedAt, T("2026-09-30T17:15:00+08:00"), T("2026-09-30T17:30:00+08:00"), null) { At = AcceptedAt, Actor = CaseClockEngine.Actor });
        events[3].ShouldBe(new ClockStarted(ClockNames.Resolution, AcceptedAt, T("2026-10-02T22:30:00+08:00"), T("2026-10-03T16:30:00+08:00"), null) { At = AcceptedAt, Actor = CaseClockEngine.Actor });

        var firstReply = run.Clock(ClockNames.FirstReply);
        firstReply.Status.ShouldBe(ClockStatus.Met);
        firstReply.StoppedAt.ShouldBe(AcceptedAt);
        run.Clock(ClockNames.Dispatch).Status.ShouldBe(ClockStatus.Running);
        run.Clock(ClockNames.Resolution).Status.ShouldBe(ClockStatus.Running);
    }

    [Theory]
    // seed 000 art. 14: water quality 3 days, bill disputes 7 days, general 1 day (calendar days: National Day does not matter).
    [InlineData("hotline", "water-quality", "2026-10-02T22:30:00+08:00", "2026-10-03T16:30:00+08:00")]
    [InlineData("hotline", "billing-dispute", "2026-10-05T22:30:00+08:00", "2026-10-07T16:30:00+08:00")]
    [InlineData("hotline", "general", "2026-10-01T10:30:00+08:00", "2026-10-01T16:30:00+08:00")]
    [InlineData("wechat", "pipe-burst", "2026-10-01T10:30:00+08:00", "2026-10-01T16:30:00+08:00")]
    // 12345 and media transfers: 1 day whatever the category (art. 14 (一)1).
    [InlineData("gov-12345", "water-quality", "2026-10-01T10:30:00+08:00", "2026-10-01T16:30:00+08:00")]
    [InlineData("gov-12345", "billing-dispute", "2026-10-01T10:30:00+08:00", "2026-10-01T16:30:00+08:00")]
    [InlineData("media", "construction-quality", "2026-10-01T10:30:00+08:00", "2026-10-01T16:30:00+08:00")]
    public void The_resolution_clock_runs_by_category_unless_the_channel_overrides_it(string channel, string category, string warnAt, string dueAt)
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered, channel: channel);

        run.Accept(AcceptedAt, category);

        var resolution = run.Clock(ClockNames.Resolution);
        resolution.StartedAt.ShouldBe(AcceptedAt);
        resolution.WarnAt.ShouldBe(T(warnAt));
        resolution.DueAt.ShouldBe(T(dueAt));
        resolution.DueAt.Offset.ShouldBe(China);
        resolution.Department.ShouldBeNull();
    }

    [Fact]
    public void Dispatching_a_pipe_burst_stops_dispatch_as_met_and_starts_sign_for_and_the_two_hour_on_site_clock_against_the_department()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "pipe-burst");
        var at = T("2026-09-30T17:00:00+08:00");

        var events = run.Dispatch(at, "pipe-network");

        events.Select(EventCodec.NameOf).ShouldBe(["dispatched", "clock-stopped", "clock-started", "clock-started"]);
        events[1].ShouldBe(new ClockStopped(ClockNames.Dispatch, Met: true) { At = at, Actor = CaseClockEngine.Actor });
        events[2].ShouldBe(new ClockStarted(ClockNames.SignFor, at, T("2026-10-01T12:12:00+08:00"), T("2026-10-01T17:00:00+08:00"), "pipe-network") { At = at, Actor = CaseClockEngine.Actor });
        events[3].ShouldBe(new ClockStarted(ClockNames.OnSite, at, T("2026-09-30T18:30:00+08:00"), T("2026-09-30T19:00:00+08:00"), "pipe-network") { At = at, Actor = CaseClockEngine.Actor });
        run.Clock(ClockNames.Dispatch).Status.ShouldBe(ClockStatus.Met);
        run.Clock(ClockNames.Resolution).DueAt.ShouldBe(T("2026-10-01T16:30:00+08:00"));
    }

    [Fact]
    public void Only_categories_with_an_on_site_time_get_an_on_site_clock()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "billing-dispute");

        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "billing");

        run.State.Clocks.Select(c => c.Name).Order().ShouldBe([ClockNames.Dispatch, ClockNames.FirstReply, ClockNames.Resolution, ClockNames.SignFor]);
    }

    [Fact]
    public void Signing_and_reporting_stop_their_clocks_as_met_and_the_result_starts_the_callback_clock()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "pipe-burst");
        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "pipe-network");

        run.Sign(T("2026-09-30T17:20:00+08:00"));
        var reported = T("2026-09-30T18:00:00+08:00");
        var events = run.Report(reported);

        run.Clock(ClockNames.SignFor).Status.ShouldBe(ClockStatus.Met);
        events.Select(EventCodec.NameOf).ShouldBe(["result-reported", "clock-stopped", "clock-stopped", "clock-started"]);
        run.Clock(ClockNames.OnSite).Status.ShouldBe(ClockStatus.Met);
        run.Clock(ClockNames.Resolution).Status.ShouldBe(ClockStatus.Met);
        // Callback within 1 working day: 10-01..10-07 are off, 10-08 is the working day, so due at its end.
        var callback = run.Clock(ClockNames.Callback);
        callback.StartedAt.ShouldBe(reported);
        callback.DueAt.ShouldBe(T("2026-10-09T00:00:00+08:00"));
        callback.WarnAt.ShouldBe(T("2026-10-07T08:24:00+08:00"));
        // Calling back is the desk's job, not the department's.
        callback.Department.ShouldBeNull();
    }

    [Fact]
    public void A_stop_event_after_the_due_time_stops_the_clock_as_not_met()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        var late = T("2026-09-30T17:10:00+08:00");

        // Without a tick in between (the pure engine): the accept is simply late.
        var events = run.Accept(late, "general", catchUp: false);

        events[1].ShouldBe(new ClockStopped(ClockNames.FirstReply, Met: false) { At = late, Actor = CaseClockEngine.Actor });
        var firstReply = run.Clock(ClockNames.FirstReply);
        firstReply.Status.ShouldBe(ClockStatus.Stopped);
        firstReply.StoppedAt.ShouldBe(late);
        firstReply.IsOverdue.ShouldBeFalse();
    }

    [Fact]
    public void A_breached_clock_stays_breached_after_its_stop_event_and_leaves_the_overdue_list()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Tick(T("2026-09-30T17:00:00+08:00"));
        run.Clock(ClockNames.FirstReply).IsOverdue.ShouldBeTrue();
        var late = T("2026-09-30T17:10:00+08:00");

        run.Accept(late, "general");

        var firstReply = run.Clock(ClockNames.FirstReply);
        firstReply.Status.ShouldBe(ClockStatus.Breached);
        firstReply.StoppedAt.ShouldBe(late);
        firstReply.IsRunning.ShouldBeFalse();
        firstReply.IsOverdue.ShouldBeFalse();
        run.Log.OfType<ClockStopped>().Single(s => s.Name == ClockNames.FirstReply).Met.ShouldBeFalse();
    }

    // ---------------------------------------------------------------- Due: warnings and breaches

    [Fact]
    public void Nothing_is_due_before_the_warning_time()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);

        run.Engine.Due(run.State, Registered).ShouldBeEmpty();
        run.Engine.Due(run.State, T("2026-09-30T16:44:59.999+08:00")).ShouldBeEmpty();
    }

    [Fact]
    public void The_warning_falls_exactly_at_the_warning_time_and_only_once()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        var warnAt = T("2026-09-30T16:45:00+08:00");

        var due = run.Tick(warnAt);

        due.ShouldBe([new ClockWarned(ClockNames.FirstReply, T("2026-09-30T17:00:00+08:00"), null) { At = warnAt, Actor = CaseClockEngine.Actor }]);
        run.Clock(ClockNames.FirstReply).Status.ShouldBe(ClockStatus.Warned);
        run.Engine.Due(run.State, warnAt).ShouldBeEmpty();
        run.Engine.Due(run.State, T("2026-09-30T16:50:00+08:00")).ShouldBeEmpty();
        run.Engine.Due(run.State, T("2026-09-30T16:59:59.999+08:00")).ShouldBeEmpty();
    }

    [Fact]
    public void The_breach_falls_at_the_due_time_with_the_policy_points_and_fine_and_only_once()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Tick(T("2026-09-30T16:45:00+08:00"));
        var dueAt = T("2026-09-30T17:00:00+08:00");

        var due = run.Tick(dueAt);

        due.ShouldBe([new ClockBreached(ClockNames.FirstReply, dueAt, null, 2, 20m) { At = dueAt, Actor = CaseClockEngine.Actor }]);
        run.Clock(ClockNames.FirstReply).Status.ShouldBe(ClockStatus.Breached);
        run.Clock(ClockNames.FirstReply).IsOverdue.ShouldBeTrue();
        run.Engine.Due(run.State, dueAt).ShouldBeEmpty();
        run.Engine.Due(run.State, T("2026-09-30T18:00:00+08:00")).ShouldBeEmpty();
        run.Engine.Due(run.State, T("2026-12-31T00:00:00+08:00")).ShouldBeEmpty();
    }

    [Fact]
    public void When_the_host_was_down_past_both_warning_and_deadline_only_the_breach_is_recorded()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        var back = T("2026-09-30T20:00:00+08:00");

        var due = run.Tick(back);

        due.ShouldBe([new ClockBreached(ClockNames.FirstReply, T("2026-09-30T17:00:00+08:00"), null, 2, 20m) { At = back, Actor = CaseClockEngine.Actor }]);
        run.Log.OfType<ClockWarned>().ShouldBeEmpty();
        run.Engine.Due(run.State, back.AddDays(1)).ShouldBeEmpty();
    }

    [Fact]
    public void A_department_clock_breach_is_charged_to_the_department_it_runs_against()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "billing-dispute");
        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "billing");
        var signForDue = T("2026-10-01T17:00:00+08:00");

        var due = run.Tick(signForDue);

        due.ShouldBe([new ClockBreached(ClockNames.SignFor, signForDue, "billing", 2, 20m) { At = signForDue, Actor = CaseClockEngine.Actor }]);
    }

    [Fact]
    public void A_late_resolution_is_charged_to_the_department_handling_the_case()
    {
        var run = ClockedCase.Of(Fangyang);
        run.ToInProgress(AcceptedAt, "general", "customer-service");

        var warned = run.Tick(T("2026-10-01T10:30:00+08:00"));
        var breached = run.Tick(T("2026-10-01T16:30:00+08:00"));

        // Seed 001 §8: the department loses 2 points and its person is fined 20 yuan. The resolution clock starts
        // on acceptance, before any department is known, so it must not stay charged to nobody once dispatched.
        warned.ShouldBe([new ClockWarned(ClockNames.Resolution, T("2026-10-01T16:30:00+08:00"), "customer-service") { At = T("2026-10-01T10:30:00+08:00"), Actor = CaseClockEngine.Actor }]);
        breached.ShouldBe([new ClockBreached(ClockNames.Resolution, T("2026-10-01T16:30:00+08:00"), "customer-service", 2, 20m, "handler.customer-service") { At = T("2026-10-01T16:30:00+08:00"), Actor = CaseClockEngine.Actor }]);
    }

    [Fact]
    public void A_late_resolution_after_a_return_is_charged_to_the_department_that_holds_the_case_when_it_breaches()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "general");
        run.Dispatch(T("2026-09-30T16:40:00+08:00"), "pipe-network");
        run.Do(new Return("Not a pipe matter."), ClockedCase.HandlerOf("pipe-network"), T("2026-09-30T16:50:00+08:00"));
        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "customer-service");

        var breached = run.Tick(T("2026-10-01T16:30:00+08:00"));

        breached.OfType<ClockBreached>().Single(b => b.Name == ClockNames.Resolution).Department.ShouldBe("customer-service");
    }

    [Fact]
    public void A_breach_names_the_person_who_signed_for_the_case_in_this_round_and_nobody_before_the_next_signature()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "general");
        run.Dispatch(T("2026-09-30T16:40:00+08:00"), "pipe-network");
        run.Sign(T("2026-09-30T16:50:00+08:00"));
        run.Do(new Return("Not a pipe matter."), ClockedCase.HandlerOf("pipe-network"), T("2026-09-30T16:55:00+08:00"));
        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "customer-service");

        // Signed by pipe-network, then returned: customer-service holds it but nobody there has signed.
        var breached = run.Tick(T("2026-10-01T16:30:00+08:00")).OfType<ClockBreached>().ToList();

        breached.ShouldAllBe(b => b.Person == null);
        breached.Select(b => b.Name).ShouldContain(ClockNames.Resolution);
    }

    [Fact]
    public void Desk_clocks_warn_and_breach_against_the_desk_even_while_a_department_holds_the_case()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "general");
        run.Dispatch(T("2026-09-30T16:40:00+08:00"), "customer-service");
        run.Sign(T("2026-09-30T16:50:00+08:00"));
        run.Report(T("2026-09-30T17:00:00+08:00"));

        var due = run.Tick(T("2026-10-09T00:00:00+08:00"));

        due.ShouldBe([new ClockBreached(ClockNames.Callback, T("2026-10-09T00:00:00+08:00"), null, 2, 20m) { At = T("2026-10-09T00:00:00+08:00"), Actor = CaseClockEngine.Actor }]);
    }

    [Fact]
    public void Each_clock_warns_and_breaches_on_its_own_times()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "pipe-burst");
        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "pipe-network");

        run.Tick(T("2026-09-30T18:29:00+08:00")).ShouldBeEmpty();
        run.Tick(T("2026-09-30T18:30:00+08:00")).ShouldBe([new ClockWarned(ClockNames.OnSite, T("2026-09-30T19:00:00+08:00"), "pipe-network") { At = T("2026-09-30T18:30:00+08:00"), Actor = CaseClockEngine.Actor }]);
        run.Tick(T("2026-09-30T19:00:00+08:00")).ShouldBe([new ClockBreached(ClockNames.OnSite, T("2026-09-30T19:00:00+08:00"), "pipe-network", 2, 20m) { At = T("2026-09-30T19:00:00+08:00"), Actor = CaseClockEngine.Actor }]);
        run.Tick(T("2026-10-01T10:30:00+08:00")).Select(Describe).ShouldBe(["clock-warned resolution"]);
        run.Tick(T("2026-10-01T12:12:00+08:00")).Select(Describe).ShouldBe(["clock-warned sign-for"]);
        run.Tick(T("2026-10-01T16:30:00+08:00")).Select(Describe).ShouldBe(["clock-breached resolution"]);
        run.Tick(T("2026-10-01T17:00:00+08:00")).Select(Describe).ShouldBe(["clock-breached sign-for"]);
        run.Tick(T("2026-10-09T00:00:00+08:00")).ShouldBeEmpty();
    }

    [Fact]
    public void Ticking_every_minute_for_days_warns_and_breaches_each_clock_run_at_most_once_and_never_early()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "pipe-burst");
        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "pipe-network");
        var clocks = run.State.Clocks.ToDictionary(c => c.Name);

        for (var now = T("2026-09-30T17:00:00+08:00"); now <= T("2026-10-03T00:00:00+08:00"); now = now.AddMinutes(1))
        {
            run.Tick(now);
        }

        var warned = run.Log.OfType<ClockWarned>().ToList();
        var breached = run.Log.OfType<ClockBreached>().ToList();
        warned.GroupBy(w => w.Name).ShouldAllBe(g => g.Count() == 1);
        breached.GroupBy(b => b.Name).ShouldAllBe(g => g.Count() == 1);
        breached.Select(b => b.Name).Order().ShouldBe([ClockNames.OnSite, ClockNames.Resolution, ClockNames.SignFor]);
        foreach (var w in warned)
        {
            w.At.ShouldBe(clocks[w.Name].WarnAt, $"{w.Name} warned at {w.At}");
        }

        foreach (var b in breached)
        {
            b.At.ShouldBe(clocks[b.Name].DueAt, $"{b.Name} breached at {b.At}");
            b.DueAt.ShouldBe(clocks[b.Name].DueAt);
        }
    }

    [Fact]
    public void A_stopped_clock_never_falls_due()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "general");
        run.Dispatch(T("2026-09-30T16:40:00+08:00"), "customer-service");
        run.Sign(T("2026-09-30T16:50:00+08:00"));
        run.Report(T("2026-09-30T17:00:00+08:00"));
        run.Callback(T("2026-09-30T17:30:00+08:00"), Satisfaction.Satisfied);

        run.Engine.Due(run.State, T("2027-01-01T00:00:00+08:00")).ShouldBeEmpty();
    }

    // ---------------------------------------------------------------- NextWakeUp

    [Fact]
    public void The_next_wake_up_is_the_warning_then_the_deadline_then_nothing_once_breached()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);

        run.WakeUp.ShouldBe(T("2026-09-30T16:45:00+08:00"));
        run.Tick(T("2026-09-30T16:45:00+08:00"));
        run.WakeUp.ShouldBe(T("2026-09-30T17:00:00+08:00"));
        run.Tick(T("2026-09-30T17:00:00+08:00"));
        run.WakeUp.ShouldBeNull();
    }

    [Fact]
    public void A_deadline_has_passed_from_the_deadline_until_its_breach_is_recorded_and_not_at_the_warning()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);

        CaseClockEngine.DeadlinePassed(run.State, T("2026-09-30T16:45:00+08:00")).ShouldBeFalse();
        run.Tick(T("2026-09-30T16:45:00+08:00"));
        CaseClockEngine.DeadlinePassed(run.State, T("2026-09-30T16:59:59+08:00")).ShouldBeFalse();
        // Passed at the deadline, warned or not.
        CaseClockEngine.DeadlinePassed(run.State, T("2026-09-30T17:00:00+08:00")).ShouldBeTrue();
        var neverWarned = ClockedCase.Of(Fangyang);
        neverWarned.Register(Registered);
        CaseClockEngine.DeadlinePassed(neverWarned.State, T("2026-09-30T17:00:00+08:00")).ShouldBeTrue();

        run.Tick(T("2026-09-30T17:00:00+08:00"));
        CaseClockEngine.DeadlinePassed(run.State, T("2026-09-30T18:00:00+08:00")).ShouldBeFalse();
    }

    [Fact]
    public void The_next_wake_up_is_the_earliest_pending_instant_among_running_clocks()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "pipe-burst");
        // dispatch warns at 17:15 and resolution at 10-01 10:30: the dispatch warning is first.
        run.WakeUp.ShouldBe(T("2026-09-30T17:15:00+08:00"));

        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "pipe-network");
        // on-site warns 18:30, resolution 10-01 10:30, sign-for 10-01 12:12.
        run.WakeUp.ShouldBe(T("2026-09-30T18:30:00+08:00"));

        run.Tick(T("2026-09-30T18:30:00+08:00"));
        run.WakeUp.ShouldBe(T("2026-09-30T19:00:00+08:00"));

        run.Sign(T("2026-09-30T18:40:00+08:00"));
        run.Report(T("2026-09-30T18:50:00+08:00"));
        // Only the callback clock runs now: 0.8 of the way from 09-30 18:50 to 10-09 00:00.
        run.WakeUp.ShouldBe(T("2026-10-07T08:34:00+08:00"));
    }

    [Fact]
    public void Nothing_to_wake_up_for_once_every_clock_is_stopped()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "general");
        run.Dispatch(T("2026-09-30T16:40:00+08:00"), "customer-service");
        run.Sign(T("2026-09-30T16:50:00+08:00"));
        run.Report(T("2026-09-30T17:00:00+08:00"));
        run.WakeUp.ShouldNotBeNull();

        run.Callback(T("2026-09-30T17:30:00+08:00"), Satisfaction.Satisfied);

        run.WakeUp.ShouldBeNull();
    }

    // ---------------------------------------------------------------- extensions

    [Fact]
    public void An_approved_extension_moves_the_running_resolution_clock_to_the_requested_date_and_recomputes_its_warning()
    {
        var run = ClockedCase.Of(Fangyang);
        var until = T("2026-10-03T16:30:00+08:00");
        run.ToInProgress(AcceptedAt, "general", "customer-service");
        run.RequestExtension(T("2026-10-01T09:00:00+08:00"), until);
        var approvedAt = T("2026-10-01T09:30:00+08:00");

        var events = run.DecideExtension(approvedAt, approve: true);

        events.Select(EventCodec.NameOf).ShouldBe(["extension-decided", "clock-rescheduled"]);
        // 0.75 of the way from the acceptance (09-30 16:30) to the new deadline (3 days later).
        events[1].ShouldBe(new ClockRescheduled(ClockNames.Resolution, T("2026-10-02T22:30:00+08:00"), until) { At = approvedAt, Actor = CaseClockEngine.Actor });
        var resolution = run.Clock(ClockNames.Resolution);
        resolution.StartedAt.ShouldBe(AcceptedAt);
        resolution.DueAt.ShouldBe(until);
        resolution.WarnAt.ShouldBe(T("2026-10-02T22:30:00+08:00"));
        resolution.Status.ShouldBe(ClockStatus.Running);
        run.State.ExtendedUntil.ShouldBe(until);
        run.WakeUp.ShouldBe(T("2026-10-02T22:30:00+08:00"));
        // The old deadline no longer breaches.
        run.Tick(T("2026-10-01T16:30:00+08:00")).ShouldBeEmpty();
        run.Tick(until).Select(Describe).ShouldBe(["clock-breached resolution"]);
    }

    [Fact]
    public void A_denied_extension_leaves_the_resolution_clock_as_it_was()
    {
        var run = ClockedCase.Of(Fangyang);
        run.ToInProgress(AcceptedAt, "general", "customer-service");
        var before = run.Clock(ClockNames.Resolution);
        run.RequestExtension(T("2026-10-01T09:00:00+08:00"), T("2026-10-03T16:30:00+08:00"));

        var events = run.DecideExtension(T("2026-10-01T09:30:00+08:00"), approve: false);

        events.Select(EventCodec.NameOf).ShouldBe(["extension-decided"]);
        run.Clock(ClockNames.Resolution).ShouldBe(before);
        run.State.ExtendedUntil.ShouldBeNull();
        // The warning time passed without a tick in between: only the breach is recorded.
        run.Tick(T("2026-10-01T16:30:00+08:00")).Select(Describe).ShouldBe(["clock-breached resolution"]);
    }

    [Fact]
    public void An_extension_of_a_warned_clock_warns_again_once_at_the_new_warning_time()
    {
        var run = ClockedCase.Of(Fangyang);
        run.ToInProgress(AcceptedAt, "general", "customer-service");
        // The request comes after the warning (10-01 10:30): the catch-up before it records the warning.
        run.RequestExtension(T("2026-10-01T11:00:00+08:00"), T("2026-10-03T16:30:00+08:00"));
        run.Clock(ClockNames.Resolution).Status.ShouldBe(ClockStatus.Warned);

        run.DecideExtension(T("2026-10-01T11:30:00+08:00"), approve: true);

        run.Clock(ClockNames.Resolution).Status.ShouldBe(ClockStatus.Running);
        run.Tick(T("2026-10-02T22:29:00+08:00")).ShouldBeEmpty();
        run.Tick(T("2026-10-02T22:30:00+08:00")).Select(Describe).ShouldBe(["clock-warned resolution"]);
        run.Tick(T("2026-10-03T00:00:00+08:00")).ShouldBeEmpty();
    }

    [Fact]
    public void A_breached_resolution_clock_cannot_be_extended()
    {
        var run = ClockedCase.Of(Fangyang);
        run.ToInProgress(AcceptedAt, "general", "customer-service");
        run.Tick(T("2026-10-01T16:30:00+08:00"));
        run.Clock(ClockNames.Resolution).IsOverdue.ShouldBeTrue();

        var decision = run.Try(new RequestExtension(T("2026-10-03T16:30:00+08:00"), "Parts on order."), run.Handler, T("2026-10-01T17:00:00+08:00"));

        decision.Refusal.ShouldNotBeNull();
        decision.Refusal.Kind.ShouldBe(RefusalKind.Conflict);
        decision.Events.ShouldBeEmpty();
    }

    [Fact]
    public void An_extension_asked_in_time_but_approved_after_the_breach_neither_clears_the_breach_nor_breaches_the_same_run_twice()
    {
        var run = ClockedCase.Of(Fangyang);
        run.ToInProgress(AcceptedAt, "general", "customer-service");
        // Asked before the deadline (10-01 16:30), as art. 14 requires; decided after it.
        run.RequestExtension(T("2026-10-01T16:00:00+08:00"), T("2026-10-03T16:30:00+08:00"));

        run.TryDo(new DecideExtension(true, "Approved late."), ClockedCase.Supervisor, T("2026-10-01T17:00:00+08:00"));
        run.Tick(T("2026-10-04T00:00:00+08:00"));

        run.Log.OfType<ClockBreached>().Count(b => b.Name == ClockNames.Resolution).ShouldBe(1, "one clock run, one breach: the department must not lose its points twice");
        run.Clock(ClockNames.Resolution).Status.ShouldBe(ClockStatus.Breached);
    }

    // ---------------------------------------------------------------- returns, re-dispatch, approval

    [Fact]
    public void A_return_restarts_the_dispatch_clock_and_the_next_dispatch_restarts_sign_for_against_the_new_department()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "billing-dispute");
        run.Dispatch(T("2026-09-30T16:40:00+08:00"), "pipe-network");
        var returnedAt = T("2026-09-30T17:00:00+08:00");

        var events = run.Do(new Return("Billing, not pipes."), ClockedCase.HandlerOf("pipe-network"), returnedAt);

        // Giving a mis-routed order back in time meets the sign-for clock; the desk's dispatch clock restarts.
        events.Select(EventCodec.NameOf).ShouldBe(["returned", "clock-stopped", "clock-started"]);
        events[1].ShouldBe(new ClockStopped(ClockNames.SignFor, Met: true) { At = returnedAt, Actor = CaseClockEngine.Actor });
        events[2].ShouldBe(new ClockStarted(ClockNames.Dispatch, returnedAt, T("2026-09-30T17:45:00+08:00"), T("2026-09-30T18:00:00+08:00"), null) { At = returnedAt, Actor = CaseClockEngine.Actor });
        run.Clock(ClockNames.Dispatch).Status.ShouldBe(ClockStatus.Running);
        run.Clock(ClockNames.Dispatch).StoppedAt.ShouldBeNull();
        run.WakeUp.ShouldBe(T("2026-09-30T17:45:00+08:00"));

        var again = T("2026-09-30T17:10:00+08:00");
        run.Dispatch(again, "billing");

        run.Clock(ClockNames.Dispatch).Status.ShouldBe(ClockStatus.Met);
        var signFor = run.Clock(ClockNames.SignFor);
        signFor.StartedAt.ShouldBe(again);
        signFor.DueAt.ShouldBe(T("2026-10-01T17:10:00+08:00"));
        signFor.WarnAt.ShouldBe(T("2026-10-01T12:22:00+08:00"));
        signFor.Department.ShouldBe("billing");
        // The resolution clock is not restarted by a return: the 7 days still count from the acceptance.
        run.Clock(ClockNames.Resolution).DueAt.ShouldBe(T("2026-10-07T16:30:00+08:00"));
    }

    [Fact]
    public void A_department_that_returned_an_order_is_not_charged_for_clocks_of_the_order_it_gave_back()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "pipe-burst");
        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "billing");
        run.Do(new Return("A pipe burst is for the pipe network."), ClockedCase.HandlerOf("billing"), T("2026-09-30T17:10:00+08:00"));

        // The desk re-dispatches late (its own dispatch clock breaches); billing's on-site time (19:00) passes meanwhile.
        run.Dispatch(T("2026-09-30T19:30:00+08:00"), "pipe-network");

        run.Log.OfType<ClockBreached>().Where(b => b.Department == "billing").Select(b => b.Name).ShouldBeEmpty();
        run.Log.OfType<ClockBreached>().Select(b => b.Name).ShouldContain(ClockNames.Dispatch);
    }

    [Fact]
    public void An_unsatisfied_callback_restarts_sign_for_on_site_and_resolution_with_full_durations_from_the_redispatch()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "pipe-burst");
        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "pipe-network");
        run.Sign(T("2026-09-30T17:20:00+08:00"));
        run.Report(T("2026-09-30T18:00:00+08:00"));
        var at = T("2026-09-30T19:00:00+08:00");

        var events = run.Callback(at, Satisfaction.Unsatisfied);

        events.Select(EventCodec.NameOf).ShouldBe(["callback-recorded", "clock-stopped", "redispatched", "clock-started", "clock-started", "clock-started"]);
        events[1].ShouldBe(new ClockStopped(ClockNames.Callback, Met: true) { At = at, Actor = CaseClockEngine.Actor });
        events.Skip(3).ShouldBe(
        [
            new ClockStarted(ClockNames.SignFor, at, T("2026-10-01T14:12:00+08:00"), T("2026-10-01T19:00:00+08:00"), "pipe-network") { At = at, Actor = CaseClockEngine.Actor },
            new ClockStarted(ClockNames.OnSite, at, T("2026-09-30T20:30:00+08:00"), T("2026-09-30T21:00:00+08:00"), "pipe-network") { At = at, Actor = CaseClockEngine.Actor },
            new ClockStarted(ClockNames.Resolution, at, T("2026-10-01T13:00:00+08:00"), T("2026-10-01T19:00:00+08:00"), "pipe-network") { At = at, Actor = CaseClockEngine.Actor },
        ]);
        run.State.Clocks.Where(c => c.IsRunning).Select(c => c.Name).Order().ShouldBe([ClockNames.OnSite, ClockNames.Resolution, ClockNames.SignFor]);
        run.State.Clocks.Where(c => c.IsRunning).ShouldAllBe(c => c.Status == ClockStatus.Running);
        run.WakeUp.ShouldBe(T("2026-09-30T20:30:00+08:00"));
    }

    [Fact]
    public void A_redispatch_gives_a_breached_clock_a_fresh_run_that_can_breach_again()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "general");
        run.Dispatch(T("2026-09-30T16:40:00+08:00"), "customer-service");
        run.Sign(T("2026-09-30T16:50:00+08:00"));
        // Reported a day late: the resolution clock breached on the catch-up and stays breached.
        run.Report(T("2026-10-02T09:00:00+08:00"));
        run.Clock(ClockNames.Resolution).Status.ShouldBe(ClockStatus.Breached);
        var at = T("2026-10-02T10:00:00+08:00");

        run.Callback(at, Satisfaction.Unsatisfied);

        var resolution = run.Clock(ClockNames.Resolution);
        resolution.Status.ShouldBe(ClockStatus.Running);
        resolution.StartedAt.ShouldBe(at);
        resolution.DueAt.ShouldBe(at.AddDays(1));
        run.Tick(at.AddDays(1)).Select(Describe).ShouldBe(["clock-breached resolution", "clock-breached sign-for"], ignoreOrder: true);
        run.Log.OfType<ClockBreached>().Count(b => b.Name == ClockNames.Resolution).ShouldBe(2);
    }

    [Fact]
    public void Fuyang_12345_orders_wait_for_the_leader_and_sign_for_starts_on_the_approval()
    {
        var run = ClockedCase.Of(Fuyang);
        var registered = T("2026-09-30T16:00:00+08:00");
        run.Register(registered, channel: "gov-12345");
        run.State.Clocks.ShouldBeEmpty();
        run.Accept(T("2026-09-30T16:10:00+08:00"), "complex");
        // Complex cases go to the management office within 30 minutes (seed 004 §4.2), warned 10 minutes before.
        run.Clock(ClockNames.Dispatch).WarnAt.ShouldBe(T("2026-09-30T16:30:00+08:00"));
        run.Clock(ClockNames.Dispatch).DueAt.ShouldBe(T("2026-09-30T16:40:00+08:00"));
        var dispatched = T("2026-09-30T16:20:00+08:00");

        var events = run.Dispatch(dispatched, "management");

        // The desk's part is done (dispatch met); the department has not received the case, so its clock waits.
        events.Select(EventCodec.NameOf).ShouldBe(["dispatched", "clock-stopped"]);
        run.State.Status.ShouldBe(CaseStatus.PendingApproval);
        run.Clock(ClockNames.Dispatch).Status.ShouldBe(ClockStatus.Met);
        run.State.Clock(ClockNames.SignFor).ShouldBeNull();
        // The leader takes three hours, longer than the department's 2 h sign-for: nothing falls due against it.
        run.Tick(T("2026-09-30T19:00:00+08:00")).ShouldBeEmpty();
        var approved = T("2026-09-30T19:20:00+08:00");

        events = run.Do(new ApproveDispatch(), ClockedCase.Leader, approved);

        events.Select(EventCodec.NameOf).ShouldBe(["dispatch-approved", "clock-started"]);
        var signFor = run.Clock(ClockNames.SignFor);
        signFor.ShouldBe(new ClockState(ClockNames.SignFor, approved, T("2026-09-30T20:50:00+08:00"), T("2026-09-30T21:20:00+08:00"), ClockStatus.Running, "management"));
        run.Tick(T("2026-09-30T21:20:00+08:00")).OfType<ClockBreached>().Single().Department.ShouldBe("management");
    }

    [Fact]
    public void While_a_transfer_waits_for_approval_a_breach_is_charged_to_no_department()
    {
        var run = ClockedCase.Of(Fuyang);
        run.Register(T("2026-09-30T15:00:00+08:00"), channel: "gov-12345");
        run.Accept(T("2026-09-30T15:10:00+08:00"), "general");
        run.Dispatch(T("2026-09-30T15:20:00+08:00"), "customer-service");

        // The resolution clock (1 working day from acceptance) breaches while the leader has not decided.
        var breached = run.Tick(T("2026-10-09T09:00:00+08:00")).OfType<ClockBreached>().ToList();

        breached.Select(b => b.Name).ShouldBe([ClockNames.Resolution]);
        breached[0].Department.ShouldBeNull();
        run.State.Clock(ClockNames.SignFor).ShouldBeNull();
    }

    [Fact]
    public void A_refused_transfer_goes_back_to_the_desk_and_starts_no_department_clock()
    {
        var run = ClockedCase.Of(Fuyang);
        run.Register(T("2026-09-30T15:00:00+08:00"), channel: "gov-12345");
        run.Accept(T("2026-09-30T15:10:00+08:00"), "general");
        run.Dispatch(T("2026-09-30T15:20:00+08:00"), "customer-service");

        var events = run.Do(new ApproveDispatch("应转工程部", Approve: false), ClockedCase.Leader, T("2026-09-30T15:40:00+08:00"));

        events.Select(EventCodec.NameOf).ShouldBe(["dispatch-refused"]);
        run.State.Status.ShouldBe(CaseStatus.Accepted);
        run.State.Department.ShouldBeNull();
        run.State.Clock(ClockNames.SignFor).ShouldBeNull();
    }

    [Fact]
    public void A_dispatch_without_approval_starts_sign_for_at_once()
    {
        var run = ClockedCase.Of(Fuyang);
        run.Register(T("2026-09-30T15:00:00+08:00"));
        run.Accept(T("2026-09-30T15:10:00+08:00"), "general");
        var dispatched = T("2026-09-30T15:20:00+08:00");

        run.Dispatch(dispatched, "customer-service");

        run.State.Status.ShouldBe(CaseStatus.Dispatched);
        run.Clock(ClockNames.SignFor).StartedAt.ShouldBe(dispatched);
        run.Clock(ClockNames.SignFor).Department.ShouldBe("customer-service");
    }

    // ---------------------------------------------------------------- reclassification

    [Fact]
    public void Reclassifying_plans_a_running_clock_again_from_its_own_start_with_the_new_category()
    {
        var run = ClockedCase.Of(Fuyang);
        run.Register(T("2026-09-29T09:00:00+08:00"));
        var accepted = T("2026-09-29T09:10:00+08:00");
        run.Accept(accepted, "general");
        // One working day: the end of the next working day.
        run.Clock(ClockNames.Resolution).DueAt.ShouldBe(T("2026-10-01T00:00:00+08:00"));

        var events = run.Do(new Reclassify(Category: "complex"), ClockedCase.Agent, T("2026-09-29T15:00:00+08:00"));

        // 5 working days from the acceptance (09-30, 10-08, 10-09, the working Saturday 10-10, 10-12): as if complex from the start.
        events.Select(EventCodec.NameOf).ShouldBe(["reclassified", "clock-rescheduled"]);
        var resolution = run.Clock(ClockNames.Resolution);
        resolution.StartedAt.ShouldBe(accepted);
        resolution.DueAt.ShouldBe(T("2026-10-13T00:00:00+08:00"));
        resolution.Status.ShouldBe(ClockStatus.Running);
        run.State.Category.ShouldBe("complex");
    }

    [Fact]
    public void Reclassifying_to_a_shorter_deadline_that_has_passed_makes_it_due_at_the_change()
    {
        var run = ClockedCase.Of(Fuyang);
        run.Register(T("2026-09-28T09:00:00+08:00"));
        run.Accept(T("2026-09-28T09:10:00+08:00"), "complex");
        var at = T("2026-09-30T10:00:00+08:00");

        run.Do(new Reclassify(Category: "general"), ClockedCase.Agent, at);

        run.Clock(ClockNames.Resolution).DueAt.ShouldBe(at);
        run.Tick(at).OfType<ClockBreached>().Select(b => b.Name).ShouldBe([ClockNames.Resolution]);
    }

    [Fact]
    public void A_breached_clock_stays_breached_and_a_clock_the_new_category_adds_waits_for_its_start_event()
    {
        var run = ClockedCase.Of(Fuyang);
        run.Register(T("2026-09-29T09:00:00+08:00"));
        run.Accept(T("2026-09-29T09:10:00+08:00"), "general");
        run.Tick(T("2026-10-01T00:00:00+08:00")).OfType<ClockBreached>().Single().Name.ShouldBe(ClockNames.Resolution);

        // Complex would have given 5 working days: the breach stands all the same.
        var events = run.Do(new Reclassify(Category: "complex"), ClockedCase.Supervisor, T("2026-10-01T10:00:00+08:00"));

        events.Select(EventCodec.NameOf).ShouldBe(["reclassified"]);
        var resolution = run.Clock(ClockNames.Resolution);
        resolution.Status.ShouldBe(ClockStatus.Breached);
        resolution.DueAt.ShouldBe(T("2026-10-01T00:00:00+08:00"));
        // Complex cases have a dispatch clock, started by acceptance, which is past: it does not start now.
        run.State.Clock(ClockNames.Dispatch).ShouldBeNull();
    }

    [Fact]
    public void A_running_clock_the_new_category_does_not_have_stops_unmet()
    {
        var run = ClockedCase.Of(Fuyang);
        run.Register(T("2026-09-29T09:00:00+08:00"));
        run.Accept(T("2026-09-29T09:10:00+08:00"), "complex");

        var events = run.Do(new Reclassify(Category: "general"), ClockedCase.Agent, T("2026-09-29T09:20:00+08:00"));

        events.OfType<ClockStopped>().Single().ShouldBe(new ClockStopped(ClockNames.Dispatch, Met: false) { At = T("2026-09-29T09:20:00+08:00"), Actor = CaseClockEngine.Actor });
        run.Clock(ClockNames.Dispatch).Status.ShouldBe(ClockStatus.Stopped);
    }

    [Fact]
    public void Fuyang_dispatch_clock_runs_only_for_complex_and_compensation_cases()
    {
        var run = ClockedCase.Of(Fuyang);
        run.Register(Registered);

        run.Accept(AcceptedAt, "gas-repair");

        run.State.Clocks.Select(c => c.Name).ShouldBe([ClockNames.Resolution]);
    }

    // ---------------------------------------------------------------- external deadlines

    [Theory]
    [InlineData("gov-12345", "water-quality")]
    [InlineData("gov-12345", "general")]
    [InlineData("hotline", "billing-dispute")]
    public void An_external_deadline_given_at_registration_is_the_resolution_due_time_whatever_the_category(string channel, string category)
    {
        var run = ClockedCase.Of(Fangyang);
        // The 12345 platform's own limit, sent in UTC: 10-02 12:00 China time.
        run.Register(Registered, channel: channel, externalDeadline: T("2026-10-02T04:00:00Z"));

        run.Accept(AcceptedAt, category);

        var resolution = run.Clock(ClockNames.Resolution);
        resolution.StartedAt.ShouldBe(AcceptedAt);
        resolution.DueAt.ShouldBe(T("2026-10-02T12:00:00+08:00"));
        resolution.DueAt.Offset.ShouldBe(China);
        // 0.75 of the 43.5 hours from the acceptance.
        resolution.WarnAt.ShouldBe(T("2026-10-02T01:07:30+08:00"));
    }

    [Fact]
    public void An_external_deadline_also_bounds_the_fresh_run_after_a_redispatch()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered, channel: "gov-12345", externalDeadline: T("2026-10-02T12:00:00+08:00"));
        run.Accept(AcceptedAt, "general");
        run.Dispatch(T("2026-09-30T16:40:00+08:00"), "customer-service");
        run.Sign(T("2026-09-30T16:50:00+08:00"));
        run.Report(T("2026-09-30T17:00:00+08:00"));

        var at = T("2026-09-30T18:00:00+08:00");
        run.Callback(at, Satisfaction.Unsatisfied);

        run.Clock(ClockNames.Resolution).StartedAt.ShouldBe(at);
        run.Clock(ClockNames.Resolution).DueAt.ShouldBe(T("2026-10-02T12:00:00+08:00"));
    }

    [Fact]
    public void An_approved_extension_leaves_an_external_deadline_where_the_platform_set_it()
    {
        var run = ClockedCase.Of(Fangyang);
        var platformDeadline = T("2026-10-02T12:00:00+08:00");
        run.Register(Registered, channel: "gov-12345", externalDeadline: platformDeadline);
        run.Accept(AcceptedAt, "general");
        run.Dispatch(T("2026-09-30T16:40:00+08:00"), "customer-service");
        run.Sign(T("2026-09-30T16:50:00+08:00"));
        run.RequestExtension(T("2026-10-01T09:00:00+08:00"), T("2026-10-05T17:00:00+08:00"));

        // Approved here and reported to 12345; until the platform moves its deadline, its deadline is the one that counts.
        var events = run.DecideExtension(T("2026-10-01T09:30:00+08:00"), approve: true);

        events.Select(EventCodec.NameOf).ShouldBe(["extension-decided"]);
        run.Clock(ClockNames.Resolution).DueAt.ShouldBe(platformDeadline);
        run.Tick(platformDeadline).Select(Describe).ShouldContain("clock-breached resolution");
    }

    // ---------------------------------------------------------------- the case ends

    [Fact]
    public void Rejecting_stops_first_reply_as_met_and_nothing_runs_afterwards()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        var at = T("2026-09-30T16:10:00+08:00");

        var events = run.Do(new Reject("Not a water matter."), ClockedCase.Agent, at);

        events.Select(EventCodec.NameOf).ShouldBe(["rejected", "clock-stopped"]);
        run.Clock(ClockNames.FirstReply).Status.ShouldBe(ClockStatus.Met);
        run.State.Clocks.ShouldAllBe(c => !c.IsRunning);
        run.WakeUp.ShouldBeNull();
        run.Engine.Due(run.State, T("2026-12-31T00:00:00+08:00")).ShouldBeEmpty();
    }

    [Fact]
    public void Answering_an_accepted_inquiry_stops_dispatch_and_resolution_as_stopped_not_met()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered, kind: ComplaintKind.Inquiry);
        run.Accept(T("2026-09-30T16:10:00+08:00"), "general");
        var at = T("2026-09-30T16:20:00+08:00");

        var events = run.Do(new Answer("The tariff is 3.1 yuan per ton."), ClockedCase.Agent, at);

        events.Select(EventCodec.NameOf).ShouldBe(["answered", "clock-stopped", "clock-stopped"]);
        events.OfType<ClockStopped>().ShouldAllBe(s => !s.Met);
        run.Clock(ClockNames.FirstReply).Status.ShouldBe(ClockStatus.Met);
        run.Clock(ClockNames.Dispatch).Status.ShouldBe(ClockStatus.Stopped);
        run.Clock(ClockNames.Resolution).Status.ShouldBe(ClockStatus.Stopped);
        run.Clock(ClockNames.Resolution).StoppedAt.ShouldBe(at);
        run.WakeUp.ShouldBeNull();
    }

    [Fact]
    public void Answering_an_inquiry_on_the_spot_stops_first_reply_as_met()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered, kind: ComplaintKind.Inquiry);

        var events = run.Do(new Answer("Office hours are 8:30 to 17:30."), ClockedCase.Agent, T("2026-09-30T16:05:00+08:00"));

        events.Select(EventCodec.NameOf).ShouldBe(["answered", "clock-stopped"]);
        run.Clock(ClockNames.FirstReply).Status.ShouldBe(ClockStatus.Met);
        run.WakeUp.ShouldBeNull();
    }

    [Fact]
    public void Closing_after_a_satisfied_callback_leaves_every_clock_met()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Accept(AcceptedAt, "pipe-burst");
        run.Dispatch(T("2026-09-30T17:00:00+08:00"), "pipe-network");
        run.Sign(T("2026-09-30T17:20:00+08:00"));
        run.Report(T("2026-09-30T18:00:00+08:00"));
        var at = T("2026-10-08T10:00:00+08:00");

        var events = run.Callback(at, Satisfaction.Satisfied);

        events.Select(EventCodec.NameOf).ShouldBe(["callback-recorded", "clock-stopped", "closed"]);
        run.State.Status.ShouldBe(CaseStatus.Closed);
        run.State.Clocks.Select(c => c.Name).Order().ShouldBe([ClockNames.Callback, ClockNames.Dispatch, ClockNames.FirstReply, ClockNames.OnSite, ClockNames.Resolution, ClockNames.SignFor]);
        run.State.Clocks.ShouldAllBe(c => c.Status == ClockStatus.Met && !c.IsRunning);
        // The callback warning (10-07 08:24) was recorded on the catch-up before the callback: still met.
        run.Log.OfType<ClockWarned>().Select(w => w.Name).ShouldBe([ClockNames.Callback]);
        run.WakeUp.ShouldBeNull();
    }

    // ---------------------------------------------------------------- the tenant's working day

    [Theory]
    [InlineData(null, "2026-10-09T00:00:00+08:00", "2026-10-07T08:12:00+08:00")]
    [InlineData("17:30", "2026-10-08T17:30:00+08:00", "2026-10-07T03:00:00+08:00")]
    public void A_working_day_ending_at_17_30_moves_working_day_deadlines_only(string? workdayEnd, string callbackDue, string callbackWarn)
    {
        var run = ClockedCase.Of(Fangyang, workdayEnd is null ? null : TimeOnly.Parse(workdayEnd, System.Globalization.CultureInfo.InvariantCulture));
        run.Register(Registered);
        run.Accept(T("2026-09-30T16:10:00+08:00"), "general");
        run.Dispatch(T("2026-09-30T16:20:00+08:00"), "customer-service");
        run.Sign(T("2026-09-30T16:30:00+08:00"));
        var reported = T("2026-09-30T17:00:00+08:00");

        run.Report(reported);

        var callback = run.Clock(ClockNames.Callback);
        callback.DueAt.ShouldBe(T(callbackDue));
        callback.WarnAt.ShouldBe(T(callbackWarn));
        // Wall-clock clocks do not move: the 1-day resolution was due 10-01 16:10 either way.
        run.Log.OfType<ClockStarted>().Single(s => s.Name == ClockNames.Resolution).DueAt.ShouldBe(T("2026-10-01T16:10:00+08:00"));
        run.Log.OfType<ClockStarted>().Single(s => s.Name == ClockNames.FirstReply).DueAt.ShouldBe(T("2026-09-30T17:00:00+08:00"));
    }

    [Theory]
    [InlineData(null, "2026-10-09T00:00:00+08:00")]
    [InlineData("17:30", "2026-10-08T17:30:00+08:00")]
    public void Fuyang_one_working_day_resolution_accepted_before_national_day_is_due_on_october_8(string? workdayEnd, string due)
    {
        var run = ClockedCase.Of(Fuyang, workdayEnd is null ? null : TimeOnly.Parse(workdayEnd, System.Globalization.CultureInfo.InvariantCulture));
        run.Register(Registered);

        run.Accept(Registered, "general");

        run.Clock(ClockNames.Resolution).DueAt.ShouldBe(T(due));
        run.Tick(T(due).AddTicks(-1)).Select(Describe).ShouldBe(["clock-warned resolution"]);
        run.Tick(T(due)).Select(Describe).ShouldBe(["clock-breached resolution"]);
    }

    // ---------------------------------------------------------------- replay and storage

    [Fact]
    public void Replaying_the_stored_events_gives_the_same_clocks_as_building_them_step_by_step()
    {
        var run = ClockedCase.Of(Fangyang);
        run.Register(Registered);
        run.Tick(T("2026-09-30T16:45:00+08:00"));
        run.Accept(T("2026-09-30T17:05:00+08:00"), "pipe-burst");
        run.Dispatch(T("2026-09-30T17:20:00+08:00"), "billing");
        run.Do(new Return("Pipes, not billing."), ClockedCase.HandlerOf("billing"), T("2026-09-30T17:30:00+08:00"));
        run.Dispatch(T("2026-09-30T18:00:00+08:00"), "pipe-network");
        run.Sign(T("2026-09-30T18:10:00+08:00"));
        run.RequestExtension(T("2026-10-01T09:00:00+08:00"), T("2026-10-02T12:00:00+08:00"));
        run.DecideExtension(T("2026-10-01T09:10:00+08:00"), approve: true);
        run.Report(T("2026-10-01T15:00:00+08:00"));
        run.Callback(T("2026-10-01T16:00:00+08:00"), Satisfaction.Unsatisfied);
        run.Tick(T("2026-10-02T20:00:00+08:00"));
        var kinds = run.Log.Select(EventCodec.NameOf).ToHashSet();
        new[] { "clock-started", "clock-stopped", "clock-rescheduled", "clock-warned", "clock-breached" }.ShouldBeSubsetOf(kinds);

        var replayed = CaseState.Replay(run.Log)!;
        replayed.Clocks.ShouldBe(run.State.Clocks);

        var stored = run.Log.Select(e => EventCodec.Deserialize(EventCodec.NameOf(e), e.At, e.Actor, EventCodec.Serialize(e))).ToList();
        stored.ShouldBe(run.Log);
        CaseState.Replay(stored)!.Clocks.ShouldBe(run.State.Clocks);
        // Replaying never fires anything twice: what was due is recorded.
        run.Engine.Due(replayed, T("2026-10-02T20:00:00+08:00")).ShouldBeEmpty();
    }

    [Fact]
    public void Every_clock_event_survives_the_event_codec_with_its_offset_and_amounts()
    {
        var at = T("2026-09-30T16:00:00+08:00");
        CaseEvent[] events =
        [
            new ClockStarted(ClockNames.SignFor, at, T("2026-10-01T12:12:00+08:00"), T("2026-10-01T17:00:00+08:00"), "pipe-network") { At = at, Actor = CaseClockEngine.Actor },
            new ClockStarted(ClockNames.FirstReply, at, T("2026-09-30T16:45:00+08:00"), T("2026-09-30T17:00:00+08:00"), null) { At = at, Actor = CaseClockEngine.Actor },
            new ClockRescheduled(ClockNames.Resolution, T("2026-10-02T22:30:00+08:00"), T("2026-10-03T16:30:00+08:00")) { At = at, Actor = CaseClockEngine.Actor },
            new ClockWarned(ClockNames.OnSite, T("2026-09-30T19:00:00+08:00"), "pipe-network") { At = at, Actor = CaseClockEngine.Actor },
            new ClockBreached(ClockNames.Resolution, T("2026-10-01T16:30:00+08:00"), null, 2, 20.5m) { At = at, Actor = CaseClockEngine.Actor },
            new ClockStopped(ClockNames.Callback, Met: true) { At = at, Actor = CaseClockEngine.Actor },
            new ClockStopped(ClockNames.Dispatch, Met: false) { At = at, Actor = CaseClockEngine.Actor },
        ];

        foreach (var e in events)
        {
            var back = EventCodec.Deserialize(EventCodec.NameOf(e), e.At, e.Actor, EventCodec.Serialize(e));
            back.ShouldBe(e);
        }

        var started = (ClockStarted)EventCodec.Deserialize("clock-started", at, "sla", EventCodec.Serialize(events[0]));
        started.DueAt.Offset.ShouldBe(China);
    }

    private static string Describe(CaseEvent e) => e switch
    {
        ClockWarned w => $"clock-warned {w.Name}",
        ClockBreached b => $"clock-breached {b.Name}",
        _ => EventCodec.NameOf(e),
    };
}

/// <summary>The shipped tenant files (policy and rules), bound the way the host binds them.</summary>
internal static class ClockPresets
{
    public static readonly WorkingDayCalendar Calendar = new();

    public static IConfiguration Load(string file) =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "tenants", file), optional: false).Build();

    public static SlaPolicy Policy(string tenant) =>
        Load($"{tenant}.policy.json").GetSection($"Tenants:{tenant}:Policy").Get<SlaPolicy>()
        ?? throw new InvalidOperationException($"{tenant}.policy.json has no Tenants:{tenant}:Policy section.");

    public static CaseClockEngine Engine(string tenant, TimeOnly? workdayEnd = null) =>
        new(new SlaPolicyEvaluator(Policy(tenant)), Calendar, workdayEnd);

    /// <summary>The tenant's categories, departments and approval rule, as the host gives them to the decider.</summary>
    public static CaseRules Rules(string tenant)
    {
        var section = Load($"{tenant}.json").GetSection($"Tenants:{tenant}");
        var approvalChannels = section.GetSection("DispatchApproval:Channels").Get<string[]>() ?? [];
        return new CaseRules(
            section.GetSection("Categories").GetChildren().Select(c => c.Key).ToHashSet(StringComparer.Ordinal),
            section.GetSection("Departments").GetChildren().Select(c => c.Key).ToHashSet(StringComparer.Ordinal),
            section.GetValue<bool>("DispatchApproval:Required"),
            approvalChannels.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Category id → the department its cases go to.</summary>
    public static IReadOnlyDictionary<string, string> CategoryDepartments(string tenant) =>
        Load($"{tenant}.json").GetSection($"Tenants:{tenant}:Categories").GetChildren()
            .ToDictionary(c => c.Key, c => c["Department"] ?? throw new InvalidOperationException($"{tenant}: category {c.Key} has no department."));
}

/// <summary>
/// One case driven as the complaint grain drives it, through the same <see cref="CasePlan"/>: catch up on what fell
/// due, decide with the clock events, apply. Every event lands in <see cref="Log"/>, the case's stored history, and
/// every planned commit (what the grain hands the store) in <see cref="Commits"/>.
/// </summary>
internal sealed class ClockedCase(string tenant, CaseClockEngine engine, CaseRules rules)
{
    public const string Number = "FYW-2026-000042";

    public static readonly Actor Agent = new("agent.li", Role.Agent);
    public static readonly Actor Supervisor = new("supervisor.wang", Role.Supervisor);
    public static readonly Actor Leader = new("leader.zhao", Role.Leader);

    private CaseState? _state;

    public CaseClockEngine Engine { get; } = engine;

    public string Tenant => tenant;

    public List<CaseEvent> Log { get; } = [];

    public List<CaseCommit> Commits { get; } = [];

    public CaseState State => _state ?? throw new InvalidOperationException("Not registered yet.");

    public Actor Handler => HandlerOf(State.Department ?? throw new InvalidOperationException("No department yet."));

    public DateTimeOffset? WakeUp => CaseClockEngine.NextWakeUp(State);

    public static ClockedCase Of(string tenant, TimeOnly? workdayEnd = null) =>
        new(tenant, ClockPresets.Engine(tenant, workdayEnd), ClockPresets.Rules(tenant));

    public static Actor HandlerOf(string department) => new($"handler.{department}", Role.Handler, department);

    public ClockState Clock(string name) =>
        State.Clock(name) ?? throw new ShouldAssertException($"No {name} clock; clocks: {string.Join(", ", State.Clocks.Select(c => c.Name))}");

    /// <summary>Records what is due at <paramref name="now"/>, as the reminder tick does.</summary>
    public IReadOnlyList<CaseEvent> Tick(DateTimeOffset now)
    {
        if (_state is null)
        {
            return [];
        }

        if (CasePlan.CatchUp(_state, Log.Count, now, Engine) is not { } due)
        {
            return [];
        }

        Append(due);
        return due.Events;
    }

    public Decision Try(CaseCommand command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        return CaseDecider.Decide(_state, command, new DecisionContext(now, actor, rules));
    }

    /// <summary>Decides and, when allowed, commits; returns the refusal or the events committed.</summary>
    public Decision TryDo(CaseCommand command, Actor actor, DateTimeOffset now)
    {
        Tick(now);
        var (commit, refusal) = CasePlan.Decide(_state, Log.Count, command, new DecisionContext(now, actor, rules), Engine);
        if (commit is not null)
        {
            Append(commit);
        }

        return new Decision(commit?.Events ?? [], refusal);
    }

    /// <summary>Decides, adds the clock events and applies them; returns what was committed for the command (not the catch-up).</summary>
    public IReadOnlyList<CaseEvent> Do(CaseCommand command, Actor actor, DateTimeOffset now, bool catchUp = true)
    {
        if (catchUp)
        {
            Tick(now);
        }

        return Commit(command, actor, now).Events;
    }

    /// <summary>Decides and commits (without catching up first); returns the whole planned commit.</summary>
    public CaseCommit Commit(CaseCommand command, Actor actor, DateTimeOffset now, string? replyTo = null)
    {
        var (commit, refusal) = CasePlan.Decide(_state, Log.Count, command, new DecisionContext(now, actor, rules), Engine, replyTo);
        refusal.ShouldBeNull($"{command.GetType().Name} was refused: {refusal?.Message}");
        Append(commit!);
        return commit!;
    }

    public IReadOnlyList<CaseEvent> Register(
        DateTimeOffset at,
        string channel = "hotline",
        ComplaintKind kind = ComplaintKind.Complaint,
        DateTimeOffset? externalDeadline = null) =>
        Do(new Register(tenant, Number, channel, kind, "No water on Jiefang Road since this morning.", ExternalDeadline: externalDeadline), Agent, at);

    public IReadOnlyList<CaseEvent> Accept(DateTimeOffset at, string category, bool catchUp = true) =>
        Do(new Accept(category), Agent, at, catchUp);

    public IReadOnlyList<CaseEvent> Dispatch(DateTimeOffset at, string department) => Do(new Dispatch(department), Agent, at);

    public IReadOnlyList<CaseEvent> Sign(DateTimeOffset at) => Do(new Sign(), Handler, at);

    public IReadOnlyList<CaseEvent> Report(DateTimeOffset at) => Do(new ReportResult("Repaired and flushed."), Handler, at);

    public IReadOnlyList<CaseEvent> Callback(DateTimeOffset at, Satisfaction satisfaction) => Do(new RecordCallback(satisfaction), Agent, at);

    public IReadOnlyList<CaseEvent> RequestExtension(DateTimeOffset at, DateTimeOffset until) =>
        Do(new RequestExtension(until, "Parts must be ordered."), Handler, at);

    public IReadOnlyList<CaseEvent> DecideExtension(DateTimeOffset at, bool approve) => Do(new DecideExtension(approve), Supervisor, at);

    /// <summary>Registered 16:00 on 09-30 by hotline, accepted at <paramref name="acceptedAt"/>, dispatched 10 and signed 20 minutes later.</summary>
    public void ToInProgress(DateTimeOffset acceptedAt, string category, string department)
    {
        Register(acceptedAt.AddMinutes(-30));
        Accept(acceptedAt, category);
        Dispatch(acceptedAt.AddMinutes(10), department);
        Sign(acceptedAt.AddMinutes(20));
    }

    private void Append(CaseCommit commit)
    {
        commit.Append.ExpectedSeq.ShouldBe(Log.Count);
        _state = commit.Next;
        Log.AddRange(commit.Events);
        Commits.Add(commit);
    }
}
