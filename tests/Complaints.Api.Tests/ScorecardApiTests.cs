using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Storage.Postgres;
using Complaints.Testing.Postgres;
using ExcelDataReader;
using Npgsql;

namespace Complaints.Api.Tests;

/// <summary>
/// The scorecards (考核表) over a period of cases built through the API, on the real clocks: every figure below is
/// counted by hand from what the scenario does (seed 001 §8: 2 points and 20 yuan per breached item; §8.4: a
/// re-complaint weighs more; §8.7: the same breach three times in a year flags the person; seed 004 §4.3 targets).
/// </summary>
public sealed class ScorecardApiTests
{
    [Fact]
    public async Task Scorecards_count_points_fines_rates_targets_and_the_repeated_breach_on_sqlite()
    {
        await using var platform = await PlatformInstance.StartAsync(null, ScorecardScenario.HostArgs);
        await new ScorecardScenario(platform).RunAsync();
    }

    /// <summary>
    /// The same scenario on the cluster's store: a PostgreSQL database made by the host's schema, a production start
    /// (cluster mode has no demo users) with the scenario's people configured, password "demo" as the demo's.
    /// </summary>
    [Fact]
    public async Task Scorecards_count_points_fines_rates_targets_and_the_repeated_breach_on_postgresql()
    {
        var server = await PostgresServer.SharedAsync();
        var connection = await server.CreateDatabaseAsync("scorecards");
        try
        {
            await using (var source = NpgsqlDataSource.Create(connection))
            {
                await PostgresSchema.EnsureAsync(source);
            }

            var hash = PasswordHashing.Hash(UserDirectory.DemoPassword);
            var cluster = "scorecards-" + Guid.NewGuid().ToString("N")[..8];
            List<string> args =
            [
                .. PlatformInstance.Production,
                "--Storage:Provider", "postgres", "--Storage:ConnectionString", connection,
                "--Auth:SigningKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
                "--Orleans:ClusterId", cluster, "--Orleans:ServiceId", cluster, "--Orleans:AdvertisedAddress", "127.0.0.1",
                .. ScorecardScenario.HostArgs,
            ];
            foreach (var (tenant, login, role, department) in new[]
            {
                ("fangyang-water", "agent", "agent", null), ("fangyang-water", "supervisor", "supervisor", null),
                ("fangyang-water", "pipe-network", "handler", "pipe-network"), ("fangyang-water", "billing", "handler", "billing"),
                ("fuyang-gas", "supervisor", "supervisor", (string?)null),
            })
            {
                args.AddRange([$"--Tenants:{tenant}:Users:{login}:Role", role, $"--Tenants:{tenant}:Users:{login}:PasswordHash", hash]);
                if (department is not null)
                {
                    args.AddRange([$"--Tenants:{tenant}:Users:{login}:Department", department]);
                }
            }

            await using var platform = await PlatformInstance.StartAsync(null, [.. args]);
            await new ScorecardScenario(platform).RunAsync();
        }
        finally
        {
            await server.DropDatabaseAsync(connection);
        }
    }
}

/// <summary>
/// One period of cases and its scorecards, the same on both stores. The tenant's policy gets a category whose
/// resolution clock runs 1 minute and a 1-minute sign-for clock (host arguments), so breaches happen while the test
/// waits for them; a re-complaint costs 5 points and 50 yuan here (not the defaults, so the setting is seen).
/// </summary>
public sealed class ScorecardScenario(PlatformInstance platform)
{
    private const string Tenant = "fangyang-water";
    private const string Pipe = "pipe-network";
    private const string Billing = "billing";
    private const string PipeHandler = "pipe-network@fangyang-water";
    private const string BillingHandler = "billing@fangyang-water";
    private const string LateCategory = "late-repair";

    public static readonly string[] HostArgs =
    [
        "--Tenants:fangyang-water:Categories:late-repair:Name", "考核测试：限时一分钟的维修",
        "--Tenants:fangyang-water:Categories:late-repair:Department", Pipe,
        "--Tenants:fangyang-water:Policy:Clocks:resolution:Duration", "1m",
        "--Tenants:fangyang-water:Policy:Clocks:sign-for:Duration", "1m",
        "--Tenants:fangyang-water:Scorecard:RecomplaintPoints", "5",
        "--Tenants:fangyang-water:Scorecard:RecomplaintFine", "50",
    ];

    private readonly Desk _desk = new(platform, Tenant);

