using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>
/// The ledger as .xlsx over real HTTP (Kestrel refuses synchronous writes, so a writer that made one fails here), read
/// back with ExcelDataReader: the headers, every column of a known case, the filters, a handler's department, masked
/// and full contacts with the contact view recorded in each case's history, and the cap on full contacts.
/// </summary>
public sealed class LedgerExportTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private readonly Desk _desk = new(fixture.Platform);

    private string Export => $"/api/v1/tenants/{_desk.Tenant}/ledger.xlsx";

    /// <summary>The columns in zh-CN, in order, written out by hand (the sixteen of docs/api.md among them).</summary>
    private static readonly string[] Headers =
    [
        "受理编号", "来电人", "联系电话", "地址", "来电时间", "渠道", "诉求类型", "投诉内容", "类别", "投诉对象", "事发地点", "处置部门",
        "处置人员", "首问负责人", "派单时间", "办理时限", "处理结果", "回访时间", "满意度", "状态", "是否超期", "办结时间", "重新派单次数", "原投诉编号",
    ];

    private static string Marker() => "批" + Guid.NewGuid().ToString("N")[..10];

    private async Task<string> RegisterAsync(string marker, string channel = "walk-in", string phone = "13812345678") =>
        (await _desk.RegisterAsync(new
        {
            channel,
            kind = "complaint",
            content = $"水压低 {marker}",
            complainant = new { name = "王五", phone, address = "开发区长江路 8 号" },
            target = new { type = "company" },
            location = "黄河路与长江路交叉口",
        })).Str("number");

    private async Task<string> DispatchedAsync(string marker, string department, string category = "water-pressure")
    {
        var number = await RegisterAsync(marker);
        await _desk.ActAsync(number, "accept", new { category }, "agent");
        await _desk.ActAsync(number, "dispatch", new { department }, "agent");
        return number;
    }

    private async Task<IReadOnlyList<Dictionary<string, string?>>> RowsAsync(string user, string query) =>
        Spreadsheets.Records((await (await _desk.As(user)).GetAsync($"{Export}?{query}").ReadAsync())[0]);

    [Fact]
    public async Task A_closed_case_fills_every_column_in_Chinese_words()
    {
        var marker = Marker();
        var number = await DispatchedAsync(marker, "pipe-network");
        await _desk.ActAsync(number, "sign", null, "pipe-network");
        await _desk.ActAsync(number, "report-result", new { result = "已调整减压阀" }, "pipe-network");
        await _desk.ActAsync(number, "record-callback", new { satisfaction = "satisfied" }, "agent");
        var view = await _desk.GetAsync(number);
        var history = view["history"]!.AsArray();
        string At(string type) => history.Last(h => h.Str("type") == type).Str("at");

        var response = await (await _desk.As("supervisor")).GetAsync($"{Export}?q={marker}");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith("投诉台账-");
        var sheet = (await Task.FromResult(response).ReadAsync())[0];

        sheet[0].ShouldBe(Headers);
        sheet.Count.ShouldBe(2);
        var row = Spreadsheets.Records(sheet).Single();
        row["受理编号"].ShouldBe(number);
        row["来电人"].ShouldBe("王五");
        row["联系电话"].ShouldBe("138****5678");
        row["地址"].ShouldBe("开发区长江路 8 号");
        row["来电时间"].ShouldBe(Spreadsheets.China(view.Str("receivedAt")));
        row["渠道"].ShouldBe("来访");
        row["诉求类型"].ShouldBe("投诉");
        row["投诉内容"].ShouldBe($"水压低 {marker}");
        row["类别"].ShouldBe("水压问题");
        row["投诉对象"].ShouldBe("对公司");
        row["事发地点"].ShouldBe("黄河路与长江路交叉口");
        row["处置部门"].ShouldBe("管网部");
        row["处置人员"].ShouldBe("pipe-network@fangyang-water");
        row["首问负责人"].ShouldBe("agent@fangyang-water");
        row["派单时间"].ShouldBe(Spreadsheets.China(At("dispatched")));
        row["办理时限"].ShouldBe(Spreadsheets.China(view["clocks"]!.AsArray().Single(c => c.Str("name") == "resolution").Str("dueAt")));
        row["处理结果"].ShouldBe("已调整减压阀");
        row["回访时间"].ShouldBe(Spreadsheets.China(At("callback-recorded")));
        row["满意度"].ShouldBe("满意");
        row["状态"].ShouldBe("已归档");
        row["是否超期"].ShouldBe("否");
        row["办结时间"].ShouldBe(Spreadsheets.China(view.Str("closedAt")));
        row["重新派单次数"].ShouldBe("0");
        row["原投诉编号"].ShouldBeNull();
    }

    [Fact]
    public async Task The_filters_of_the_ledger_list_apply()
    {
        var marker = Marker();
        var registered = await RegisterAsync(marker, channel: "hotline");
        var dispatched = await DispatchedAsync(marker, "pipe-network");

        async Task<IEnumerable<string?>> Numbers(string filter) => (await RowsAsync("supervisor", $"q={marker}&{filter}")).Select(r => r["受理编号"]);

        (await Numbers("")).ShouldBe([registered, dispatched]);
        (await Numbers("status=dispatched")).ShouldBe([dispatched]);
        (await Numbers("status=registered")).ShouldBe([registered]);
        (await Numbers("category=water-pressure")).ShouldBe([dispatched]);
        (await Numbers("department=pipe-network")).ShouldBe([dispatched]);
        (await Numbers("channel=hotline")).ShouldBe([registered]);
        (await Numbers("overdue=true")).ShouldBeEmpty();
        (await Numbers("overdue=false")).ShouldBe([registered, dispatched]);
        var tomorrow = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await Numbers($"from={tomorrow}")).ShouldBeEmpty();
        (await Numbers($"to={tomorrow}")).ShouldBe([registered, dispatched]);
    }

    [Fact]
    public async Task A_department_handler_exports_its_own_department_only()
    {
        var marker = Marker();
        var mine = await DispatchedAsync(marker, "pipe-network");
        var theirs = await DispatchedAsync(marker, "billing", "billing-dispute");

        (await RowsAsync("pipe-network", $"q={marker}")).Select(r => r["受理编号"]).ShouldBe([mine]);
        (await RowsAsync("pipe-network", $"q={marker}&department=billing")).Select(r => r["受理编号"]).ShouldBe([mine]);
        (await RowsAsync("billing", $"q={marker}")).Select(r => r["受理编号"]).ShouldBe([theirs]);
        (await RowsAsync("leader", $"q={marker}")).Select(r => r["受理编号"]).ShouldBe([mine, theirs]);
    }

    [Fact]
    public async Task Full_contacts_go_to_those_who_may_read_them_and_each_read_is_in_the_case_s_history()
    {
        var marker = Marker();
        var first = await DispatchedAsync(marker, "pipe-network");
        var second = await DispatchedAsync(marker, "billing", "billing-dispute");

        var masked = await RowsAsync("agent", $"q={marker}");
        masked.Select(r => r["联系电话"]).ShouldBe(["138****5678", "138****5678"]);
        (await ContactViewsAsync(first)).ShouldBeEmpty();

        var full = await RowsAsync("agent", $"q={marker}&contacts=full");
        full.Select(r => (r["受理编号"], r["联系电话"])).ShouldBe([(first, "13812345678"), (second, "13812345678")]);
        (await ContactViewsAsync(first)).ShouldBe(["agent@fangyang-water"]);
        (await ContactViewsAsync(second)).ShouldBe(["agent@fangyang-water"]);

        var handler = await RowsAsync("pipe-network", $"q={marker}&contacts=full");
        handler.Select(r => (r["受理编号"], r["联系电话"])).ShouldBe([(first, "13812345678")]);
        (await ContactViewsAsync(first)).ShouldBe(["agent@fangyang-water", "pipe-network@fangyang-water"]);
        (await ContactViewsAsync(second)).ShouldBe(["agent@fangyang-water"]);

        var leader = await (await _desk.As("leader")).GetAsync($"{Export}?q={marker}&contacts=full").ExpectAsync(HttpStatusCode.Forbidden);
        leader.Str("detail").ShouldNotBeNullOrEmpty();
        (await ContactViewsAsync(first)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Full_contacts_are_refused_for_more_than_500_rows_naming_the_field_and_nothing_is_recorded()
    {
        var marker = Marker();
        var client = await _desk.As("agent");
        var numbers = new List<string>();
        for (var batch = 0; batch < 501; batch += 20)
        {
            var calls = Enumerable.Range(batch, Math.Min(20, 501 - batch)).Select(async _ =>
                (await client.PostAsJsonAsync(_desk.Complaints, new { channel = "walk-in", kind = "complaint", content = $"水压低 {marker}", complainant = new { name = "赵六", phone = "13912345678" } })
                    .ExpectAsync(HttpStatusCode.Created)).Str("number"));
            numbers.AddRange(await Task.WhenAll(calls));
        }

        var refused = await client.GetAsync($"{Export}?q={marker}&contacts=full").ExpectAsync(HttpStatusCode.BadRequest);
        refused["errors"]!["contacts"]!.AsArray().Single()!.GetValue<string>().ShouldContain("500");
        (await ContactViewsAsync(numbers[0])).ShouldBeEmpty();
        (await ContactViewsAsync(numbers[^1])).ShouldBeEmpty();

        // The same 501 rows masked: every one of them, streamed.
        var rows = await RowsAsync("agent", $"q={marker}");
        rows.Select(r => r["受理编号"]).Order(StringComparer.Ordinal).ShouldBe(numbers.Order(StringComparer.Ordinal));
        rows.ShouldAllBe(r => r["联系电话"] == "139****5678");
    }

    private async Task<List<string>> ContactViewsAsync(string number) =>
        [.. (await _desk.GetAsync(number, "supervisor"))["history"]!.AsArray().Where(h => h.Str("type") == "contact-viewed").Select(h => h.Str("actor"))];
}
