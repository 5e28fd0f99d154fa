using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

public sealed class PolicyEvaluatorTests
{
    private static SlaPolicy Policy() => new()
    {
        Clocks =
        {
            [ClockNames.FirstReply] = new() { Start = "registered", Stop = ["accepted", "rejected", "answered"], WarnBefore = "15m" },
            [ClockNames.OnSite] = new() { Start = "dispatched", Stop = ["result-reported"], Kinds = ["complaint", "repair"] },
            [ClockNames.Resolution] = new()
            {
                Start = "accepted", RestartOn = ["redispatched"], Stop = ["result-reported"], Duration = "1d", WarnAtFraction = 0.5, Source = "default",
            },
            [ClockNames.Dispatch] = new() { Start = "accepted", RestartOn = ["returned"], Stop = ["dispatched"], Duration = "30m", Categories = ["complex"] },
            [ClockNames.Callback] = new() { Start = "result-reported", Stop = ["callback-recorded"], Duration = "2h", Channels = ["hotline"] },
        },
        Categories =
        {
            ["water-quality"] = new() { Resolution = "3d", Source = "category table" },
            ["pipe-burst"] = new() { OnSite = "2h", Resolution = "1d" },
            ["complex"] = new() { Resolution = "5wd" },
        },
        Channels =
        {
            ["wechat"] = new() { FirstReply = "1h", Resolution = "2d", Source = "wechat rule" },
            ["gov-12345"] = new() { Resolution = "1d", OverridesCategory = true },
        },
        Breach = new() { PointsPerItem = 2, FinePerItem = 20, Clocks = { [ClockNames.FirstReply] = new() { FinePerItem = 50 } } },
    };

    private static ResolvedClock? Find(IReadOnlyList<ResolvedClock> clocks, string name) => clocks.SingleOrDefault(c => c.Name == name);

    [Fact]
    public void The_category_table_beats_the_channel_which_beats_the_clock_default()
    {
        var evaluator = new SlaPolicyEvaluator(Policy());

        var byCategory = Find(evaluator.Evaluate("wechat", "complaint", "water-quality"), ClockNames.Resolution)!;
        byCategory.Duration.ShouldBe(SlaDuration.Days(3));
        byCategory.Origin.ShouldBe(DurationOrigin.Category);
        byCategory.Source.ShouldBe("category table");

        var byChannel = Find(evaluator.Evaluate("wechat", "complaint", "meter-fault"), ClockNames.Resolution)!;
        byChannel.Duration.ShouldBe(SlaDuration.Days(2));
        byChannel.Origin.ShouldBe(DurationOrigin.Channel);

        var byDefault = Find(evaluator.Evaluate("hotline", "complaint", null), ClockNames.Resolution)!;
        byDefault.Duration.ShouldBe(SlaDuration.Days(1));
        byDefault.Origin.ShouldBe(DurationOrigin.ClockDefault);
        byDefault.Source.ShouldBe("default");
    }

    [Fact]
    public void A_channel_marked_as_overriding_beats_the_category_table()
    {
        var clock = Find(new SlaPolicyEvaluator(Policy()).Evaluate("gov-12345", "complaint", "water-quality"), ClockNames.Resolution)!;

        clock.Duration.ShouldBe(SlaDuration.Days(1));
        clock.Origin.ShouldBe(DurationOrigin.Channel);
    }

    [Fact]
    public void A_clock_without_any_duration_for_the_case_does_not_run()
    {
        var evaluator = new SlaPolicyEvaluator(Policy());

        Find(evaluator.Evaluate("hotline", "complaint", "pipe-burst"), ClockNames.FirstReply).ShouldBeNull();
        Find(evaluator.Evaluate("wechat", "complaint", null), ClockNames.FirstReply)!.Duration.ShouldBe(SlaDuration.Hours(1));
        Find(evaluator.Evaluate("hotline", "complaint", "water-quality"), ClockNames.OnSite).ShouldBeNull();
        Find(evaluator.Evaluate("hotline", "complaint", "pipe-burst"), ClockNames.OnSite)!.Duration.ShouldBe(SlaDuration.Hours(2));
    }

