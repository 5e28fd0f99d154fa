using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>The clocks through the API, on the real clock: calendar, deadlines, a real reminder, notifications, the overdue report.</summary>
public sealed class ClockApiTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private readonly Desk _desk = new(fixture.Platform);

    [Fact]
    public async Task The_calendar_lists_holidays_make_up_days_and_weekends()
    {
        var client = await _desk.As("agent");
        var days = (await client.GetFromJsonAsync<JsonArray>("/api/v1/tenants/fangyang-water/calendar/days?from=2026-09-26&to=2026-10-11"))!;
        days.Count.ShouldBe(16);
        Day(days, "2026-09-27")["workday"]!.GetValue<bool>().ShouldBeFalse();      // 中秋节
        Day(days, "2026-10-01")["workday"]!.GetValue<bool>().ShouldBeFalse();      // 国庆节
        Day(days, "2026-10-08")["workday"]!.GetValue<bool>().ShouldBeTrue();
        Day(days, "2026-10-10").Str("note").ShouldBe("make-up workday");
        Day(days, "2026-10-10")["workday"]!.GetValue<bool>().ShouldBeTrue();
        Day(days, "2026-10-11").Str("note").ShouldBe("weekend");
        (await client.GetAsync("/api/v1/tenants/fangyang-water/calendar/days?from=2026-12-01&to=2026-01-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("from=2026-09-30T16:00:00%2B08:00&workingDays=1", "2026-10-09T00:00:00+08:00")]
    [InlineData("from=2026-09-30T16:00:00%2B08:00&hours=2", "2026-09-30T18:00:00+08:00")]
    [InlineData("from=2026-09-30T16:00:00%2B08:00&days=3", "2026-10-03T16:00:00+08:00")]
    [InlineData("from=2026-09-30T08:00:00Z&minutes=30", "2026-09-30T16:30:00+08:00")]
    [InlineData("from=2026-10-09T10:00:00%2B08:00&workingDays=1", "2026-10-11T00:00:00+08:00")]
    public async Task The_deadline_calculator_uses_the_clocks_arithmetic(string query, string expected)
    {
        var client = await _desk.As("agent");
        var result = await client.GetAsync($"/api/v1/tenants/fangyang-water/calendar/deadline?{query}").ExpectAsync(HttpStatusCode.OK);
        DateTimeOffset.Parse(result.Str("dueAt"), CultureInfo.InvariantCulture).ShouldBe(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture));
        result.Str("dueAt").ShouldEndWith("+08:00");
    }

    [Fact]
    public async Task The_deadline_calculator_refuses_bad_input_naming_the_field()
    {
        var client = await _desk.As("agent");
        (await client.GetAsync("/api/v1/tenants/fangyang-water/calendar/deadline?from=soon&hours=1").ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["from"].ShouldNotBeNull();
        (await client.GetAsync("/api/v1/tenants/fangyang-water/calendar/deadline?from=2026-09-30T16:00:00%2B08:00&hours=0").ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["hours"].ShouldNotBeNull();
        (await client.GetAsync("/api/v1/tenants/fangyang-water/calendar/deadline?from=2026-09-30T16:00:00%2B08:00").ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["workingDays"].ShouldNotBeNull();
    }

    [Fact]
    public async Task A_real_reminder_warns_and_breaches_on_time_and_tells_the_department_and_supervisors()
    {
        var gas = new Desk(fixture.Platform, "fuyang-gas");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(6);
        var number = (await gas.RegisterAsync(new { channel = "gov-12345", kind = "complaint", content = "燃气表漏气", externalId = "GD-" + Guid.NewGuid(), externalDeadline = deadline })).Str("number");
        await gas.ActAsync(number, "accept", new { category = "gas-repair" }, "agent");
        var resolution = (await gas.GetAsync(number))["clocks"]!.AsArray().Single(c => c.Str("name") == "resolution")!;
        DateTimeOffset.Parse(resolution.Str("dueAt"), CultureInfo.InvariantCulture).ShouldBe(deadline, TimeSpan.FromMilliseconds(1));

        var view = await Eventually.Async(async () =>
        {
            var current = await gas.GetAsync(number);
            return current["clocks"]!.AsArray().Any(c => c.Str("name") == "resolution" && c.Str("state") == "breached") ? current : null;
        });

        var types = view["history"]!.AsArray().Select(h => h.Str("type")).ToList();
        types.Count(t => t == "clock-breached").ShouldBe(1);
        types.Count(t => t == "clock-warned").ShouldBe(1);
        var breach = view["history"]!.AsArray().Single(h => h.Str("type") == "clock-breached")!;
        var lateness = DateTimeOffset.Parse(breach.Str("at"), CultureInfo.InvariantCulture) - deadline;
        lateness.ShouldBeGreaterThanOrEqualTo(TimeSpan.Zero);
        lateness.ShouldBeLessThan(TimeSpan.FromSeconds(5));

        var overdue = await (await gas.As("agent")).GetAsync("/api/v1/tenants/fuyang-gas/complaints?overdue=true&pageSize=500").ExpectAsync(HttpStatusCode.OK);
        overdue["items"]!.AsArray().Select(i => i.Str("number")).ShouldContain(number);

        var supervisor = await (await gas.As("supervisor")).GetAsync("/api/v1/tenants/fuyang-gas/notifications").ExpectAsync(HttpStatusCode.OK);
        supervisor["items"]!.AsArray().ShouldContain(n => n!["number"]!.GetValue<string>() == number && n["type"]!.GetValue<string>() == "clock-breached");
        var leader = await (await gas.As("leader")).GetAsync("/api/v1/tenants/fuyang-gas/notifications").ExpectAsync(HttpStatusCode.OK);
        leader["items"]!.AsArray().ShouldContain(n => n!["number"]!.GetValue<string>() == number && n["clock"]!.GetValue<string>() == "resolution");

        var report = await (await gas.As("supervisor")).GetAsync("/api/v1/tenants/fuyang-gas/reports/overdue").ExpectAsync(HttpStatusCode.OK);
        report["departments"]!.AsArray().SelectMany(d => d!["breaches"]!.AsArray()).ShouldContain(b => b!["number"]!.GetValue<string>() == number);
    }

    [Fact]
    public async Task The_overdue_report_counts_points_and_fines_per_department()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20); // time to dispatch and sign on a loaded machine
        var number = (await _desk.RegisterAsync(new { channel = "gov-12345", kind = "complaint", content = "爆管", externalId = "GD-" + Guid.NewGuid(), externalDeadline = deadline })).Str("number");
        await _desk.ActAsync(number, "accept", new { category = "pipe-burst" }, "agent");
        await _desk.ActAsync(number, "dispatch", new { department = "pipe-network" }, "agent");
        await _desk.ActAsync(number, "sign", null, "pipe-network");
        // The breach is charged to whoever holds the case when it falls due: the department, if dispatch came first,
        // and the fine to the person who signed for it.
        DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, "the test dispatches and signs well before the deadline; a machine this slow cannot show it");
        var client = await _desk.As("supervisor");
        var report = await Eventually.Async(async () =>
        {
            var current = await client.GetAsync("/api/v1/tenants/fangyang-water/reports/overdue").ExpectAsync(HttpStatusCode.OK);
            return current["departments"]!.AsArray().Any(d => d!["breaches"]!.AsArray().Any(b => b.Str("number") == number)) ? current : null;
        });

        var pipe = report["departments"]!.AsArray().Single(d => d!["department"]?.GetValue<string>() == "pipe-network")!;
        var item = pipe["breaches"]!.AsArray().Single(b => b.Str("number") == number)!;
        item.Str("clock").ShouldBe("resolution");
        item["points"]!.GetValue<int>().ShouldBe(2);
        item["fine"]!.GetValue<decimal>().ShouldBe(20m);
        item.Str("person").ShouldBe("pipe-network@fangyang-water");
        pipe["points"]!.GetValue<int>().ShouldBe(pipe["breaches"]!.AsArray().Sum(b => b!["points"]!.GetValue<int>()));

        // The handling department sees its own department's items only.
        var mine = await (await _desk.As("pipe-network")).GetAsync("/api/v1/tenants/fangyang-water/reports/overdue").ExpectAsync(HttpStatusCode.OK);
        mine["departments"]!.AsArray().ShouldAllBe(d => d!["department"]!.GetValue<string>() == "pipe-network");
        var notices = await (await _desk.As("pipe-network")).GetAsync("/api/v1/tenants/fangyang-water/notifications").ExpectAsync(HttpStatusCode.OK);
        notices["items"]!.AsArray().ShouldContain(n => n!["number"]!.GetValue<string>() == number);
        (await client.GetAsync("/api/v1/tenants/fangyang-water/reports/overdue?date=yesterday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static JsonNode Day(JsonArray days, string date) => days.Single(d => d!["date"]!.GetValue<string>() == date)!;
}

/// <summary>The platform operator loads next year's official schedule without a release; it survives a restart.</summary>
public sealed class CalendarYearTests
{
    [Fact]
    public async Task A_loaded_year_changes_the_deadlines_and_is_kept_across_a_restart()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var platformOperator = await platform.LoginAsync("operator");
        var agent = await platform.LoginAsync("agent");
        const string Deadline = "/api/v1/tenants/fangyang-water/calendar/deadline?from=2027-02-05T10:00:00%2B08:00&workingDays=1";

        // Before: 2027 is weekends only, so Monday 2027-02-08 is a working day.
        (await agent.GetAsync(Deadline).ExpectAsync(HttpStatusCode.OK)).Str("dueAt").ShouldStartWith("2027-02-09T00:00:00");

        var spring = new
        {
            year = 2027,
            days = Enumerable.Range(6, 8).Select(d => new { name = "春节", date = $"2027-02-{d:00}", isOffDay = true })
                .Append(new { name = "春节", date = "2027-02-20", isOffDay = false }).ToList(),
        };
        (await agent.PutAsJsonAsync("/api/v1/calendar/years/2027", spring)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var loaded = await platformOperator.PutAsJsonAsync("/api/v1/calendar/years/2027", spring).ExpectAsync(HttpStatusCode.OK);
        loaded["days"]!.AsArray().Count.ShouldBe(9);
        // After: 02-06..02-13 off and Sunday 02-14 too, so the first working day is Monday 02-15, due at its end.
        (await agent.GetAsync(Deadline).ExpectAsync(HttpStatusCode.OK)).Str("dueAt").ShouldStartWith("2027-02-16T00:00:00");

        var bad = await platformOperator.PutAsJsonAsync("/api/v1/calendar/years/2027", new { year = 2027, days = new[] { new { name = "春节", date = "2026-02-06", isOffDay = true } } }).ExpectAsync(HttpStatusCode.BadRequest);
        bad["errors"]!["days[0].date"].ShouldNotBeNull();
        (await platformOperator.PutAsJsonAsync("/api/v1/calendar/years/2027", new { year = 2028, days = spring.days }).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["year"].ShouldNotBeNull();
        (await platformOperator.PutAsJsonAsync("/api/v1/calendar/years/2027", new { year = 2027, days = new[] { new { name = "", date = "2027-02-06", isOffDay = true } } }).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["days[0].name"].ShouldNotBeNull();

        await platform.RestartAsync();
        agent = await platform.LoginAsync("agent");
        (await agent.GetAsync(Deadline).ExpectAsync(HttpStatusCode.OK)).Str("dueAt").ShouldStartWith("2027-02-16T00:00:00");
        var days = (await agent.GetFromJsonAsync<JsonArray>("/api/v1/tenants/fangyang-water/calendar/days?from=2027-02-20&to=2027-02-20"))!;
        days.Single()!.Str("note").ShouldBe("make-up workday");
    }
}
