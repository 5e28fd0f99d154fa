using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;

namespace Complaints.Api.Tests;

/// <summary>
/// The daily lists of seed 001 §6.2 through the API: the callback register (JSON, .xlsx, the printable page) with a
/// department handler's scope, and the overdue list as .xlsx and as the printable page (its JSON: ClockApiTests).
/// </summary>
public sealed class DailyListsTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private readonly Desk _desk = new(fixture.Platform);

    private string Reports => $"/api/v1/tenants/{_desk.Tenant}/reports";

    private async Task<string> ResolvedAsync(string department = "pipe-network", string category = "water-pressure")
    {
        var number = (await _desk.RegisterAsync()).Str("number");
        await _desk.ActAsync(number, "accept", new { category }, "agent");
        await _desk.ActAsync(number, "dispatch", new { department }, "agent");
        await _desk.ActAsync(number, "sign", null, department);
        await _desk.ActAsync(number, "report-result", new { result = "已调整减压阀" }, department);
        return number;
    }

    private static string ChinaDate(string isoTime) =>
        DateTimeOffset.Parse(isoTime, CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_callback_register_lists_the_day_s_callbacks_and_the_cases_awaiting_one()
    {
        var called = await ResolvedAsync();
        await _desk.ActAsync(called, "record-callback", new { satisfaction = "satisfied", note = "客户确认已恢复，留电话13812345678" }, "agent");
        var waiting = await ResolvedAsync();
        var billing = await ResolvedAsync("billing", "billing-dispute");
        await _desk.ActAsync(billing, "record-callback", new { satisfaction = "basically-satisfied" }, "supervisor");
        var calledView = await _desk.GetAsync(called);
        var calledAt = calledView["history"]!.AsArray().Last(h => h.Str("type") == "callback-recorded").Str("at");
        var waitingDue = (await _desk.GetAsync(waiting))["clocks"]!.AsArray().Single(c => c.Str("name") == "callback").Str("dueAt");
        var date = ChinaDate(calledAt);
        var supervisor = await _desk.As("supervisor");

        var report = await supervisor.GetAsync($"{Reports}/callbacks?date={date}").ExpectAsync(HttpStatusCode.OK);

        report.Str("date").ShouldBe(date);
        var entry = report["calledBack"]!.AsArray().Single(c => c.Str("number") == called)!;
        entry.Str("name").ShouldBe("张三");
        entry.Str("phone").ShouldBe("138****5678");
        entry.Str("department").ShouldBe("pipe-network");
        entry.Str("result").ShouldBe("已调整减压阀");
        entry.Str("satisfaction").ShouldBe("satisfied");
        entry.Str("calledBackBy").ShouldBe("agent@fangyang-water");
        DateTimeOffset.Parse(entry.Str("calledBackAt"), CultureInfo.InvariantCulture).ShouldBe(DateTimeOffset.Parse(calledAt, CultureInfo.InvariantCulture));
        entry.Str("note").ShouldBe("客户确认已恢复，留电话138****5678");
        report["calledBack"]!.AsArray().ShouldContain(c => c.Str("number") == billing && c.Str("calledBackBy") == "supervisor@fangyang-water");
        report["calledBack"]!.AsArray().ShouldNotContain(c => c.Str("number") == waiting);
        var awaiting = report["awaiting"]!.AsArray().Single(c => c.Str("number") == waiting)!;
        awaiting.Str("phone").ShouldBe("138****5678");
        DateTimeOffset.Parse(awaiting.Str("callbackDueAt"), CultureInfo.InvariantCulture).ShouldBe(DateTimeOffset.Parse(waitingDue, CultureInfo.InvariantCulture));
        report["awaiting"]!.AsArray().ShouldNotContain(c => c.Str("number") == called || c.Str("number") == billing);

        // The billing department's handler sees its own department's cases only.
        var mine = await (await _desk.As("billing")).GetAsync($"{Reports}/callbacks?date={date}").ExpectAsync(HttpStatusCode.OK);
        mine["calledBack"]!.AsArray().ShouldContain(c => c.Str("number") == billing);
        mine["calledBack"]!.AsArray().ShouldAllBe(c => c.Str("department") == "billing");
        mine["awaiting"]!.AsArray().ShouldAllBe(c => c.Str("department") == "billing");

        // As .xlsx: the day's callbacks, then the cases awaiting one, every column in Chinese.
        var sheets = await supervisor.GetAsync($"{Reports}/callbacks?date={date}&format=xlsx").ReadAsync();
        sheets.Count.ShouldBe(2);
        sheets[0][0].ShouldBe(["受理编号", "来电人", "联系电话", "处置部门", "处理结果", "满意度", "回访人", "回访时间", "回访情况"]);
        sheets[0].Single(r => r[0] == called).ShouldBe(
            [called, "张三", "138****5678", "管网部", "已调整减压阀", "满意", "agent@fangyang-water", Spreadsheets.China(calledAt), "客户确认已恢复，留电话138****5678"]);
        sheets[0].Single(r => r[0] == billing)[5].ShouldBe("基本满意");
        sheets[1][0].ShouldBe(["受理编号", "来电人", "联系电话", "处置部门", "处理结果", "回访时限"]);
        sheets[1].Single(r => r[0] == waiting).ShouldBe([waiting, "张三", "138****5678", "管网部", "已调整减压阀", Spreadsheets.China(waitingDue)]);

        // The printable page: the title, the day, and the same rows in two ruled tables.
        var html = await supervisor.GetAsync($"{Reports}/callbacks?date={date}&format=html");
        html.StatusCode.ShouldBe(HttpStatusCode.OK);
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = new HtmlParser().ParseDocument(await html.Content.ReadAsStringAsync());
        page.DocumentElement.GetAttribute("lang").ShouldBe("zh-CN");
        page.QuerySelector("h1")!.TextContent.ShouldBe("客户回访登记表");
        page.QuerySelector(".meta .date")!.TextContent.ShouldBe($"日期：{date}");
        page.QuerySelector("style")!.TextContent.ShouldContain("size: A4");
        var tables = page.QuerySelectorAll("table.list");
        tables.Length.ShouldBe(2);
        tables[0].QuerySelectorAll("th").Select(th => th.TextContent).ShouldBe(sheets[0][0]);
        tables[0].QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToArray())
            .Single(cells => cells[0] == called).ShouldBe(sheets[0].Single(r => r[0] == called)!);
        tables[1].QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToArray())
            .Single(cells => cells[0] == waiting).ShouldBe(sheets[1].Single(r => r[0] == waiting)!);
    }

    [Fact]
    public async Task The_overdue_list_comes_as_xlsx_and_as_a_printable_page()
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20); // time to dispatch and sign on a loaded machine
        var number = (await _desk.RegisterAsync(new { channel = "gov-12345", kind = "complaint", content = "爆管", externalId = "GD-" + Guid.NewGuid(), externalDeadline = deadline })).Str("number");
        await _desk.ActAsync(number, "accept", new { category = "pipe-burst" }, "agent");
        await _desk.ActAsync(number, "dispatch", new { department = "pipe-network" }, "agent");
        await _desk.ActAsync(number, "sign", null, "pipe-network");
        DateTimeOffset.UtcNow.ShouldBeLessThan(deadline, "the test dispatches and signs well before the deadline; a machine this slow cannot show it");
        var client = await _desk.As("supervisor");
        var breach = await Eventually.Async(async () =>
        {
            var current = await client.GetAsync($"{Reports}/overdue?date={ChinaDate(DateTimeOffset.UtcNow.ToString("O"))}").ExpectAsync(HttpStatusCode.OK);
            return current["departments"]!.AsArray().SelectMany(d => d!["breaches"]!.AsArray()).FirstOrDefault(b => b.Str("number") == number);
        });
        var date = ChinaDate(breach!.Str("breachedAt"));
        string[] expected = ["管网部", number, "办结", Spreadsheets.China(breach.Str("dueAt")), Spreadsheets.China(breach.Str("breachedAt")), "2", "20", "pipe-network@fangyang-water"];

        var sheet = (await client.GetAsync($"{Reports}/overdue?date={date}&format=xlsx").ReadAsync())[0];

        sheet[0].ShouldBe(["处置部门", "受理编号", "逾期环节", "时限截止", "逾期时间", "扣分", "罚款（元）", "责任人"]);
        sheet.Single(r => r[1] == number).ShouldBe(expected);

        var html = await client.GetAsync($"{Reports}/overdue?date={date}&format=html");
        html.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = new HtmlParser().ParseDocument(await html.Content.ReadAsStringAsync());
        page.QuerySelector("h1")!.TextContent.ShouldBe("客户投诉逾期未处理明细表");
        page.QuerySelector("table.list")!.QuerySelectorAll("th").Select(th => th.TextContent).ShouldBe(sheet[0]);
        page.QuerySelectorAll("table.list tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent).ToArray())
            .Single(cells => cells[1] == number).ShouldBe(expected);
        page.QuerySelector(".footer")!.TextContent.ShouldStartWith("合计：");

        // A handler of another department: its own list, without this breach.
        var billing = (await (await _desk.As("billing")).GetAsync($"{Reports}/overdue?date={date}&format=xlsx").ReadAsync())[0];
        billing.Skip(1).ShouldAllBe(r => r[0] == "抄收部");
    }
}