    public async Task RunAsync()
    {
        // Two cases dispatched and never signed for: each breaches its 1-minute sign-for clock, charged to the department with no person.
        var unsignedPipe = await _desk.DispatchedAsync("water-pressure", Pipe);
        // P5 is closed on time; P7 complains again about the same matter, goes to billing and is not signed for either.
        var onTime = await ClosedAsync(await SignedAsync("water-pressure", Pipe), Pipe, "satisfied");
        var recomplaint = (await _desk.RegisterAsync(new { channel = "hotline", kind = "complaint", content = "上次的水压问题又出现了", recomplaintOf = onTime })).Str("number");
        await _desk.ActAsync(recomplaint, "accept", new { category = "water-pressure" }, "agent");
        await _desk.ActAsync(recomplaint, "dispatch", new { department = Billing }, "agent");

        // Three cases of the 1-minute category, signed by the pipe network's handler: three resolution breaches charged to that person.
        var started = DateTimeOffset.UtcNow;
        var late = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            late.Add(await SignedAsync(LateCategory, Pipe));
        }

        DateTimeOffset.UtcNow.ShouldBeLessThan(started.AddSeconds(50), "the test signs well before the 1-minute clocks fall due; a machine this slow cannot show it");

        // P4: unsatisfied, re-dispatched to billing (charged to the pipe network and its handler), then closed satisfied by billing.
        var redispatched = await SignedAsync("water-pressure", Pipe);
        await _desk.ActAsync(redispatched, "report-result", new { result = "已调整减压阀" }, Pipe);
        await _desk.ActAsync(redispatched, "record-callback", new { satisfaction = "unsatisfied", note = "客户认为是水费问题", redispatchTo = Billing }, "agent");
        await _desk.ActAsync(redispatched, "sign", null, Billing);
        await ClosedAsync(redispatched, Billing, "satisfied");
        // P6: signed, no result yet: still within its 1-day deadline.
        var inProgress = await SignedAsync("water-pressure", Pipe);

        var supervisor = await _desk.As("supervisor");
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        await Eventually.Async(
            async () =>
            {
                var overdue = await supervisor.GetAsync($"/api/v1/tenants/{Tenant}/reports/overdue").ExpectAsync(HttpStatusCode.OK);
                var breached = overdue["departments"]!.AsArray().SelectMany(d => d!["breaches"]!.AsArray()).Select(b => (b.Str("number"), b.Str("clock"))).ToHashSet();
                return late.All(n => breached.Contains((n, "resolution"))) && breached.Contains((unsignedPipe, "sign-for")) && breached.Contains((recomplaint, "sign-for"))
                    ? overdue
                    : null;
            },
            seconds: 180);

        // After the breaches: two of the late cases closed (satisfied, basically satisfied), the third resolved and not yet called back.
        await ClosedAsync(late[0], Pipe, "satisfied");
        await ClosedAsync(late[1], Pipe, "basically-satisfied");
        await _desk.ActAsync(late[2], "report-result", new { result = "已修复" }, Pipe);
        (await _desk.GetAsync(inProgress)).Str("status").ShouldBe("in-progress");

