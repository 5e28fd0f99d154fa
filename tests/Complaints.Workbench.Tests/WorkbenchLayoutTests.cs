using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Complaints.Workbench.Tests;

/// <summary>
/// The whole workbench at a laptop's 1366×768 and a tablet's 768×1024: no page scrolls sideways, the menu is reachable
/// (folded behind a button on the tablet), the keyboard's focus is visible; and a screenshot of each main page.
/// </summary>
public sealed class WorkbenchLayoutTests(WorkbenchFixture workbench) : IClassFixture<WorkbenchFixture>
{
    private const string Tenant = "fangyang-water";

    /// <summary>The main pages of a signed-in supervisor (the case page is added with a case's number).</summary>
    private static readonly string[] Pages = ["/", "/complaints/new", "/reports/statistics", "/reports/scorecards", "/reports/hotspots", "/reports/exports"];

    public static TheoryData<int, int> Sizes => new() { { 1366, 768 }, { 768, 1024 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task No_page_scrolls_sideways(int width, int height)
    {
        var number = await CaseAsync();
        var page = await SignedInAtAsync("supervisor", width, height);

        foreach (var path in (string[])[.. Pages, $"/complaints/{number}"])
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("h2, #case-status").First).ToBeVisibleAsync();
            var (scroll, client) = await SidewaysAsync(page);
            scroll.ShouldBeLessThanOrEqualTo(client, $"{path} at {width}×{height}");
        }

        var signedOut = await workbench.NewPageAsync();
        await signedOut.SetViewportSizeAsync(width, height);
        await signedOut.GotoAsync("/login");
        var (loginScroll, loginClient) = await SidewaysAsync(signedOut);
        loginScroll.ShouldBeLessThanOrEqualTo(loginClient, $"/login at {width}×{height}");
    }

    [Fact]
    public async Task At_tablet_width_the_menu_folds_behind_a_button_that_opens_it()
    {
        var page = await SignedInAtAsync("supervisor", 768, 1024);
        var statistics = page.Locator("nav a[href='/reports/statistics']");
        await Expect(statistics).ToBeHiddenAsync();

        await page.Locator("label.workbench-menu-button").ClickAsync();
        await Expect(statistics).ToBeVisibleAsync();
        await statistics.ClickAsync();

        await Expect(page.Locator("#report-title")).ToHaveTextAsync("统计报表");
    }

