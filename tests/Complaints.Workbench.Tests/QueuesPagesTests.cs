using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Api.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Complaints.Workbench.Tests;

/// <summary>
/// The queues of each role on the home page, the case list with the ledger's filters and the notification bell, in a
/// real browser against the real host; cases are moved on through the API by other users while the pages stay open.
/// </summary>
public sealed class QueuesPagesTests(WorkbenchFixture workbench) : IClassFixture<WorkbenchFixture>
{
    private Users Desk => new(workbench.Platform);

    [Fact]
    public async Task The_desk_takes_a_new_item_from_to_accept_and_finds_it_under_to_dispatch_once_accepted_without_a_reload()
    {
        var number = (await Desk.RegisterAsync()).Str("number");
        var page = await workbench.SignedInAsync("agent");

        await Expect(Tab(page, "待受理")).ToBeVisibleAsync();
        await Expect(Tab(page, "待回访")).ToBeVisibleAsync();
        await Expect(Row(page, "to-accept", number)).ToBeVisibleAsync();

        await Desk.ActAsync(number, "accept", new { category = "water-pressure" }, "supervisor");

        await Expect(Row(page, "to-accept", number)).ToHaveCountAsync(0);
        await Tab(page, "待派单").ClickAsync();
        await Expect(Row(page, "to-dispatch", number)).ToBeVisibleAsync();
        await Expect(Row(page, "to-dispatch", number).Locator("xpath=ancestor::tr").Locator(".status")).ToHaveTextAsync("已受理（待派单）");
    }

