using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>
/// A year the calendar does not know: importing the holiday-cn file, the health warning, provisional answers and the
/// administrators' daily notification. <c>Calendar:Today</c> sets the date the watch takes as today (tests only).
/// </summary>
public sealed class CalendarCoverageTests
{
    private const string Deadline = "/api/v1/tenants/fangyang-water/calendar/deadline?from=2026-12-31T10:00:00%2B08:00&workingDays=1";
    private const string Import = "/api/v1/calendar/years/2027/import";

    // Only New Year's Day, fixed by law: 2027's schedule itself is not published in our sources.
    private const string HolidayCnFile = """
        {
          "$schema": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json",
          "$id": "https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/2027.json",
          "year": 2027,
          "papers": ["https://www.gov.cn/zhengce/example.htm"],
          "days": [{ "name": "元旦", "date": "2027-01-01", "isOffDay": true }]
        }
        """;

    [Fact]
    public async Task From_1_November_a_missing_next_year_is_a_health_warning_and_deadlines_there_are_provisional_until_the_file_is_imported()
    {
        await using var platform = await PlatformInstance.StartAsync(null, "--Calendar:Today", "2026-11-02");
        var anonymous = platform.Anonymous();
        var platformOperator = await platform.LoginAsync("operator");
        var agent = await platform.LoginAsync("agent");

        var health = await anonymous.GetAsync("/health").ExpectAsync(HttpStatusCode.OK);
        health.Str("status").ShouldBe("Degraded");
        // Other checks may warn too (a demo channel's platform that no simulator serves here): the calendar's is one.
        var warning = health["warnings"]!.AsArray().Single(w => w!.Str("check") == "calendar")!;
        warning.Str("check").ShouldBe("calendar");
        warning["year"]!.GetValue<int>().ShouldBe(2027);
        warning.Str("message").ShouldContain("2027");

        // Weekends only, Friday 2027-01-01 would count as a working day: the answer says it is an estimate.
        var deadline = await agent.GetAsync(Deadline).ExpectAsync(HttpStatusCode.OK);
        deadline.Str("dueAt").ShouldStartWith("2027-01-02T00:00:00");
        deadline["provisional"]!.GetValue<bool>().ShouldBeTrue();
        (await agent.GetAsync("/api/v1/tenants/fangyang-water/calendar/deadline?from=2026-12-31T10:00:00%2B08:00&hours=48").ExpectAsync(HttpStatusCode.OK))["provisional"]!.GetValue<bool>().ShouldBeFalse();
        (await agent.GetAsync("/api/v1/tenants/fangyang-water/calendar/deadline?from=2026-12-01T10:00:00%2B08:00&workingDays=3").ExpectAsync(HttpStatusCode.OK))["provisional"]!.GetValue<bool>().ShouldBeFalse();
        var days = (await agent.GetFromJsonAsync<JsonArray>("/api/v1/tenants/fangyang-water/calendar/days?from=2026-12-31&to=2027-01-01"))!;
        days.Select(d => d!["provisional"]!.GetValue<bool>()).ShouldBe([false, true]);

        (await agent.PostAsync(Import, Body(HolidayCnFile))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await platformOperator.PostAsync(Import, new StringContent(HolidayCnFile, Encoding.UTF8, "text/plain"))).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);

        var imported = await platformOperator.PostAsync(Import, Body(HolidayCnFile)).ExpectAsync(HttpStatusCode.OK);
        imported["official"]!.GetValue<bool>().ShouldBeTrue();
        imported["days"]!.AsArray().Single()!.Str("name").ShouldBe("元旦");
        imported["papers"]!.AsArray().Single()!.GetValue<string>().ShouldBe("https://www.gov.cn/zhengce/example.htm");
        (await platformOperator.GetAsync("/api/v1/calendar/years/2027").ExpectAsync(HttpStatusCode.OK))["papers"]!.AsArray().Count.ShouldBe(1);

        health = await anonymous.GetAsync("/health").ExpectAsync(HttpStatusCode.OK);
        health["warnings"]!.AsArray().ShouldNotContain(w => w!.Str("check") == "calendar");
        deadline = await agent.GetAsync(Deadline).ExpectAsync(HttpStatusCode.OK);
        deadline.Str("dueAt").ShouldStartWith("2027-01-05T00:00:00");
        deadline["provisional"]!.GetValue<bool>().ShouldBeFalse();