    [Fact]
    public async Task At_1366_the_menu_is_shown_and_a_link_reached_with_the_keyboard_shows_its_focus()
    {
        var page = await SignedInAtAsync("supervisor", 1366, 768);
        var statistics = page.Locator("nav a[href='/reports/statistics']");
        await Expect(statistics).ToBeVisibleAsync();
        await Expect(page.Locator("label.workbench-menu-button")).ToBeHiddenAsync();

        // Tab from the top of the page until the statistics link has the focus (title, queue, register come first).
        for (var presses = 0; presses < 10 && !await statistics.EvaluateAsync<bool>("a => a === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(statistics).ToBeFocusedAsync();
        (await statistics.EvaluateAsync<bool>("a => a.matches(':focus-visible')")).ShouldBeTrue();
        (await statistics.EvaluateAsync<string>("a => getComputedStyle(a).outlineStyle")).ShouldBe("solid");
        (await statistics.EvaluateAsync<string>("a => getComputedStyle(a).outlineWidth")).ShouldBe("2px");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#report-title")).ToHaveTextAsync("统计报表");
    }

    [Fact]
    public async Task Screenshots_of_the_main_pages_are_written_to_the_artifacts()
    {
        var folder = Path.Combine(Repository.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var number = await CaseAsync();
        // Something for the reports to show: a hot spot on one road, cases of three categories, some with a department.
        foreach (var (content, address, category, department) in new (string Content, string Address, string Category, string? Department)[]
        {
            ("黄河路12号门前供水管道爆管，路面大量积水", "方阳市黄河路12号", "pipe-burst", "pipe-network"),
            ("黄河路口消火栓漏水严重", "方阳市黄河路与长江路交叉口", "pipe-burst", "pipe-network"),
            ("黄河路20号附近管道漏水，水压很低", "方阳市黄河路20号", "pipe-burst", null),
            ("本月水费比上月高出两倍，怀疑水表有问题", "方阳市人民路5号", "billing-dispute", "billing"),
            ("户表冻裂漏水，请尽快更换水表", "方阳市解放路30号", "meter-well", null),
        })
        {
            await CaseAsync(content, address, category, department);
        }

        var signedOut = await workbench.NewPageAsync();
        await signedOut.SetViewportSizeAsync(1366, 768);
        await signedOut.GotoAsync("/login");
        await ShotAsync(signedOut, folder, "login");

        // The department's queue shows the cases dispatched to it; the other pages as the supervisor and the admin see them.
        var handler = await SignedInAtAsync("pipe-network", 1366, 768);
        await handler.GotoAsync("/");
        await Expect(handler.Locator(".queue a.case-link").First).ToBeVisibleAsync();
        await ShotAsync(handler, folder, "queue");

        var page = await SignedInAtAsync("supervisor", 1366, 768);
        var shots = new (string Name, string Path, string Ready)[]
        {
            ("cases", "/cases", ".queue a.case-link"),
            ("case", $"/complaints/{number}", "#case-status"),
            ("register", "/complaints/new", "#register-form"),
            ("statistics", "/reports/statistics", "#statistics-table, .ant-empty"),
            ("scorecards", "/reports/scorecards", "#scorecards-departments"),
            ("hotspots", "/reports/hotspots", "#report-title"),
            ("exports", "/reports/exports", "#ledger-xlsx"),
        };
        foreach (var (name, path, ready) in shots)
        {
            await page.GotoAsync(path);
            await Expect(page.Locator(ready).First).ToBeVisibleAsync();
            await ShotAsync(page, folder, name);
        }

        var admin = await SignedInAtAsync("admin", 1366, 768);
        foreach (var (name, path, ready) in ((string, string, string)[])[("users", "/admin/users", "#users"), ("directory", "/admin/directory", "#departments")])
        {
            await admin.GotoAsync(path);
            await Expect(admin.Locator(ready).First).ToBeVisibleAsync();
            await ShotAsync(admin, folder, name);
        }

        foreach (var name in (string[])["login", "queue", "users", "directory", .. shots.Select(s => s.Name)])
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, $"{name}.png"));
            bytes[..8].ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, $"{name}.png is a PNG");
        }
    }

    private static async Task ShotAsync(IPage page, string folder, string name)
    {
        var file = Path.Combine(folder, $"{name}.png");
        File.Delete(file);
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
    }

    private async Task<IPage> SignedInAtAsync(string username, int width, int height)
    {
        var page = await workbench.SignedInAsync(username);
        await page.SetViewportSizeAsync(width, height);
        return page;
    }

    /// <summary>How wide the page is and how wide its window: wider means it scrolls sideways.</summary>
    private static async Task<(int Scroll, int Client)> SidewaysAsync(IPage page)
    {
        var sizes = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        return (sizes[0], sizes[1]);
    }

    private async Task<string> CaseAsync(
        string content = "小区三楼以上水压太低，晚上用水高峰几乎没水", string address = "方阳市解放路88号阳光小区3栋", string? category = null, string? department = null)
    {
        var api = await workbench.Platform.LoginAsync("agent");
        var response = await api.PostAsJsonAsync(
            $"/api/v1/tenants/{Tenant}/complaints",
            new { channel = "hotline", kind = "complaint", content, complainant = new { name = "王五", phone = "13700002222", address } });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        var number = JsonNode.Parse(body)!["number"]!.GetValue<string>();
        if (category is not null)
        {
            var accepted = await api.PostAsJsonAsync($"/api/v1/tenants/{Tenant}/complaints/{number}/accept", new { category });
            accepted.StatusCode.ShouldBe(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        }

        if (department is not null)
        {
            var dispatched = await api.PostAsJsonAsync($"/api/v1/tenants/{Tenant}/complaints/{number}/dispatch", new { department });
            dispatched.StatusCode.ShouldBe(HttpStatusCode.OK, await dispatched.Content.ReadAsStringAsync());
        }

        return number;
    }
}