    [Fact]
    public async Task A_department_signs_from_to_sign_and_handles_from_to_handle_only_its_own_cases()
    {
        var ours = await Desk.DispatchedAsync(department: "pipe-network");
        var theirs = await Desk.DispatchedAsync(department: "billing");
        var page = await workbench.SignedInAsync("pipe-network");

        await Expect(page.Locator("#queue-title")).ToHaveTextAsync("管网部的待办案件");
        await Expect(Row(page, "to-sign", ours)).ToBeVisibleAsync();
        await Expect(page.Locator($"a.case-link:text-is('{theirs}')")).ToHaveCountAsync(0);
        await Expect(Row(page, "to-sign", ours).Locator("xpath=ancestor::tr").Locator(".countdown")).ToHaveAttributeAsync("data-state", "running");

        await Desk.ActAsync(ours, "sign", null, "pipe-network");

        await Expect(Row(page, "to-sign", ours)).ToHaveCountAsync(0);
        await Tab(page, "待办理").ClickAsync();
        await Expect(Row(page, "to-handle", ours)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_leader_finds_an_escalated_case_among_the_approvals()
    {
        var number = await Desk.DispatchedAsync();
        await Desk.ActAsync(number, "sign", null, "pipe-network");
        await Desk.ActAsync(number, "report-result", new { result = "已调整夜间加压泵" }, "pipe-network");
        await Desk.ActAsync(number, "record-callback", new { satisfaction = "unsatisfied", note = "客户要求领导处理", escalate = true }, "supervisor");

        var page = await workbench.SignedInAsync("leader");

        await Expect(Tab(page, "待领导审批")).ToBeVisibleAsync();
        await Expect(Row(page, "approvals", number)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_supervisor_sees_an_extension_request_until_it_is_decided_and_the_days_overdue_list()
    {
        var number = await Desk.DispatchedAsync();
        await Desk.ActAsync(number, "sign", null, "pipe-network");
        var page = await workbench.SignedInAsync("supervisor");
        await Expect(Tab(page, "延期申请")).ToBeVisibleAsync();

        await Desk.ActAsync(number, "request-extension", new { until = DateTimeOffset.UtcNow.AddDays(2), reason = "配件明日到货" }, "pipe-network");

        await Expect(Row(page, "extensions", number)).ToBeVisibleAsync();
        await Desk.ActAsync(number, "decide-extension", new { approve = false, note = "请按期办结" }, "supervisor");
        await Expect(Row(page, "extensions", number)).ToHaveCountAsync(0);

        await Tab(page, "逾期未处理").ClickAsync();
        var today = Sla.ChinaTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-queue=overdue] .overdue-board-title")).ToHaveTextAsync($"逾期未处理明细表（{today}）");
    }

    [Fact]
    public async Task A_tenant_admin_sees_every_open_case_and_no_ended_one()
    {
        var registered = (await Desk.RegisterAsync()).Str("number");
        var dispatched = await Desk.DispatchedAsync(department: "billing");
        var rejected = (await Desk.RegisterAsync()).Str("number");
        await Desk.ActAsync(rejected, "reject", new { reason = "不属于供水业务" }, "agent");

        var page = await workbench.SignedInAsync("admin");

        await Expect(Tab(page, "全部未办结")).ToBeVisibleAsync();
        await Expect(Row(page, "all-open", registered)).ToBeVisibleAsync();
        await Expect(Row(page, "all-open", dispatched)).ToBeVisibleAsync();
        await Expect(Row(page, "all-open", rejected)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_case_list_searches_the_address_filters_by_status_and_shows_a_refused_filter_beside_its_field()
    {
        var street = "测试街" + Guid.NewGuid().ToString("N")[..6];
        var open = (await Desk.RegisterAsync(new { channel = "hotline", kind = "complaint", content = "水管漏水", complainant = new { name = "王五", phone = "13700001111", address = street + "1号" } })).Str("number");
        var ended = (await Desk.RegisterAsync(new { channel = "hotline", kind = "complaint", content = "水管漏水", complainant = new { name = "王五", phone = "13700001111", address = street + "2号" } })).Str("number");
        await Desk.ActAsync(ended, "reject", new { reason = "重复投诉" }, "agent");
        var page = await workbench.SignedInAsync("agent");
        await page.GotoAsync("/cases");
        await Expect(page.Locator("#cases-filters fieldset")).ToBeEnabledAsync();

        await page.Locator("#q").FillAsync(street);
        await page.Locator("#cases-filters button[type=submit]").ClickAsync();

        // Open cases unless a status is chosen: the rejected one is not listed, its phone masked as everywhere.
        await Expect(page.Locator(".cases-total")).ToHaveAttributeAsync("data-total", "1");
        await Expect(page.Locator($"a.case-link:text-is('{open}')")).ToBeVisibleAsync();
        await Expect(page.Locator(".queue")).ToContainTextAsync("137****1111");
        await page.Locator("#status").SelectOptionAsync("rejected");
        await page.Locator("#cases-filters button[type=submit]").ClickAsync();
        await Expect(page.Locator(".cases-total")).ToHaveAttributeAsync("data-total", "1");
        await Expect(page.Locator($"a.case-link:text-is('{ended}')")).ToBeVisibleAsync();
        page.Url.ShouldContain("status=rejected");

        await page.GotoAsync("/cases?from=2026-13-01");
        await Expect(page.Locator(".field-error[data-field=from]")).ToBeVisibleAsync();
        await Expect(page.Locator(".cases-total")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_notification_raises_the_bells_count_on_an_open_page_and_a_click_opens_the_case_and_marks_it_read()
    {
        var number = await Desk.DispatchedAsync(department: "pipe-network");
        var page = await workbench.SignedInAsync("pipe-network");
        await Expect(page.Locator(".bell")).ToHaveAttributeAsync("data-ready", "true");
        var before = int.Parse((await page.Locator(".bell-count").GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture);

        await Desk.ActAsync(number, "supervise", new { note = "今天内必须处理" }, "supervisor"); // the holding department is told

        await Expect(page.Locator(".bell-count")).ToHaveAttributeAsync("data-count", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator(".bell-button").ClickAsync();
        var item = page.Locator($".bell-item[data-number='{number}']");
        await Expect(item).ToBeVisibleAsync();
        await item.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/complaints/{number}$"));
        await Expect(page.Locator(".bell-count")).ToHaveAttributeAsync("data-count", before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var unread = await (await workbench.Platform.LoginAsync("pipe-network")).GetAsync("/api/v1/tenants/fangyang-water/notifications?unread=true&pageSize=500", TestContext.Current.CancellationToken);
        unread.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await unread.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldNotContain($"\"number\":\"{number}\"");
    }

    /// <summary>The tenant's people acting through the API, as other users would while a page is open.</summary>
    private sealed class Users(PlatformInstance platform)
    {
        private const string Complaints = "/api/v1/tenants/fangyang-water/complaints";

        public async Task<JsonObject> RegisterAsync(object? body = null)
        {
            body ??= new { channel = "hotline", kind = "complaint", content = "自来水水压太低，三楼以上没有水。", complainant = new { name = "张三", phone = "13812345678", address = "开发区黄河路 1 号" } };
            return await (await platform.LoginAsync("agent")).PostAsJsonAsync(Complaints, body).ExpectAsync(HttpStatusCode.Created);
        }

        public async Task<JsonObject> ActAsync(string number, string action, object? body, string user)
        {
            var client = await platform.LoginAsync(user);
            return await (body is null ? client.PostAsync($"{Complaints}/{number}/{action}", null) : client.PostAsJsonAsync($"{Complaints}/{number}/{action}", body))
                .ExpectAsync(HttpStatusCode.OK);
        }

        public async Task<string> DispatchedAsync(string department = "pipe-network")
        {
            var number = (await RegisterAsync()).Str("number");
            await ActAsync(number, "accept", new { category = "water-pressure" }, "agent");
            await ActAsync(number, "dispatch", new { department }, "agent");
            return number;
        }
    }

    private static ILocator Tab(IPage page, string title) => page.Locator(".ant-tabs-tab", new() { HasText = title });

    private static ILocator Row(IPage page, string queue, string number) => page.Locator($"[data-queue={queue}] a.case-link:text-is('{number}')");
}
