using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ExcelDataReader;

namespace Complaints.Api.Tests;

/// <summary>
/// A month of cases built through the API on a tenant with no other cases, and every statistics figure of it computed
/// by hand (docs/reports.md "Statistics"). The same scenario runs on SQLite (<see cref="StatisticsTests"/>) and on
/// PostgreSQL (<see cref="PostgresStatisticsTests"/>): it needs only a way to log the tenant's people in.
/// Users: agent, supervisor, and the handlers pipe-network and billing.
/// </summary>
public sealed class StatisticsMonth(Func<string, Task<HttpClient>> login)
{
    public const string Tenant = "fangyang-water";
    private const string Complaints = $"/api/v1/tenants/{Tenant}/complaints";
    private const string Statistics = $"/api/v1/tenants/{Tenant}/reports/statistics";

    private readonly Dictionary<string, HttpClient> _clients = [];
    private readonly List<string> _closed = [];

    /// <summary>The China month the cases were registered in (its first day).</summary>
    private DateOnly _month;

    public DateOnly Month => _month;

    /// <summary>
    /// The ten cases (A–J), all registered now in the same China month:
    /// <code>
    ///    channel  kind        category         target      department    end state                                   callbacks  redispatches
    /// A  hotline  complaint   water-pressure   company     pipe-network  closed, satisfied                           1          0
    /// B  hotline  complaint   water-pressure   department  pipe-network  closed, basically satisfied                 1          0
    /// C  walk-in  complaint   billing-dispute  staff       billing       unsatisfied → re-dispatched → closed, satisfied  2    1
    /// D  letter   complaint   billing-dispute  —           billing       unsatisfied → re-dispatched, open           1          1
    /// E  hotline  inquiry     —                —           —             answered on the spot                        0          0
    /// F  hotline  complaint   —                —           —             rejected                                    0          0
    /// G  walk-in  complaint   water-pressure   company     pipe-network  dispatched, open; a re-complaint of A       0          0
    /// H  hotline  complaint   meter-fault      —           pipe-network  resolution clock breached, open             0          0
    /// I  hotline  complaint   meter-fault      —           pipe-network  breached, then closed, satisfied            1          0
    /// J  media    suggestion  general          —           —             accepted, not dispatched                    0          0
    /// </code>
    /// H and I get a deadline a few seconds away (an external deadline is the resolution clock's due time) and the
    /// test waits for each breach to be recorded. The other open ones (D, G, J) are within deadlines of a day or more.
    /// </summary>
    public async Task BuildAsync()
    {
        foreach (var user in new[] { "agent", "supervisor", "pipe-network", "billing" })
        {
            await As(user);
        }

        // H and I first, their resolution clocks started (at acceptance) before the deadline they are given.
        var soon = DateTimeOffset.UtcNow.AddSeconds(10);
        var h = await RegisterAsync("hotline", "complaint", deadline: soon);
        var i = await RegisterAsync("hotline", "complaint", deadline: soon);
        await AcceptAsync(h, "meter-fault", null);
        await AcceptAsync(i, "meter-fault", null);
        await ActAsync(h, "dispatch", new { department = "pipe-network" }, "agent");
        await ActAsync(i, "dispatch", new { department = "pipe-network" }, "agent");
        await ActAsync(i, "sign", null, "pipe-network");

        var a = await RegisterAsync("hotline", "complaint");
        await AcceptAsync(a, "water-pressure", new { type = "company" });
        await ResolveAsync(a, "pipe-network");
        await CallbackAsync(a, "satisfied", "closed");

        var b = await RegisterAsync("hotline", "complaint");
        await AcceptAsync(b, "water-pressure", new { type = "department", name = "管网部" });
        await ResolveAsync(b, "pipe-network");
        await CallbackAsync(b, "basically-satisfied", "closed");

        var c = await RegisterAsync("walk-in", "complaint");
        await AcceptAsync(c, "billing-dispute", new { type = "staff", name = "抄表员吴" });
        await ResolveAsync(c, "billing");
        await CallbackAsync(c, "unsatisfied", "dispatched");
        await ActAsync(c, "sign", null, "billing");
        await ActAsync(c, "report-result", new { result = "已退还多收水费" }, "billing");
        await CallbackAsync(c, "satisfied", "closed");

        var d = await RegisterAsync("letter", "complaint");
        await AcceptAsync(d, "billing-dispute", null);
        await ResolveAsync(d, "billing");
        await CallbackAsync(d, "unsatisfied", "dispatched");

        var e = await RegisterAsync("hotline", "inquiry");
        (await ActAsync(e, "answer", new { reply = "营业厅 8:30 开门。" }, "agent")).Str("status").ShouldBe("answered");
        _closed.Add(e);

        var f = await RegisterAsync("hotline", "complaint");
        (await ActAsync(f, "reject", new { reason = "不属于供水服务范围" }, "agent")).Str("status").ShouldBe("rejected");

        var g = await RegisterAsync("walk-in", "complaint", recomplaintOf: a);
        await AcceptAsync(g, "water-pressure", new { type = "company" });
        await ActAsync(g, "dispatch", new { department = "pipe-network" }, "agent");

        var j = await RegisterAsync("media", "suggestion");
        await AcceptAsync(j, "general", null);

        await BreachedAsync(h);
        await BreachedAsync(i);
        await ActAsync(i, "report-result", new { result = "已更换水表" }, "pipe-network");
        await CallbackAsync(i, "satisfied", "closed");

        var months = new List<DateOnly>();
        foreach (var number in new[] { a, b, c, d, e, f, g, h, i, j })
        {
            var registered = DateTimeOffset.Parse((await GetAsync(number)).Str("registeredAt"), CultureInfo.InvariantCulture);
            var day = DateOnly.FromDateTime(registered.ToOffset(TimeSpan.FromHours(8)).DateTime);
            months.Add(new DateOnly(day.Year, day.Month, 1));
        }

        months.Distinct().Count().ShouldBe(1, "the scenario ran across the end of a China month; run it again");
        _month = months[0];
    }