        // The papers survive a restart with the year.
        await platform.RestartAsync();
        platformOperator = await platform.LoginAsync("operator");
        (await platformOperator.GetAsync("/api/v1/calendar/years/2027").ExpectAsync(HttpStatusCode.OK))["papers"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_bad_file_is_refused_naming_the_field()
    {
        (string File, string Field)[] cases =
        [
            ("""{ "days": [{ "name": "元旦", "date": "2027-01-01", "isOffDay": true }] }""", "year"),
            ("""{ "year": 2028, "days": [{ "name": "元旦", "date": "2027-01-01", "isOffDay": true }] }""", "year"),
            ("""{ "year": 2027, "days": [] }""", "days"),
            ("""{ "year": 2027, "days": [{ "name": "元旦", "date": "2026-01-01", "isOffDay": true }] }""", "days[0].date"),
            ("""{ "year": 2027, "days": [{ "name": "元旦", "date": "2027-1-1", "isOffDay": true }] }""", "days[0].date"),
            ("""{ "year": 2027, "days": [{ "name": "元旦", "date": "2027-01-01", "isOffDay": true }, { "name": "元旦", "date": "2027-01-01", "isOffDay": false }] }""", "days[1].date"),
            ("""{ "year": 2027, "days": [{ "name": "元\n旦", "date": "2027-01-01", "isOffDay": true }] }""", "days[0].name"),
            ("""{ "year": 2027, "days": [{ "name": "", "date": "2027-01-01", "isOffDay": true }] }""", "days[0].name"),
            ("""{ "year": 2027, "days": [{ "name": "元旦", "date": "2027-01-01" }] }""", "days[0].isOffDay"),
            ("""{ "year": 2027, "papers": ["javascript:alert(1)"], "days": [{ "name": "元旦", "date": "2027-01-01", "isOffDay": true }] }""", "papers[0]"),
        ];
        await using var platform = await PlatformInstance.StartAsync(null, "--Calendar:WatchInterval", "00:00:00");
        var platformOperator = await platform.LoginAsync("operator");
        foreach (var (file, field) in cases)
        {
            var problem = await platformOperator.PostAsync(Import, Body(file)).ExpectAsync(HttpStatusCode.BadRequest);
            problem["errors"]![field].ShouldNotBeNull(problem.ToJsonString());
        }

        var longName = new { year = 2027, days = new[] { new { name = new string('节', 101), date = "2027-01-01", isOffDay = true } } };
        (await platformOperator.PostAsJsonAsync(Import, longName).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["days[0].name"].ShouldNotBeNull();
        (await platformOperator.PutAsJsonAsync("/api/v1/calendar/years/2027", longName).ExpectAsync(HttpStatusCode.BadRequest))["errors"]!["days[0].name"].ShouldNotBeNull();
        (await platformOperator.GetAsync("/api/v1/calendar/years/2027").ExpectAsync(HttpStatusCode.OK))["official"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_clock_due_in_an_unloaded_year_is_provisional_until_its_years_are_loaded()
    {
        // A dispatch clock of 300 working days reaches more than a year ahead, into a year no release knows.
        await using var platform = await PlatformInstance.StartAsync(null, "--Tenants:fangyang-water:Policy:Clocks:dispatch:Duration", "300wd", "--Calendar:WatchInterval", "00:00:00");
        var desk = new Desk(platform);
        var number = (await desk.RegisterAsync()).Str("number");
        await desk.ActAsync(number, "accept", new { category = "water-pressure" }, "agent");

        var dispatch = Clock(await desk.GetAsync(number), "dispatch");
        dispatch["provisional"]!.GetValue<bool>().ShouldBeTrue();

        var platformOperator = await platform.LoginAsync("operator");
        var from = DateTimeOffset.Parse(dispatch.Str("startedAt"), CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).Year;
        var to = DateTimeOffset.Parse(dispatch.Str("dueAt"), CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).Year;
        for (var year = from; year <= to; year++)
        {
            if (!(await platformOperator.GetAsync($"/api/v1/calendar/years/{year}").ExpectAsync(HttpStatusCode.OK))["official"]!.GetValue<bool>())
            {
                await platformOperator.PutAsJsonAsync($"/api/v1/calendar/years/{year}", new { year, days = new[] { new { name = "元旦", date = $"{year}-01-01", isOffDay = true } } }).ExpectAsync(HttpStatusCode.OK);
            }
        }

        Clock(await desk.GetAsync(number), "dispatch")["provisional"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Every_tenants_administrators_are_notified_once_a_day_however_often_the_hosts_check()
    {
        await using var platform = await PlatformInstance.StartAsync(null, "--Calendar:Today", "2026-11-02");
        var water = await platform.LoginAsync("admin");
        var gas = await platform.LoginAsync("admin@fuyang-gas");

        // The check at start-up.
        var first = await Eventually.Async(async () => (await Notices(water, "fangyang-water")).SingleOrDefault());
        first.Str("message").ShouldContain("2027");
        first.Str("recipient").ShouldBe("role:admin");

        // Every host checks (here: the same host again and again): still one a day for each tenant.
        var watch = platform.Services.GetRequiredService<CalendarWatch>();
        (await watch.NotifyAsync(new DateOnly(2026, 11, 2))).ShouldBeGreaterThanOrEqualTo(3);
        await watch.NotifyAsync(new DateOnly(2026, 11, 2));
        (await Notices(water, "fangyang-water")).Count.ShouldBe(1);
        (await Notices(gas, "fuyang-gas")).Count.ShouldBe(1);
        (await Notices(await platform.LoginAsync("agent"), "fangyang-water")).ShouldBeEmpty();

        // The next day, once more.
        await watch.NotifyAsync(new DateOnly(2026, 11, 3));
        (await Notices(water, "fangyang-water")).Count.ShouldBe(2);

        // Before November nothing is missing, nothing is sent.
        (await watch.NotifyAsync(new DateOnly(2026, 10, 31))).ShouldBe(0);
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static JsonNode Clock(JsonObject view, string name) => view["clocks"]!.AsArray().Single(c => c.Str("name") == name)!;

    private static async Task<List<JsonNode>> Notices(HttpClient client, string tenant)
    {
        var page = await client.GetAsync($"/api/v1/tenants/{tenant}/notifications").ExpectAsync(HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Where(n => n.Str("type") == CalendarWatch.NotificationType).Select(n => n!)];
    }
}
