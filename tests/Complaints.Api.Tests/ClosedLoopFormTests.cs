using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Complaints.Api.Tests;

/// <summary>
/// The printable closed-loop form (seed 004 annex) and the record card (seed 002), read back with an HTML parser: every
/// label with its value for a case carried through its whole life, values as text whatever they contain, the phone
/// masked unless the contact is asked for (and then recorded), the reader's language, and the case GET's access rule.
/// </summary>
public sealed class ClosedLoopFormTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Content = "自来水水压太低，三楼以上没有水，已持续一周。";
    private const string AcceptNote = "已安抚客户，承诺当日答复";
    private const string Result = "更换减压阀，水压恢复至 0.3 MPa";
    private const string Measures = "辖区减压阀每季度巡检一次";
    private const string Accountability = "巡检班组未按期巡检，扣绩效 50 元";
    private const string Compensation = "减免当月水费 20 元";
    private const string CallbackNote = "客户确认水压正常";

    private readonly Desk _desk = new(fixture.Platform);

    /// <summary>Registered, accepted, dispatched, signed, result with measures, accountability and compensation, called back satisfied, closed.</summary>
    private async Task<string> ClosedCaseAsync()
    {
        var number = (await _desk.RegisterAsync(new
        {
            channel = "hotline",
            kind = "complaint",
            content = Content,
            complainant = new { name = "张三", phone = "13812345678", address = "开发区黄河路 1 号" },
            target = new { type = "staff", name = "李师傅" },
            location = "黄河路 1 号 3 号楼",
        })).Str("number");
        await _desk.ActAsync(number, "accept", new { category = "water-pressure", note = AcceptNote }, "agent");
        await _desk.ActAsync(number, "dispatch", new { department = "pipe-network" }, "agent");
        await _desk.ActAsync(number, "sign", null, "pipe-network");
        await _desk.ActAsync(number, "report-result", new { result = Result, measures = Measures, accountability = Accountability, compensation = Compensation }, "pipe-network");
        (await _desk.ActAsync(number, "record-callback", new { satisfaction = "satisfied", note = CallbackNote }, "agent")).Str("status").ShouldBe("closed");
        return number;
    }

    private string FormPath(string number, string query = "") => $"{_desk.Complaints}/{number}/form{query}";

    private async Task<(HttpResponseMessage Response, IDocument Page)> FormAsync(string number, string user = "agent", string query = "", string? language = null)
    {
        var client = await _desk.As(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, FormPath(number, query));
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return (response, new HtmlParser().ParseDocument(body));
    }

    /// <summary>Each label (a row's header cell) with the text of the value cell beside it.</summary>
    private static Dictionary<string, string> Fields(IDocument page) =>
        page.QuerySelectorAll("table.form th").ToDictionary(th => th.TextContent, th => Value(th.NextElementSibling!));

    /// <summary>A value cell's own value (the result cell also holds the stamp and signature line).</summary>
    private static string Value(IElement cell) => (cell.QuerySelector(".value") ?? cell).TextContent;

    private static string China(JsonNode? at) =>
        DateTimeOffset.Parse(at!.GetValue<string>(), CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static JsonNode Step(JsonObject view, string type) => view["history"]!.AsArray().Last(h => h.Str("type") == type)!;

    [Fact]
    public async Task The_closed_loop_form_prints_every_annex_field_of_a_case_carried_through_its_whole_life()
    {
        var number = await ClosedCaseAsync();
        var view = await _desk.GetAsync(number);
        var resolution = view["clocks"]!.AsArray().Last(c => c.Str("name") == "resolution")!;
        var before = DateTimeOffset.UtcNow;

        var (response, page) = await FormAsync(number);

        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        page.QuerySelectorAll("script").ShouldBeEmpty();
        page.DocumentElement.GetAttribute("lang").ShouldBe("zh-CN");
        page.QuerySelector("h1")!.TextContent.ShouldBe("客户投诉处理闭环管理单");
        page.QuerySelector(".meta .company")!.TextContent.ShouldBe("江苏方洋水务有限公司 (Jiangsu Fangyang Water)");
        page.QuerySelector(".meta .number")!.TextContent.ShouldBe(number);

        Fields(page).ShouldBe(new Dictionary<string, string>
        {
            // The annex's labels, exactly as fixed for the API.
            ["受理部门"] = "客服中心",
            ["诉求类型"] = "投诉（类别：水压问题）",
            ["服务对象"] = "张三",
            ["联系电话"] = "138****5678",
            ["投诉来源"] = "24小时客服热线",
            ["投诉时间"] = China(view["receivedAt"]),
            ["单位/地址"] = "开发区黄河路 1 号",
            ["诉求事项"] = Content,
            ["受理内容"] = AcceptNote,
            ["处理结果"] = Result,
            // The rest of the case's life.
            ["投诉对象"] = "对服务人员（名称：李师傅）",
            ["问题地点"] = "黄河路 1 号 3 号楼",
            ["受理人"] = "agent",
            ["受理时间"] = China(Step(view, "accepted")["at"]),
            ["承办部门"] = "管网部",
            ["派单时间"] = China(Step(view, "dispatched")["at"]),
            ["承办人"] = "pipe-network",
            ["签收时间"] = China(Step(view, "signed")["at"]),
            ["办理时限"] = China(resolution["dueAt"]),
            ["办结时间"] = China(Step(view, "result-reported")["at"]),
            ["整改措施"] = Measures,
            ["责任追究"] = Accountability,
            ["赔偿/补偿"] = Compensation,
            ["回访时间"] = China(Step(view, "callback-recorded")["at"]),
            ["回访人"] = "agent",
            ["满意度"] = "满意",
            ["重新派单次数"] = "0",
            ["回访情况"] = CallbackNote,
            ["当前状态"] = "已归档",
            ["归档时间"] = China(view["closedAt"]),
        }, ignoreOrder: true);

        // The annex's signature block in the result cell, and the signature lines under the form.
        page.QuerySelectorAll("td .stamp span").Select(s => s.TextContent).ShouldBe(["承办部门(签章)：管网部", "负责人签字：", "年　　月　　日"]);
        page.QuerySelectorAll(".signatures div").Select(s => s.TextContent).ShouldBe(["经办人：", "部门负责人：", "分管领导："]);

        var footer = page.QuerySelector(".footer")!.TextContent;
        var printed = System.Text.RegularExpressions.Regex.Match(footer, @"^打印时间：(?<at>\d{4}-\d{2}-\d{2} \d{2}:\d{2})　打印人：agent$");
        printed.Success.ShouldBeTrue(footer);
        var at = DateTimeOffset.ParseExact(printed.Groups["at"].Value + " +08:00", "yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
        at.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(-before.Second).AddTicks(-(before.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Fact]
    public async Task A_case_sent_round_again_prints_its_latest_round_and_the_first_dispatch()
    {
        var number = await _desk.DispatchedAsync();
        await _desk.ActAsync(number, "sign", null, "pipe-network");
        await _desk.ActAsync(number, "report-result", new { result = "已调整减压阀", measures = "调整阀门" }, "pipe-network");
        await _desk.ActAsync(number, "record-callback", new { satisfaction = "unsatisfied", note = "夜间仍然水压低" }, "agent");
        await _desk.ActAsync(number, "sign", null, "pipe-network");
        await _desk.ActAsync(number, "report-result", new { result = "夜间加压泵已调整" }, "pipe-network");
        await _desk.ActAsync(number, "record-callback", new { satisfaction = "basically-satisfied" }, "agent");
        var view = await _desk.GetAsync(number);

        var fields = Fields((await FormAsync(number)).Page);

        fields["处理结果"].ShouldBe("夜间加压泵已调整");
        fields["整改措施"].ShouldBe(""); // the second result named none: the first round's measures are not this result's
        fields["办结时间"].ShouldBe(China(Step(view, "result-reported")["at"]));
        fields["派单时间"].ShouldBe(China(view["history"]!.AsArray().First(h => h.Str("type") == "dispatched")!["at"]));
        fields["签收时间"].ShouldBe(China(Step(view, "signed")["at"]));
        fields["满意度"].ShouldBe("基本满意");
        fields["回访情况"].ShouldBe("");
        fields["重新派单次数"].ShouldBe("1");
        fields["当前状态"].ShouldBe("已归档");
    }

    [Fact]
    public async Task An_inquiry_answered_on_the_spot_prints_the_answer_as_its_result()
    {
        var number = (await _desk.RegisterAsync(new { channel = "walk-in", kind = "inquiry", content = "阶梯水价怎么算？" })).Str("number");
        await _desk.ActAsync(number, "answer", new { reply = "按年度用水量分三档计价，已当面解释。" }, "agent");

        var fields = Fields((await FormAsync(number)).Page);

        fields["诉求类型"].ShouldBe("咨询");
        fields["投诉来源"].ShouldBe("来访");
        fields["服务对象"].ShouldBe("匿名"); // registered without a complainant: anonymous (seed 002)
        fields["联系电话"].ShouldBe("");
        fields["处理结果"].ShouldBe("按年度用水量分三档计价，已当面解释。");
        fields["承办部门"].ShouldBe("");
        fields["当前状态"].ShouldBe("已当场答复");
    }

    [Fact]
    public async Task The_record_card_prints_the_intake_record_of_seed_002()
    {
        var number = await ClosedCaseAsync();
        var view = await _desk.GetAsync(number);

        var (_, page) = await FormAsync(number, query: "?layout=record-card");

        page.QuerySelector("h1")!.TextContent.ShouldBe("顾客投诉记录卡");
        page.QuerySelector(".meta .number")!.TextContent.ShouldBe(number);
        Fields(page).ShouldBe(new Dictionary<string, string>
        {
            ["投诉人"] = "张三",
            ["联系电话"] = "138****5678",
            ["投诉地址"] = "开发区黄河路 1 号",
            ["投诉时间"] = China(view["receivedAt"]),
            ["投诉来源"] = "24小时客服热线",
            ["投诉对象"] = "对服务人员（名称：李师傅）",
            ["投诉类别"] = "投诉（类别：水压问题）",
            ["投诉内容及要求"] = Content,
            ["首问负责人"] = "agent",
            ["受理时间"] = China(Step(view, "accepted")["at"]),
            ["承办部门"] = "管网部",
            ["承办人"] = "pipe-network",
            ["处理意见"] = Result,
            ["回访时间"] = China(Step(view, "callback-recorded")["at"]),
            ["满意度"] = "满意",
            ["回访内容"] = CallbackNote,
            ["当前状态"] = "已归档",
            ["归档时间"] = China(view["closedAt"]),
        }, ignoreOrder: true);
        page.QuerySelectorAll(".signatures div").Select(s => s.TextContent).ShouldBe(["经办人：", "部门负责人："]);
    }

    [Fact]
    public async Task Markup_a_customer_typed_prints_as_text()
    {
        const string content = "<script>alert(1)</script><img src=x onerror=alert(2)>水压低 & \"没水\"";
        const string name = "<b onclick=\"x()\">王五</b>";
        var number = (await _desk.RegisterAsync(new
        {
            channel = "hotline",
            kind = "complaint",
            content,
            complainant = new { name, phone = "13812345678", address = "</td></tr></table><h1>假表头</h1>" },
        })).Str("number");

        var (_, page) = await FormAsync(number);

        page.QuerySelectorAll("script, img, b").ShouldBeEmpty();
        page.QuerySelectorAll("h1").Select(h => h.TextContent).ShouldBe(["客户投诉处理闭环管理单"]);
        page.QuerySelectorAll("[onclick], [onerror]").ShouldBeEmpty();
        var fields = Fields(page);
        fields["诉求事项"].ShouldBe(content);
        fields["服务对象"].ShouldBe(name);
        fields["单位/地址"].ShouldBe("</td></tr></table><h1>假表头</h1>");
    }

    [Fact]
    public async Task The_phone_is_masked_unless_the_full_contact_is_asked_for_and_that_read_is_recorded_in_the_history()
    {
        var number = (await _desk.RegisterAsync(new
        {
            channel = "hotline",
            kind = "complaint",
            content = "请回电 13912345678，白天没人",
            complainant = new { name = "张三", phone = "13812345678" },
        })).Str("number");
        static int Views(JsonObject view) => view["history"]!.AsArray().Count(h => h.Str("type") == "contact-viewed");

        var masked = Fields((await FormAsync(number)).Page);
        masked["联系电话"].ShouldBe("138****5678");
        masked["诉求事项"].ShouldBe("请回电 13912345678，白天没人"); // the agent may read the contact: free text as the case's GET shows it
        Views(await _desk.GetAsync(number)).ShouldBe(0);

        var full = Fields((await FormAsync(number, query: "?contact=full")).Page);
        full["联系电话"].ShouldBe("13812345678");
        var history = (await _desk.GetAsync(number))["history"]!.AsArray();
        var viewed = history.Where(h => h.Str("type") == "contact-viewed").ShouldHaveSingleItem()!;
        viewed.Str("actor").ShouldBe("agent@fangyang-water");

        // A leader reads the case but not its contact: phones masked in the free text too, and no full contact.
        var leader = Fields((await FormAsync(number, "leader")).Page);
        leader["联系电话"].ShouldBe("138****5678");
        leader["诉求事项"].ShouldBe("请回电 139****5678，白天没人");
        await (await _desk.As("leader")).GetAsync(FormPath(number, "?contact=full")).ExpectAsync(HttpStatusCode.Forbidden);
        Views(await _desk.GetAsync(number)).ShouldBe(1);
    }

    [Fact]
    public async Task English_readers_get_english_labels_and_words()
    {
        var number = (await _desk.RegisterAsync()).Str("number");

        var (_, page) = await FormAsync(number, language: "en");

        page.DocumentElement.GetAttribute("lang").ShouldBe("en");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Customer complaint closed-loop form");
        var fields = Fields(page);
        fields["Accepting department"].ShouldBe("客服中心");
        fields["Request type"].ShouldBe("complaint");
        fields["Customer"].ShouldBe("张三");
        fields["Phone"].ShouldBe("138****5678");
        fields["Source"].ShouldBe("24小时客服热线");
        fields["Organisation / address"].ShouldBe("开发区黄河路 1 号");
        fields["Request"].ShouldBe("自来水水压太低，三楼以上没有水。");
        fields["Acceptance"].ShouldBe("");
        fields["Result"].ShouldBe("");
        fields["Status"].ShouldBe("registered");
        fields.Keys.ShouldNotContain(k => k.Any(c => c > 0x2E80)); // no Chinese label left
        page.QuerySelectorAll(".signatures div").Select(s => s.TextContent).ShouldBe(["Clerk：", "Head of department：", "Leader in charge："]);
    }

    [Fact]
    public async Task The_form_follows_the_case_reads_access_rule()
    {
        var number = await _desk.DispatchedAsync();

        var unknown = await (await _desk.As("agent")).GetAsync(FormPath("FYW-2026-999999"));
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        await (await fixture.Platform.LoginAsync("admin@fuyang-gas")).GetAsync(FormPath(number)).ExpectAsync(HttpStatusCode.Forbidden);
        await (await _desk.As("billing")).GetAsync(FormPath(number)).ExpectAsync(HttpStatusCode.Forbidden);
        Fields((await FormAsync(number, "pipe-network")).Page)["承办部门"].ShouldBe("管网部");
    }
}
