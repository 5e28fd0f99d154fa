using Complaints.Cases;
using Microsoft.Extensions.Configuration;
using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

/// <summary>The shipped tenant policy files, bound the way the host binds them, against the seed tables.</summary>
public sealed class PresetPolicyTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static SlaPolicy Load(string tenant)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "tenants", $"{tenant}.policy.json");
        var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build();
        return configuration.GetSection($"Tenants:{tenant}:Policy").Get<SlaPolicy>()
            ?? throw new InvalidOperationException($"{path} has no Tenants:{tenant}:Policy section.");
    }

    private static IReadOnlyList<ResolvedClock> Clocks(string tenant, string channel, string? category, string kind = "complaint") =>
        new SlaPolicyEvaluator(Load(tenant)).Evaluate(channel, kind, category);

    private static ResolvedClock Clock(string tenant, string channel, string? category, string name) =>
        Clocks(tenant, channel, category).SingleOrDefault(c => c.Name == name)
        ?? throw new ShouldAssertException($"{tenant}: no {name} clock for {channel}/{category ?? "(no category)"}");

    [Theory]
    [InlineData("fangyang-water")]
    [InlineData("fuyang-gas")]
    [InlineData("city-water")]
    public void Each_preset_is_valid_and_cites_its_source(string tenant)
    {
        var policy = Load(tenant);

        policy.Validate().ShouldBeEmpty();
        policy.Clocks.ShouldNotBeEmpty();
        policy.Categories.ShouldNotBeEmpty();
        policy.Categories.Values.ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Source));
        policy.Clocks.Values.ShouldAllBe(c => !string.IsNullOrWhiteSpace(c.Source));
        policy.Breach.Source.ShouldNotBeNullOrWhiteSpace();
    }

    [Theory]
    [InlineData("fangyang-water")]
    [InlineData("fuyang-gas")]
    [InlineData("city-water")]
    public void Each_preset_covers_exactly_the_categories_of_its_tenant_file(string tenant)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "tenants", $"{tenant}.json");
        var tenantCategories = new ConfigurationBuilder().AddJsonFile(path, optional: false).Build()
            .GetSection($"Tenants:{tenant}:Categories").GetChildren().Select(c => c.Key);

        Load(tenant).Categories.Keys.Order().ShouldBe(tenantCategories.Order());
    }

    [Theory]
    [InlineData("gov-transfer", "1d")]
    [InlineData("pipe-burst", "1d")]
    [InlineData("meter-fault", "1d")]
    [InlineData("water-theft", "1d")]
    [InlineData("facility-damage", "1d")]
    [InlineData("reconnection", "1d")]
    [InlineData("water-pressure", "1d")]
    [InlineData("general", "1d")]
    [InlineData("water-quality", "3d")]
    [InlineData("meter-well", "3d")]
    [InlineData("complex-investigation", "3d")]
    [InlineData("construction-quality", "7d")]
    [InlineData("billing-dispute", "7d")]
    [InlineData("compensation", "7d")]
    [InlineData("staff-conduct", "3d")]
    public void Fangyang_resolves_each_category_as_article_14_says(string category, string expected)
    {
        var clock = Clock("fangyang-water", "hotline", category, ClockNames.Resolution);

        clock.Duration.ShouldBe(SlaDuration.Parse(expected));
        clock.Origin.ShouldBe(DurationOrigin.Category);
    }

    [Fact]
    public void Fangyang_12345_and_media_items_are_due_in_one_day_whatever_the_category()
    {
        Clock("fangyang-water", "gov-12345", "general", ClockNames.Resolution).Duration.ShouldBe(SlaDuration.Days(1));
        Clock("fangyang-water", "gov-12345", "billing-dispute", ClockNames.Resolution).Duration.ShouldBe(SlaDuration.Days(1));
        Clock("fangyang-water", "media", "water-quality", ClockNames.Resolution).Duration.ShouldBe(SlaDuration.Days(1));
        Clock("fangyang-water", "gov-12345", null, ClockNames.Resolution).Duration.ShouldBe(SlaDuration.Days(1));
    }

    [Fact]
    public void Fangyang_pipe_burst_has_an_on_site_clock_of_two_hours_and_others_have_none()
    {
        var onSite = Clock("fangyang-water", "hotline", "pipe-burst", ClockNames.OnSite);

        onSite.Duration.ShouldBe(SlaDuration.Hours(2));
        onSite.StartsOn(CaseEventTypes.Dispatched).ShouldBeTrue();
        onSite.StopsOn(CaseEventTypes.ResultReported).ShouldBeTrue();
        Clocks("fangyang-water", "hotline", "billing-dispute").ShouldNotContain(c => c.Name == ClockNames.OnSite);
    }

    [Fact]
    public void Fangyang_first_reply_is_one_hour_for_hotline_and_wechat_only()
    {
        Clock("fangyang-water", "hotline", null, ClockNames.FirstReply).Duration.ShouldBe(SlaDuration.Hours(1));
        Clock("fangyang-water", "wechat", null, ClockNames.FirstReply).Duration.ShouldBe(SlaDuration.Hours(1));
        Clocks("fangyang-water", "walk-in", null).ShouldNotContain(c => c.Name == ClockNames.FirstReply);

        var firstReply = Clock("fangyang-water", "wechat", null, ClockNames.FirstReply);
        firstReply.StartsOn(CaseEventTypes.Registered).ShouldBeTrue();
        firstReply.Stop.ShouldBe([CaseEventTypes.Accepted, CaseEventTypes.Rejected, CaseEventTypes.Answered]);
    }

    [Fact]
    public void Fangyang_breach_costs_two_points_and_twenty_yuan()
    {
        Clock("fangyang-water", "hotline", "general", ClockNames.Resolution).Breach.ShouldBe(new BreachConsequence(2, 20m));
    }

    [Fact]
    public void Fangyang_water_quality_accepted_before_national_day_is_due_three_calendar_days_later()
    {
        var clock = Clock("fangyang-water", "hotline", "water-quality", ClockNames.Resolution);

        var times = ClockSchedule.Compute(clock, T("2026-09-30T16:00:00+08:00"), Calendar);

        times.DueAt.ShouldBe(T("2026-10-03T16:00:00+08:00"));
        times.WarnAt.ShouldBe(T("2026-10-02T22:00:00+08:00")); // three quarters of 72 h
    }

    [Theory]
    [InlineData("gas-installation", "1wd")]
    [InlineData("gas-repair", "1wd")]
    [InlineData("service-attitude", "1wd")]
    [InlineData("billing", "1wd")]
    [InlineData("general", "1wd")]
    [InlineData("complex", "5wd")]
    [InlineData("compensation", "5wd")]
    public void Fuyang_resolves_general_in_one_and_complex_in_five_working_days(string category, string expected)
    {
        Clock("fuyang-gas", "hotline", category, ClockNames.Resolution).Duration.ShouldBe(SlaDuration.Parse(expected));
    }

    [Fact]
    public void Fuyang_complex_case_runs_dispatch_sign_for_resolution_and_callback()
    {
        var clocks = Clocks("fuyang-gas", "hotline", "complex");

        clocks.Select(c => (c.Name, c.Duration)).ShouldBe(
        [
            (ClockNames.Dispatch, SlaDuration.Minutes(30)),
            (ClockNames.SignFor, SlaDuration.Hours(2)),
            (ClockNames.Resolution, SlaDuration.WorkingDays(5)),
            (ClockNames.Callback, SlaDuration.Hours(2)),
        ]);
        var resolution = clocks.Single(c => c.Name == ClockNames.Resolution);
        ClockSchedule.Compute(resolution, T("2026-09-30T16:00:00+08:00"), Calendar).DueAt
            .ShouldBe(T("2026-10-14T00:00:00+08:00"));
        clocks.Single(c => c.Name == ClockNames.Callback).StartsOn(CaseEventTypes.ResultReported).ShouldBeTrue();
        clocks.Single(c => c.Name == ClockNames.SignFor).StartsOn(CaseEventTypes.DispatchApproved).ShouldBeTrue();
    }

    [Fact]
    public void Fuyang_general_case_has_no_30_minute_forwarding_clock()
    {
        Clocks("fuyang-gas", "hotline", "gas-repair").ShouldNotContain(c => c.Name == ClockNames.Dispatch);
    }

    [Theory]
    [InlineData("meter-data-review", "1wd", null)]
    [InlineData("no-water", "24h", null)]
    [InlineData("low-pressure", "24h", null)]
    [InlineData("meter-box", "24h", null)]
    [InlineData("meter-verification", "24h", null)]
    [InlineData("pipe-repair-small", "24h", "30m")]
    [InlineData("pipe-repair-medium", "38h", "30m")]
    [InlineData("pipe-repair-large", "48h", "30m")]
    [InlineData("water-quality", "1wd", "2h")]
    [InlineData("connection", "1wd", null)]
    [InlineData("violation-report", "1wd", null)]
    [InlineData("general", "1wd", null)]
    public void City_water_routes_topics_to_their_deadlines(string category, string resolution, string? onSite)
    {
        var clocks = Clocks("city-water", "hotline", category);

        clocks.Single(c => c.Name == ClockNames.Resolution).Duration.ShouldBe(SlaDuration.Parse(resolution));
        var onSiteClock = clocks.SingleOrDefault(c => c.Name == ClockNames.OnSite);
        (onSiteClock?.Duration).ShouldBe(onSite is null ? null : SlaDuration.Parse(onSite));
    }

    [Fact]
    public void City_water_medium_pipe_repair_is_due_38_hours_later_holiday_or_not()
    {
        var clock = Clock("city-water", "hotline", "pipe-repair-medium", ClockNames.Resolution);

        ClockSchedule.Compute(clock, T("2026-05-01T08:00:00+08:00"), Calendar).DueAt.ShouldBe(T("2026-05-02T22:00:00+08:00"));
    }

    [Fact]
    public void City_water_replies_first_in_an_hour_and_calls_back_within_a_working_day()
    {
        Clock("city-water", "wechat", null, ClockNames.FirstReply).Duration.ShouldBe(SlaDuration.Hours(1));
        Clock("city-water", "hotline", null, ClockNames.FirstReply).Duration.ShouldBe(SlaDuration.Hours(1));
        Clock("city-water", "hotline", "no-water", ClockNames.Callback).Duration.ShouldBe(SlaDuration.WorkingDays(1));
        Clock("city-water", "hotline", "no-water", ClockNames.Resolution).Breach.ShouldBe(new BreachConsequence(2, 20m));
    }

    [Fact]
    public void A_12345_work_orders_own_deadline_replaces_the_tenants_resolution_due()
    {
        var evaluator = new SlaPolicyEvaluator(Load("fangyang-water"));
        var external = T("2026-10-10T09:00:00+08:00");

        var resolution = evaluator.Evaluate("gov-12345", "complaint", "general", external).Single(c => c.Name == ClockNames.Resolution);
        var times = ClockSchedule.Compute(resolution, T("2026-09-30T16:00:00+08:00"), Calendar);

        times.DueAt.ShouldBe(external); // not 2026-10-01T16:00, the tenant's 1 day
        resolution.Origin.ShouldBe(DurationOrigin.External);
        times.WarnAt.ShouldBeGreaterThan(times.StartedAt);
        times.WarnAt.ShouldBeLessThan(times.DueAt);
    }
}