        // A period of three days around today: every case and breach of the scenario is in it.
        var query = $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        var report = await supervisor.GetAsync($"/api/v1/tenants/{Tenant}/reports/scorecards?{query}").ExpectAsync(HttpStatusCode.OK);
        report.Str("yearFrom").ShouldBe(today.AddDays(1).AddYears(-1).AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // Pipe network: P1–P3 (late), P5 (on time), P6 (in progress), P8 (unsigned); P4 now belongs to billing.
        // Closed: P1, P2, P5 = 3. Still within the (resolution) deadline: P6 and P8 (P8's sign-for is breached, its resolution
        // deadline a day away; P3's resolution is breached), so completion = 3 / (6 − 2) = 0.75. On time: P5. Overdue items: 3 resolution + 1 sign-for = 4. Re-complaints: P7 of P5 = 1.
        // Points: 4 × 2 + 5 = 13; fines: 4 × 20 + 50 = 130. Callbacks: P1, P2, P5 = 3, all satisfied or basically: 3 → 1.0.
        // Re-dispatches charged: P4's = 1. Targets: 0.75 < 1.0 → not met.
        var pipe = Card(report["departments"]!, "department", Pipe);
        pipe.Str("name").ShouldBe("管网部");
        Expect(pipe, handled: 6, closed: 3, completionRate: 0.75m, onTime: 1, overdue: 4, recomplaints: 1, points: 13, fines: 130m, callbacks: 3, satisfied: 3, satisfactionRate: 1m, redispatches: 1, targetsMet: false);

        // Billing: P4 (closed on time, signed by billing) and P7 (unsigned, sign-for breached, resolution deadline a day away:
        // still within it). Closed 1: completion 1 / (2 − 1) = 1.0. Overdue: P7's sign-for = 1: 2 points, 20 yuan. Callbacks: P4
        // (twice, one case) = 1, satisfied 1 → 1.0. Both targets met (the breach costs its points and fine).
        var billing = Card(report["departments"]!, "department", Billing);
        Expect(billing, handled: 2, closed: 1, completionRate: 1m, onTime: 1, overdue: 1, recomplaints: 0, points: 2, fines: 20m, callbacks: 1, satisfied: 1, satisfactionRate: 1m, redispatches: 0, targetsMet: true);

        // A department with nothing in the period: zeros, no rates, targets not judged.
        var inspection = Card(report["departments"]!, "department", "inspection");
        Expect(inspection, handled: 0, closed: 0, completionRate: null, onTime: 0, overdue: 0, recomplaints: 0, points: 0, fines: 0m, callbacks: 0, satisfied: 0, satisfactionRate: null, redispatches: 0, targetsMet: null);

        // The pipe network's handler: P1–P3, P5, P6 (not P8, nobody signed). Within the deadline: P6 → 3 / 4 = 0.75. Overdue: 3 resolution
        // breaches = 6 points, 60 yuan, plus P5's re-complaint: 11 points, 110 yuan. The same clock three times in the year: flagged.
        var pipePerson = Card(report["people"]!, "person", PipeHandler);
        pipePerson.Str("department").ShouldBe(Pipe);
        Expect(pipePerson, handled: 5, closed: 3, completionRate: 0.75m, onTime: 1, overdue: 3, recomplaints: 1, points: 11, fines: 110m, callbacks: 3, satisfied: 3, satisfactionRate: 1m, redispatches: 1, targetsMet: false);
        pipePerson["flagged"]!.GetValue<bool>().ShouldBeTrue();
        var repeated = pipePerson["repeatedBreaches"]!.AsArray().Single()!;
        (repeated.Str("clock"), repeated["items"]!.GetValue<int>()).ShouldBe(("resolution", 3));

        // Billing's handler: P4 only, closed on time, satisfied: both targets met, not flagged.
        var billingPerson = Card(report["people"]!, "person", BillingHandler);
        Expect(billingPerson, handled: 1, closed: 1, completionRate: 1m, onTime: 1, overdue: 0, recomplaints: 0, points: 0, fines: 0m, callbacks: 1, satisfied: 1, satisfactionRate: 1m, redispatches: 0, targetsMet: true);
        billingPerson["flagged"]!.GetValue<bool>().ShouldBeFalse();
        report["people"]!.AsArray().Count.ShouldBe(2);

        // A department's handler gets its own card and people only; agents and other tenants are refused.
        var own = await (await _desk.As(Billing)).GetAsync($"/api/v1/tenants/{Tenant}/reports/scorecards?{query}").ExpectAsync(HttpStatusCode.OK);
        own["departments"]!.AsArray().Select(d => d.Str("department")).ShouldBe([Billing]);
        own["people"]!.AsArray().Select(p => p.Str("person")).ShouldBe([BillingHandler]);
        Expect(Card(own["departments"]!, "department", Billing), handled: 2, closed: 1, completionRate: 1m, onTime: 1, overdue: 1, recomplaints: 0, points: 2, fines: 20m, callbacks: 1, satisfied: 1, satisfactionRate: 1m, redispatches: 0, targetsMet: true);
        var pipeOwn = await (await _desk.As(Pipe)).GetAsync($"/api/v1/tenants/{Tenant}/reports/scorecards?{query}").ExpectAsync(HttpStatusCode.OK);
        Expect(Card(pipeOwn["departments"]!, "department", Pipe), handled: 6, closed: 3, completionRate: 0.75m, onTime: 1, overdue: 4, recomplaints: 1, points: 13, fines: 130m, callbacks: 3, satisfied: 3, satisfactionRate: 1m, redispatches: 1, targetsMet: false);
        Card(pipeOwn["people"]!, "person", PipeHandler)["flagged"]!.GetValue<bool>().ShouldBeTrue();
        (await (await _desk.As("agent")).GetAsync($"/api/v1/tenants/{Tenant}/reports/scorecards?{query}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await platform.LoginAsync("supervisor@fuyang-gas")).GetAsync($"/api/v1/tenants/{Tenant}/reports/scorecards?{query}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A period before any of it: no figures; the flag still looks back a year from its end, so it does not see today's breaches.
        var before = await supervisor.GetAsync($"/api/v1/tenants/{Tenant}/reports/scorecards?from={today.AddDays(-40):yyyy-MM-dd}&to={today.AddDays(-10):yyyy-MM-dd}").ExpectAsync(HttpStatusCode.OK);
        before["departments"]!.AsArray().ShouldAllBe(d => d!["handled"]!.GetValue<int>() == 0 && d["points"]!.GetValue<int>() == 0);
        before["people"]!.AsArray().ShouldBeEmpty();

        await WorkbookReadsTheSameAsync(supervisor, query);
    }

    /// <summary>The .xlsx, opened with a reader independent of the writer: Chinese headers, the same figures.</summary>
    private static async Task WorkbookReadsTheSameAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/v1/tenants/{Tenant}/reports/scorecards?{query}&format=xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith("考核表_");
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance); // ExcelDataReader asks for code page 1252 even for .xlsx
        using var reader = ExcelReaderFactory.CreateReader(stream);

        reader.Name.ShouldBe("部门考核");
        var departments = Rows(reader);
        departments[0].ShouldBe(["部门", "承办件数", "办结件数", "办结率", "按时办结", "超时件次", "重复投诉", "扣分", "罚款（元）", "回访件数", "满意件数", "满意率", "重派件数", "是否达标"]);
        var pipe = departments.Single(r => r[0] == "管网部");
        pipe[1..].ShouldBe(["6", "3", "0.75", "1", "4", "1", "13", "130", "3", "3", "1", "1", "未达标"]);

        reader.NextResult().ShouldBeTrue();
        reader.Name.ShouldBe("人员考核");
        var people = Rows(reader);
        people[0][0].ShouldBe("承办人");
        people[0][^1].ShouldBe("一年内同类超时");
        var billing = people.Single(r => r[1] == "抄收部");
        billing[2..^1].ShouldBe(["1", "1", "1", "1", "0", "0", "0", "0", "1", "1", "1", "0", "达标"]);
        billing[^1].ShouldBe("");
        people.Single(r => r[1] == "管网部")[^1].ShouldContain("3");
    }