    public async Task VerifyAsync()
    {
        var from = Date(_month);
        var to = Date(_month.AddMonths(1).AddDays(-1));
        var supervisor = await As("supervisor");

        // Totals: received 10 (A–J); accepted 9 (all but F); closed 5 (A, B, C, I closed; E answered); on time 4 (A, B,
        // C, E: I was breached); overdue 2 (H, I); callbacks 5 (A, B, C, D, I); satisfied 4 (A, B basically, C last
        // satisfied, I; D's last was unsatisfied); re-dispatches 2 (C, D); re-complaints 1 (G).
        // Still within deadline: D, G, J (open, not breached, deadline ahead); H is open but breached.
        // Satisfaction rate 4 / 5 = 0.8; completion rate 5 / (9 − 3) = 0.8333.
        var category = await GetJsonAsync(supervisor, $"{Statistics}?from={from}&to={to}&by=category");
        category.Str("from").ShouldBe(from);
        category.Str("to").ShouldBe(to);
        category.Str("by").ShouldBe("category");
        category["department"].ShouldBeNull();
        Expect(category["total"]!, 10, 9, 5, 4, 2, 5, 4, 2, 1, 0.8m, 0.8333m);
        category["total"].Str("name").ShouldBe("合计");
        // Handling time: from registration to the closing (or answering) event of the five closed ones.
        var hours = 0d;
        foreach (var number in _closed)
        {
            var view = await GetAsync(number);
            hours += (DateTimeOffset.Parse(view.Str("closedAt"), CultureInfo.InvariantCulture) - DateTimeOffset.Parse(view.Str("registeredAt"), CultureInfo.InvariantCulture)).TotalHours;
        }

        _closed.Count.ShouldBe(5);
        category["total"]!["averageHandlingHours"]!.GetValue<decimal>().ShouldBe(Math.Round((decimal)(hours / 5), 2, MidpointRounding.AwayFromZero));

        // By category, the biggest first, then by id, none last among equals:
        // water-pressure A, B, G: closed 2 (A, B), callbacks 2, satisfied 2, re-complaint G, within G → 2 / (3 − 1) = 1.
        // billing-dispute C, D: closed 1, callbacks 2, satisfied 1 (C), re-dispatches 2, within D → 1 / (2 − 1) = 1; 1 / 2 = 0.5.
        // meter-fault H, I: closed 1 (I, late), on time 0, overdue 2, callbacks 1 satisfied → 1 / (2 − 0) = 0.5.
        // none E, F: accepted 1 (E), closed 1 (E answered), no callbacks → 1 / 1 = 1, satisfaction null.
        // general J: accepted, within its deadline → 0 / (1 − 1): null; no closed case, so no average handling time.
        var rows = Rows(category);
        rows.Select(r => r["key"]?.GetValue<string>()).ShouldBe(["water-pressure", "billing-dispute", "meter-fault", null, "general"]);
        rows.Select(r => r.Str("name")).ShouldBe(["水压问题", "水费争议", "水表故障报修", "未分类", "其他一般性咨询及投诉"]);
        Expect(rows[0], 3, 3, 2, 2, 0, 2, 2, 0, 1, 1m, 1m);
        Expect(rows[1], 2, 2, 1, 1, 0, 2, 1, 2, 0, 0.5m, 1m);
        Expect(rows[2], 2, 2, 1, 0, 2, 1, 1, 0, 0, 1m, 0.5m);
        Expect(rows[3], 2, 1, 1, 1, 0, 0, 0, 0, 0, null, 1m);
        Expect(rows[4], 1, 1, 0, 0, 0, 0, 0, 0, 0, null, null);
        rows[4]["averageHandlingHours"].ShouldBeNull();

        // By department (the current one): pipe-network A, B, G, H, I: closed 3 (A, B, I), on time 2, overdue 2,
        // callbacks 3 all satisfied, within G → 3 / (5 − 1) = 0.75. billing C, D as above. None E, F, J: accepted 2
        // (E, J), closed 1 (E), within J → 1 / (2 − 1) = 1.
        rows = Rows(await GetJsonAsync(supervisor, $"{Statistics}?from={from}&to={to}&by=department"));
        rows.Select(r => r.Str("name")).ShouldBe(["管网部", "未派单", "抄收部"]);
        Expect(rows[0], 5, 5, 3, 2, 2, 3, 3, 0, 1, 1m, 0.75m);
        Expect(rows[1], 3, 2, 1, 1, 0, 0, 0, 0, 0, null, 1m);
        Expect(rows[2], 2, 2, 1, 1, 0, 2, 1, 2, 0, 0.5m, 1m);

        // By channel: hotline A, B, E, F, H, I: accepted 5 (not F), closed 4 (A, B, E, I), on time 3, overdue 2,
        // callbacks 3 all satisfied, none within (H breached) → 4 / 5 = 0.8. walk-in C, G: closed 1, callbacks 1
        // satisfied, re-dispatch 1, re-complaint 1, within G → 1 / 1. letter D: callbacks 1 unsatisfied → 0 / 1 = 0;
        // within → 0 / 0 null. media J: within → null, no callbacks → null.
        rows = Rows(await GetJsonAsync(supervisor, $"{Statistics}?from={from}&to={to}&by=channel"));
        rows.Select(r => r["key"]!.GetValue<string>()).ShouldBe(["hotline", "walk-in", "letter", "media"]);
        rows.Select(r => r.Str("name")).ShouldBe(["24小时客服热线", "来访", "来信、信访渠道转办", "媒体转办"]);
        Expect(rows[0], 6, 5, 4, 3, 2, 3, 3, 0, 0, 1m, 0.8m);
        Expect(rows[1], 2, 2, 1, 1, 0, 1, 1, 1, 1, 1m, 1m);
        Expect(rows[2], 1, 1, 0, 0, 0, 1, 0, 1, 0, 0m, null);
        Expect(rows[3], 1, 1, 0, 0, 0, 0, 0, 0, 0, null, null);

        // By kind: complaint A–D, F–I: accepted 7, closed 4 (A, B, C, I), on time 3, overdue 2, callbacks 5, satisfied 4,
        // within D, G → 4 / (7 − 2) = 0.8. inquiry E: answered → 1 / 1. suggestion J: within → null.
        rows = Rows(await GetJsonAsync(supervisor, $"{Statistics}?from={from}&to={to}&by=kind"));
        rows.Select(r => r.Str("name")).ShouldBe(["投诉", "咨询", "建议"]);
        Expect(rows[0], 8, 7, 4, 3, 2, 5, 4, 2, 1, 0.8m, 0.8m);
        Expect(rows[1], 1, 1, 1, 1, 0, 0, 0, 0, 0, null, 1m);
        Expect(rows[2], 1, 1, 0, 0, 0, 0, 0, 0, 0, null, null);

        // By target: company A, G (within G) → 1 / 1; department B; staff C (callbacks 1 case, re-dispatch 1); none D,
        // E, F, H, I, J: accepted 5, closed 2 (E, I), on time 1 (E), overdue 2, callbacks 2 (D, I), satisfied 1 (I),
        // re-dispatch 1 (D), within D, J → 2 / (5 − 2) = 0.6667.
        rows = Rows(await GetJsonAsync(supervisor, $"{Statistics}?from={from}&to={to}&by=target"));
        rows.Select(r => r.Str("name")).ShouldBe(["未指明对象", "对公司", "对部门", "对服务人员"]);
        Expect(rows[0], 6, 5, 2, 1, 2, 2, 1, 1, 0, 0.5m, 0.6667m);
        Expect(rows[1], 2, 2, 1, 1, 0, 1, 1, 0, 1, 1m, 1m);
        Expect(rows[2], 1, 1, 1, 1, 0, 1, 1, 0, 0, 1m, 1m);
        Expect(rows[3], 1, 1, 1, 1, 0, 1, 1, 1, 0, 1m, 1m);

        // By month: the one month, named 2026-11 style, equal to the total. Its previous period is the month before,
        // empty here (no divisions by zero: the rates are null).
        var month = await GetJsonAsync(supervisor, $"{Statistics}?from={from}&to={to}&by=month");
        rows = Rows(month);
        rows.Select(r => r.Str("key")).ShouldBe([_month.ToString("yyyy-MM", CultureInfo.InvariantCulture)]);
        rows[0].Str("name").ShouldBe(rows[0].Str("key"));
        Expect(rows[0], 10, 9, 5, 4, 2, 5, 4, 2, 1, 0.8m, 0.8333m);
        var previous = month["previous"]!;
        previous.Str("from").ShouldBe(Date(_month.AddMonths(-1)));
        previous.Str("to").ShouldBe(Date(_month.AddDays(-1)));
        previous["rows"]!.AsArray().ShouldBeEmpty();
        Expect(previous["total"]!, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);

        // The next month's previous period is this month: the same figures beside an empty next month.
        var next = await GetJsonAsync(supervisor, $"{Statistics}?from={Date(_month.AddMonths(1))}&to={Date(_month.AddMonths(2).AddDays(-1))}&by=category");
        Expect(next["total"]!, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null);
        next["previous"].Str("from").ShouldBe(from);
        next["previous"].Str("to").ShouldBe(to);
        Expect(next["previous"]!["total"]!, 10, 9, 5, 4, 2, 5, 4, 2, 1, 0.8m, 0.8333m);

        // A handler reads its own department's figures only: pipe-network's five, by category water-pressure (A, B, G)
        // and meter-fault (H, I).
        var own = await GetJsonAsync(await As("pipe-network"), $"{Statistics}?from={from}&to={to}&by=category");
        own.Str("department").ShouldBe("pipe-network");
        Expect(own["total"]!, 5, 5, 3, 2, 2, 3, 3, 0, 1, 1m, 0.75m);
        Rows(own).Select(r => r.Str("key")).ShouldBe(["water-pressure", "meter-fault"]);
        Expect(Rows(own)[1], 2, 2, 1, 0, 2, 1, 1, 0, 0, 1m, 0.5m);
        Expect((await GetJsonAsync(await As("billing"), $"{Statistics}?from={from}&to={to}&by=category"))["total"]!, 2, 2, 1, 1, 0, 2, 1, 2, 0, 0.5m, 1m);

        await VerifyWorkbookAsync(supervisor, from, to);
    }

