using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Complaints.Api.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Complaints.Workbench.Tests;

/// <summary>The workbench in a real browser against the real host: sign-in, the queue, registration, the live case page.</summary>
public sealed partial class WorkbenchPagesTests(WorkbenchFixture workbench) : IClassFixture<WorkbenchFixture>
{
    private const string Tenant = "fangyang-water";

    [Fact]
    public async Task Signed_out_the_home_page_sends_to_the_sign_in_form()
    {
        var page = await workbench.NewPageAsync();

        await page.GotoAsync("/");

        await Expect(page).ToHaveURLAsync(LoginUrl());
        await Expect(page.Locator("input[name=username]")).ToBeVisibleAsync();
        await Expect(page.Locator("input[name=password]")).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN"); // the browser asks for English: zh-CN all the same
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_chinese_and_signs_nobody_in()
    {
        var page = await workbench.NewPageAsync();
        await page.GotoAsync("/login");

        await page.Locator("input[name=username]").FillAsync("agent");
        await page.Locator("input[name=password]").FillAsync("not-the-password");
        await page.Locator("button[type=submit]").ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误。");
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(LoginUrl());
    }

    [Fact]
    public async Task English_is_chosen_with_the_query_and_kept()
    {
        var page = await workbench.NewPageAsync();

        await page.GotoAsync("/login?culture=en");
        await Expect(page.Locator("label[for=username]")).ToHaveTextAsync("User name");
        await page.GotoAsync("/login");

        await Expect(page.Locator("label[for=password]")).ToHaveTextAsync("Password");
    }

    [Fact]
    public async Task An_agent_registers_a_complaint_and_its_page_shows_a_change_made_through_the_api_without_a_reload()
    {
        var page = await workbench.SignedInAsync("agent");
        await WorkbenchFixture.OpenAsync(page, "/complaints/new");

        // The intake's refusal beside its field first: no content.
        await page.Locator("#name").FillAsync("张三");
        await page.Locator("#register-form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".field-error[data-field=content]")).ToContainTextAsync("必填");

        await page.Locator("#content").FillAsync("三楼以上水压太低");
        await page.Locator("#phone").FillAsync("13812345678");
        await page.Locator("#address").FillAsync("方阳市解放路1号");
        await page.Locator("#register-form button[type=submit]").ClickAsync();

        await Expect(page).ToHaveURLAsync(CasePage());
        var number = CasePage().Match(page.Url).Groups["number"].Value;
        await Expect(page.Locator("#case-status")).ToHaveTextAsync("待受理");
        await Expect(page.Locator("#case-phone")).ToHaveTextAsync("138****5678");
        await Expect(page.Locator("#case-content")).ToHaveTextAsync("三楼以上水压太低");
        await Expect(page.Locator(".history")).ToContainTextAsync("登记");

        // Someone else accepts it through the API: the open page follows, no reload.
        var api = await workbench.Platform.LoginAsync("supervisor");
        var accepted = await api.PostAsJsonAsync($"/api/v1/tenants/{Tenant}/complaints/{number}/accept", new { category = "water-pressure" });
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());

        await Expect(page.Locator("#case-status")).ToHaveTextAsync("已受理（待派单）");
        await Expect(page.Locator(".history")).ToContainTextAsync("受理");
        await Expect(page.Locator(".history")).ToContainTextAsync("supervisor");
    }

    [Fact]
    public async Task A_countdown_on_the_case_page_moves_every_second()
    {
        var api = await workbench.Platform.LoginAsync("agent");
        var number = await RegisterAsync(api, "夜间无水");
        var page = await workbench.SignedInAsync("agent");

        await page.GotoAsync($"/complaints/{number}");
        var countdown = page.Locator(".clock .countdown").First;
        await Expect(countdown).ToHaveAttributeAsync("data-state", "running");
        var first = await countdown.TextContentAsync();

        await Expect(countdown).Not.ToHaveTextAsync(first!);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task The_browsers_countdown_says_what_the_servers_says(string culture)
    {
        // The server draws a countdown, the browser moves it (countdowns.js): the two must agree to the second.
        var page = await workbench.SignedInAsync("agent");
        await page.GotoAsync($"/cases?culture={culture}");
        await Expect(page.Locator("#cases-title")).ToBeVisibleAsync();
        var words = CultureInfo.GetCultureInfo(culture);
        var due = new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.FromHours(8));
        TimeSpan[] before = [new(2, 3, 4, 5, 900), TimeSpan.FromHours(25), TimeSpan.FromSeconds(59), TimeSpan.FromMilliseconds(1), TimeSpan.Zero, TimeSpan.FromMinutes(-90), TimeSpan.FromDays(-3.5)];
        foreach (var left in before)
        {
            var now = due - left;
            foreach (var (warnAt, breached, warned) in new (DateTimeOffset?, bool, bool)[] { (null, false, false), (due.AddHours(-1), false, false), (null, true, false), (null, false, true) })
            {
                var drawn = await page.EvaluateAsync<string[]>(
                    "([now, due, warn, breached, warned]) => { const c = window.complaintsCountdown; return [c.label(now, due, document.body.dataset), c.state(now, due, warn, breached, warned)]; }",
                    new object?[] { now.ToUnixTimeMilliseconds(), due.ToUnixTimeMilliseconds(), warnAt?.ToUnixTimeMilliseconds(), breached, warned });

                drawn[0].ShouldBe(Countdown.Label(now, due, words, breached), $"{left} before the deadline");
                drawn[1].ShouldBe(Countdown.StateAt(now, due, warnAt, breached, warned).ToString().ToLowerInvariant(), $"{left} before, warn {warnAt}, breached {breached}, warned {warned}");
            }
        }
    }

    [Fact]
    public async Task A_queues_countdowns_move_in_the_browser()
    {
        var api = await workbench.Platform.LoginAsync("agent");
        var number = await RegisterAsync(api, "表后漏水");
        var page = await workbench.SignedInAsync("agent");

        var countdown = page.Locator($"tr[data-row-key='{number}'] .countdown");
        await Expect(countdown).ToHaveAttributeAsync("data-state", "running");
        var first = await countdown.TextContentAsync();

        await Expect(countdown).Not.ToHaveTextAsync(first!);
    }

    [Fact]
    public async Task A_department_handlers_queue_holds_only_its_departments_open_cases()
    {
        var agent = await workbench.Platform.LoginAsync("agent");
        var ours = await DispatchedAsync(agent, "水表不走字", "pipe-network");
        var theirs = await DispatchedAsync(agent, "水费账单有误", "billing");

        var page = await workbench.SignedInAsync("pipe-network");

        await Expect(page.Locator("#queue-title")).ToHaveTextAsync("管网部的待办案件");
        await Expect(page.Locator($"a.case-link:text-is('{ours}')")).ToBeVisibleAsync();
        await Expect(page.Locator($"a.case-link:text-is('{theirs}')")).ToHaveCountAsync(0);
        var departments = await page.Locator(".queue .department").AllTextContentsAsync();
        departments.ShouldNotBeEmpty();
        departments.ShouldAllBe(d => d == "管网部");

        // The desk's case list has both; a click opens the case.
        var desk = await workbench.SignedInAsync("agent");
        await WorkbenchFixture.OpenAsync(desk, "/cases");
        await Expect(desk.Locator($"a.case-link:text-is('{theirs}')")).ToBeVisibleAsync();
        await desk.Locator($"a.case-link:text-is('{ours}')").ClickAsync();
        await Expect(desk.Locator("#case-status")).ToHaveTextAsync("已派单（待签收）");
    }

    private static async Task<string> RegisterAsync(HttpClient api, string content)
    {
        var response = await api.PostAsJsonAsync($"/api/v1/tenants/{Tenant}/complaints", new { channel = "hotline", kind = "complaint", content, complainant = new { name = "李四", phone = "13900001111" } });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return System.Text.Json.Nodes.JsonNode.Parse(body)!["number"]!.GetValue<string>();
    }

    private static async Task<string> DispatchedAsync(HttpClient api, string content, string department)
    {
        var number = await RegisterAsync(api, content);
        foreach (var (action, body) in new (string, object)[] { ("accept", new { category = "water-pressure" }), ("dispatch", new { department }) })
        {
            var response = await api.PostAsJsonAsync($"/api/v1/tenants/{Tenant}/complaints/{number}/{action}", body);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        return number;
    }

    [GeneratedRegex(@"/login(\?|$)")]
    private static partial Regex LoginUrl();

    [GeneratedRegex(@"/complaints/(?<number>[A-Z]+-\d{4}-\d+)$")]
    private static partial Regex CasePage();
}