    [Fact]
    public void Filters_on_channels_kinds_and_categories_decide_whether_a_clock_applies()
    {
        var evaluator = new SlaPolicyEvaluator(Policy());

        Find(evaluator.Evaluate("hotline", "suggestion", "pipe-burst"), ClockNames.OnSite).ShouldBeNull();
        Find(evaluator.Evaluate("hotline", "REPAIR", "pipe-burst"), ClockNames.OnSite).ShouldNotBeNull();
        Find(evaluator.Evaluate("wechat", "complaint", "complex"), ClockNames.Callback).ShouldBeNull();
        Find(evaluator.Evaluate("hotline", "complaint", "complex"), ClockNames.Callback).ShouldNotBeNull();
        Find(evaluator.Evaluate("hotline", "complaint", null), ClockNames.Dispatch).ShouldBeNull(); // not categorised yet
        Find(evaluator.Evaluate("hotline", "complaint", "general"), ClockNames.Dispatch).ShouldBeNull();
        Find(evaluator.Evaluate("hotline", "complaint", "complex"), ClockNames.Dispatch)!.Duration.ShouldBe(SlaDuration.Minutes(30));
    }

    [Fact]
    public void Clocks_come_in_lifecycle_order_with_their_events()
    {
        var clocks = new SlaPolicyEvaluator(Policy()).Evaluate("hotline", "complaint", "complex");

        clocks.Select(c => c.Name).ShouldBe([ClockNames.Dispatch, ClockNames.Resolution, ClockNames.Callback]);
        var resolution = Find(clocks, ClockNames.Resolution)!;
        resolution.StartsOn("accepted").ShouldBeTrue();
        resolution.StartsOn("redispatched").ShouldBeTrue();
        resolution.StopsOn("result-reported").ShouldBeTrue();
        resolution.StopsOn("signed").ShouldBeFalse();
        resolution.IsRestartedByReturnOrRedispatch.ShouldBeTrue();
        Find(clocks, ClockNames.Callback)!.IsRestartedByReturnOrRedispatch.ShouldBeFalse();
    }

    [Fact]
    public void Warnings_come_from_the_clock_or_the_policy_default()
    {
        var clocks = new SlaPolicyEvaluator(Policy()).Evaluate("wechat", "complaint", "complex");

        Find(clocks, ClockNames.FirstReply)!.Warning.ShouldBe(SlaWarning.Before(SlaDuration.Minutes(15)));
        Find(clocks, ClockNames.Resolution)!.Warning.ShouldBe(SlaWarning.AtFraction(0.5));
        Find(clocks, ClockNames.Dispatch)!.Warning.ShouldBe(SlaWarning.AtFraction(0.8));
    }

    [Fact]
    public void Breach_costs_have_a_default_and_per_clock_overrides()
    {
        var evaluator = new SlaPolicyEvaluator(Policy());
        var clocks = evaluator.Evaluate("wechat", "complaint", "complex");

        Find(clocks, ClockNames.Resolution)!.Breach.ShouldBe(new BreachConsequence(2, 20m));
        Find(clocks, ClockNames.FirstReply)!.Breach.ShouldBe(new BreachConsequence(2, 50m));
        evaluator.BreachFor(ClockNames.Callback).ShouldBe(new BreachConsequence(2, 20m));
    }

    [Fact]
    public void An_external_deadline_replaces_the_resolution_due_time_only()
    {
        var evaluator = new SlaPolicyEvaluator(Policy());
        var external = T("2026-10-03T04:00:00Z");

        var clocks = evaluator.Evaluate("gov-12345", "complaint", "complex", external);
        var resolution = Find(clocks, ClockNames.Resolution)!;
        resolution.FixedDueAt.ShouldBe(T("2026-10-03T12:00:00+08:00"));
        resolution.Origin.ShouldBe(DurationOrigin.External);
        Find(clocks, ClockNames.Dispatch)!.FixedDueAt.ShouldBeNull();

        ClockSchedule.Compute(resolution, T("2026-09-30T16:00:00+08:00"), new WorkingDayCalendar()).DueAt
            .ShouldBe(T("2026-10-03T12:00:00+08:00"));
    }