    private static List<string[]> Rows(IExcelDataReader reader)
    {
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "")]);
        }

        return rows;
    }

    private async Task<string> SignedAsync(string category, string department)
    {
        var number = await _desk.DispatchedAsync(category, department);
        await _desk.ActAsync(number, "sign", null, department);
        return number;
    }

    private async Task<string> ClosedAsync(string number, string department, string satisfaction)
    {
        await _desk.ActAsync(number, "report-result", new { result = "已处理完毕" }, department);
        (await _desk.ActAsync(number, "record-callback", new { satisfaction }, "agent")).Str("status").ShouldBe("closed");
        return number;
    }

    /// <summary>A field that may be null: JSON null (or absent) reads as null, so an expected value is never skipped.</summary>
    private static T? Nullable<T>(JsonNode card, string name)
        where T : struct => card[name] is { } value ? value.GetValue<T>() : null;

    private static JsonNode Card(JsonNode list, string key, string id) => list.AsArray().Single(c => c.Str(key) == id)!;

    private static void Expect(
        JsonNode card, int handled, int closed, decimal? completionRate, int onTime, int overdue, int recomplaints, int points, decimal fines,
        int callbacks, int satisfied, decimal? satisfactionRate, int redispatches, bool? targetsMet)
    {
        var what = card.ToJsonString();
        card["handled"]!.GetValue<int>().ShouldBe(handled, what);
        card["closed"]!.GetValue<int>().ShouldBe(closed, what);
        Nullable<decimal>(card, "completionRate").ShouldBe(completionRate, what);
        card["onTime"]!.GetValue<int>().ShouldBe(onTime, what);
        card["overdue"]!.GetValue<int>().ShouldBe(overdue, what);
        card["recomplaints"]!.GetValue<int>().ShouldBe(recomplaints, what);
        card["points"]!.GetValue<int>().ShouldBe(points, what);
        card["fines"]!.GetValue<decimal>().ShouldBe(fines, what);
        card["callbacks"]!.GetValue<int>().ShouldBe(callbacks, what);
        card["satisfied"]!.GetValue<int>().ShouldBe(satisfied, what);
        Nullable<decimal>(card, "satisfactionRate").ShouldBe(satisfactionRate, what);
        card["redispatches"]!.GetValue<int>().ShouldBe(redispatches, what);
        Nullable<bool>(card, "targetsMet").ShouldBe(targetsMet, what);
    }
}