    /// <summary>The .xlsx read back with an independent reader: headers in Chinese, the rows and the total, the previous period on its own sheet.</summary>
    private async Task VerifyWorkbookAsync(HttpClient supervisor, string from, string to)
    {
        var response = await supervisor.GetAsync($"{Statistics}?from={from}&to={to}&by=department&format=xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance); // the reader's legacy encodings
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
        var sheets = new List<(string Name, List<object?[]> Rows)>();
        do
        {
            var sheetRows = new List<object?[]>();
            while (reader.Read())
            {
                sheetRows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetValue)]);
            }

            sheets.Add((reader.Name, sheetRows));
        }
        while (reader.NextResult());

        sheets.Select(s => s.Name).ShouldBe(["投诉统计（处置部门）", "上期对比（处置部门）"]);
        var (_, current) = sheets[0];
        current[0].Select(v => v?.ToString()).ShouldBe(
            ["统计期间", "处置部门", "编码", "来件数", "受理数", "办结数", "按时办结数", "超期数", "回访数", "满意数", "重新派单次数", "重复投诉数", "平均处理时长（小时）", "满意率（%）", "办结率（%）"]);
        current.Count.ShouldBe(5); // header, three departments, total
        var pipe = current[1];
        pipe[0].ShouldBe($"{from} ~ {to}");
        pipe[1].ShouldBe("管网部");
        pipe[2].ShouldBe("pipe-network");
        pipe[3..12].Select(Int).ShouldBe([5, 5, 3, 2, 2, 3, 3, 0, 1]);
        Convert.ToDecimal(pipe[13], CultureInfo.InvariantCulture).ShouldBe(100m);
        Convert.ToDecimal(pipe[14], CultureInfo.InvariantCulture).ShouldBe(75m); // 3 / 4
        current[2][1].ShouldBe("未派单");
        current[2][2].ShouldBeNull();
        var total = current[4];
        total[1].ShouldBe("合计");
        total[3..12].Select(Int).ShouldBe([10, 9, 5, 4, 2, 5, 4, 2, 1]);
        Convert.ToDecimal(total[13], CultureInfo.InvariantCulture).ShouldBe(80m);
        Convert.ToDecimal(total[14], CultureInfo.InvariantCulture).ShouldBe(83.33m);

        var (_, before) = sheets[1];
        before.Count.ShouldBe(2); // header and an empty total
        before[1][0].ShouldBe($"{Date(_month.AddMonths(-1))} ~ {Date(_month.AddDays(-1))}");
        before[1][3..12].Select(Int).ShouldAllBe(n => n == 0);
        before[1][13].ShouldBeNull();
    }

    private static void Expect(
        JsonNode row, int received, int accepted, int closed, int onTime, int overdue, int callbacks, int satisfied, int redispatches, int recomplaints,
        decimal? satisfactionRate, decimal? completionRate)
    {
        var name = row["name"]?.GetValue<string>();
        int Count(string field) => row[field]!.GetValue<int>();
        decimal? Rate(string field) => row[field]?.GetValue<decimal>();
        (Count("received"), Count("accepted"), Count("closed"), Count("onTime"), Count("overdue"), Count("callbacks"), Count("satisfied"), Count("redispatches"), Count("recomplaints"))
            .ShouldBe((received, accepted, closed, onTime, overdue, callbacks, satisfied, redispatches, recomplaints), name);
        Rate("satisfactionRate").ShouldBe(satisfactionRate, name);
        Rate("completionRate").ShouldBe(completionRate, name);
    }

    private static int Int(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);

    private static List<JsonNode> Rows(JsonObject report) => [.. report["rows"]!.AsArray().Select(r => r!)];

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<HttpClient> As(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            _clients[user] = client = await login(user);
        }

        return client;
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient client, string path) => await client.GetAsync(path).ExpectAsync(HttpStatusCode.OK);

    private async Task<JsonObject> GetAsync(string number) => await GetJsonAsync(await As("agent"), $"{Complaints}/{number}");

    private async Task<string> RegisterAsync(string channel, string kind, DateTimeOffset? deadline = null, string? recomplaintOf = null)
    {
        var body = new JsonObject
        {
            ["channel"] = channel,
            ["kind"] = kind,
            ["content"] = "统计测试：" + kind,
            ["complainant"] = new JsonObject { ["name"] = "张三", ["phone"] = "13812345678", ["address"] = "开发区黄河路 1 号" },
        };
        if (deadline is { } d)
        {
            body["externalDeadline"] = d;
        }

        if (recomplaintOf is not null)
        {
            body["recomplaintOf"] = recomplaintOf;
        }

        return (await (await As("agent")).PostAsJsonAsync(Complaints, body).ExpectAsync(HttpStatusCode.Created)).Str("number");
    }

    private async Task<JsonObject> ActAsync(string number, string action, object? body, string user)
    {
        var client = await As(user);
        var call = body is null ? client.PostAsync($"{Complaints}/{number}/{action}", null) : client.PostAsJsonAsync($"{Complaints}/{number}/{action}", body);
        return await call.ExpectAsync(HttpStatusCode.OK);
    }

    private Task<JsonObject> AcceptAsync(string number, string category, object? target) =>
        ActAsync(number, "accept", target is null ? new { category } : new { category, target }, "agent");

    /// <summary>Dispatched to <paramref name="department"/>, signed for, the result reported: awaiting the callback.</summary>
    private async Task ResolveAsync(string number, string department)
    {
        await ActAsync(number, "dispatch", new { department }, "agent");
        await ActAsync(number, "sign", null, department);
        await ActAsync(number, "report-result", new { result = "已处理" }, department);
    }

    private async Task CallbackAsync(string number, string satisfaction, string status)
    {
        (await ActAsync(number, "record-callback", new { satisfaction }, "agent")).Str("status").ShouldBe(status);
        if (status == "closed")
        {
            _closed.Add(number);
        }
    }

    /// <summary>Waits for the breach of the resolution clock to be recorded (the platform's own reminder), never a fixed sleep.</summary>
    private async Task BreachedAsync(string number) =>
        await Eventually.Async(
            async () => (await GetAsync(number))["clocks"]!.AsArray().Any(c => c.Str("name") == "resolution" && c.Str("state") == "breached") ? new object() : null,
            seconds: 90);
}