    [Fact]
    public void An_external_deadline_applies_even_when_the_policy_has_no_resolution_duration_for_the_case()
    {
        var policy = Policy();
        policy.Clocks[ClockNames.Resolution].Duration = null;
        var evaluator = new SlaPolicyEvaluator(policy);

        Find(evaluator.Evaluate("hotline", "complaint", null), ClockNames.Resolution).ShouldBeNull();
        var resolution = Find(evaluator.Evaluate("hotline", "complaint", null, T("2026-10-03T12:00:00+08:00")), ClockNames.Resolution)!;
        resolution.Duration.ShouldBeNull();
        ClockSchedule.Compute(resolution, T("2026-09-30T16:00:00+08:00"), new WorkingDayCalendar()).DueAt
            .ShouldBe(T("2026-10-03T12:00:00+08:00"));
    }

    [Fact]
    public void Ids_are_compared_without_regard_to_case()
    {
        var clocks = new SlaPolicyEvaluator(Policy()).Evaluate("WeChat", "Complaint", "Water-Quality");

        Find(clocks, ClockNames.Resolution)!.Duration.ShouldBe(SlaDuration.Days(3));
        Find(clocks, ClockNames.FirstReply)!.Duration.ShouldBe(SlaDuration.Hours(1));
    }

    [Fact]
    public void An_invalid_policy_is_refused_with_every_problem_named()
    {
        var policy = Policy();
        policy.Clocks["first-replay"] = new() { Start = "registered", Stop = ["accepted"], Duration = "1h" };
        policy.Clocks[ClockNames.Resolution].Duration = "1 day";
        policy.Clocks[ClockNames.Resolution].Stop.Add("result-report");
        policy.Clocks[ClockNames.Callback].WarnBefore = "10m";
        policy.Clocks[ClockNames.Callback].WarnAtFraction = 0.9;
        policy.Clocks[ClockNames.Dispatch].WarnBefore = "1wd";
        policy.Categories["complex"].OnSite = "0h";
        policy.Channels["wechat"].FirstReply = "soon";
        policy.Breach.Clocks["callbak"] = new() { PointsPerItem = 1 };
        policy.DefaultWarnAtFraction = 0;

        var errors = policy.Validate();
        var ex = Should.Throw<ArgumentException>(() => new SlaPolicyEvaluator(policy));

        errors.Count.ShouldBe(9);
        foreach (var expected in new[]
        {
            "Clocks:first-replay", "Clocks:resolution:Duration", "Clocks:resolution:Stop:1", "Clocks:callback: set either",
            "Clocks:dispatch:WarnBefore", "Categories:complex:OnSite", "Channels:wechat:FirstReply", "Breach:Clocks:callbak",
            "DefaultWarnAtFraction",
        })
        {
            ex.Message.ShouldContain(expected);
        }
    }

    [Fact]
    public void A_clock_without_start_or_stop_is_refused()
    {
        var policy = new SlaPolicy { Clocks = { [ClockNames.Resolution] = new() { Duration = "1d" } } };

        policy.Validate().ShouldBe(
        [
            "Clocks:resolution:Start: missing: name the case event that starts the clock.",
            "Clocks:resolution:Stop: missing: name at least one case event that stops the clock.",
        ]);
    }

    [Fact]
    public void The_not_reached_rule_needs_a_positive_count_and_a_wall_clock_time()
    {
        var policy = new SlaPolicy { Callback = { NotReachedAttempts = 0, NotReachedAfter = "2wd" } };

        policy.Validate().ShouldBe(
        [
            "Callback:NotReachedAttempts: at least 1.",
            "Callback:NotReachedAfter: '2wd' is not a duration in minutes, hours or days (\"2h\", \"3d\").",
        ]);
        new SlaPolicy { Callback = { NotReachedAttempts = 3, NotReachedAfter = "3d" } }.Callback.ToRule()
            .ShouldBe(new Complaints.Cases.NotReachedPolicy(3, TimeSpan.FromDays(3)));
        new SlaPolicy().Callback.ToRule().ShouldBeNull();
    }
}
