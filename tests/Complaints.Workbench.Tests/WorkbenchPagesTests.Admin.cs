using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Complaints.Workbench.Tests;

/// <summary>The admin pages (a tenant's admin) and the operator's, and who may open them.</summary>
public sealed partial class WorkbenchPagesTests
{
    [Fact]
    public async Task An_admin_creates_a_user_who_signs_in_then_disables_it_and_resets_its_password()
    {
        var admin = await workbench.SignedInAsync("admin");
        await Expect(admin.Locator("nav a[href='/admin/users']")).ToBeVisibleAsync();
        await admin.GotoAsync("/admin/users");
        await Expect(admin.Locator("#users")).ToBeVisibleAsync();

        // The API's refusal beside its field first: a password shorter than 10 characters.
        await admin.Locator("#login").FillAsync("clerk-a");
        await admin.Locator("#display-name").FillAsync("赵六");
        await admin.Locator("#password").FillAsync("short");
        await admin.Locator("#create-user button[type=submit]").ClickAsync();
        await Expect(admin.Locator("#create-user .field-error[data-field=password]")).ToHaveTextAsync("密码至少需要 10 个字符。");

        await admin.Locator("#password").FillAsync("first-pass-1");
        await admin.Locator("#create-user button[type=submit]").ClickAsync();
        var row = admin.Locator("#users tr[data-login='clerk-a']");
        await Expect(row).ToContainTextAsync("clerk-a@fangyang-water");
        await Expect(row).ToContainTextAsync("受理员");

        var clerk = await workbench.SignedInAsync("clerk-a@fangyang-water", "first-pass-1");

        await row.Locator("button.user-disable").ClickAsync();
        await Expect(row.Locator(".user-state")).ToContainTextAsync("已停用");
        // Disabled: the open session ends, and signing in again is refused like a wrong password.
        await clerk.GotoAsync("/");
        await Expect(clerk).ToHaveURLAsync(LoginUrl());
        await SignInRefusedAsync("clerk-a@fangyang-water", "first-pass-1");

        await row.Locator("button.user-enable").ClickAsync();
        await Expect(row.Locator(".user-state")).ToContainTextAsync("启用");
        await row.Locator("button.user-reset").ClickAsync();
        await admin.Locator("#new-password").FillAsync("second-pass-2");
        await admin.Locator("#new-password").PressAsync("Enter");
        await Expect(admin.Locator("#admin-notice")).ToContainTextAsync("clerk-a@fangyang-water");

        await SignInRefusedAsync("clerk-a@fangyang-water", "first-pass-1");
        await workbench.SignedInAsync("clerk-a@fangyang-water", "second-pass-2");
    }

    [Fact]
    public async Task An_admin_reads_the_departments_and_categories_with_their_deadlines_and_the_channels_state()
    {
        var admin = await workbench.SignedInAsync("admin");

        await admin.GotoAsync("/admin/directory");
        var billing = admin.Locator("#categories tr[data-id='billing-dispute']");
        await Expect(billing).ToContainTextAsync("水费争议");
        await Expect(billing).ToContainTextAsync("抄收部");
        await Expect(billing.Locator(".deadline")).ToHaveTextAsync("7天");
        await Expect(admin.Locator("#departments tr[data-id='billing']")).ToContainTextAsync("抄收部");

        // The channels as the API's channels endpoint shows them to this admin, row for row (the plugins the host found:
        // the built ones when the test command built them, none otherwise).
        var channels = (await (await workbench.Platform.LoginAsync("admin")).GetFromJsonAsync<JsonArray>($"/api/v1/tenants/{Tenant}/channels"))!;
        await admin.GotoAsync("/admin/channels");
        await Expect(admin.Locator("#plugins thead")).ToBeVisibleAsync();
        await Expect(admin.Locator("#plugins tbody tr")).ToHaveCountAsync(channels.Count);
        foreach (var channel in channels)
        {
            await Expect(admin.Locator($"#plugins tr[data-id='{channel!["id"]}'] .plugin-state")).ToContainTextAsync(StateWord(channel["status"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task The_operator_signs_in_for_the_operator_pages_only_and_imports_a_calendar_year()
    {
        var page = await workbench.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("input[name=username]").FillAsync("operator");
        await page.Locator("input[name=password]").FillAsync("demo");
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/calendar$"));
        await Expect(page.Locator("nav a[href='/admin/plugins']")).ToBeVisibleAsync();
        await Expect(page.Locator("nav a[href='/']")).ToHaveCountAsync(0);

        // A holiday-cn file as published, for a year no other test reads.
        const string file = """{"$schema":"https://raw.githubusercontent.com/NateScarlet/holiday-cn/master/schema.json","year":2031,"papers":["https://www.gov.cn/notice-2031"],"days":[{"name":"元旦","date":"2031-01-01","isOffDay":true}]}""";
        await Expect(page.Locator("#calendar-file")).ToBeEnabledAsync(); // the circuit runs: the file reaches it
        await page.Locator("#calendar-file").SetInputFilesAsync(new FilePayload { Name = "2031.json", MimeType = "application/json", Buffer = Encoding.UTF8.GetBytes(file) });
        await page.Locator("#calendar-import button[type=submit]").ClickAsync();
        await Expect(page.Locator("#admin-notice")).ToContainTextAsync("2031");
        await Expect(page.Locator("#calendar-days tr[data-date='2031-01-01']")).ToContainTextAsync("元旦");
        await Expect(page.Locator("#calendar-shown")).ToContainTextAsync("已导入官方安排");

        // The same year through the API: what the page loaded is what the calendar holds.
        var api = await workbench.Platform.LoginAsync("operator");
        var year = await api.GetStringAsync("/api/v1/calendar/years/2031");
        year.ShouldContain("https://www.gov.cn/notice-2031");

        var plugins = (await api.GetFromJsonAsync<JsonArray>("/api/v1/channels"))!;
        await page.GotoAsync("/admin/plugins");
        await Expect(page.Locator("#plugins thead")).ToBeVisibleAsync();
        await Expect(page.Locator("#plugins tbody tr")).ToHaveCountAsync(plugins.Count);
        foreach (var plugin in plugins)
        {
            await Expect(page.Locator($"#plugins tr[data-id='{plugin!["id"]}'] .plugin-state")).ToContainTextAsync(StateWord(plugin["status"]!.GetValue<string>()));
        }

        // A tenant's page is not the operator's.
        await page.GotoAsync("/");
        await Expect(page.Locator("#denied")).ToContainTextAsync("平台运维人员只能使用运维页面。");
        await Expect(page.Locator("#queue-title")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Tenant_users_cannot_open_the_operators_pages_and_only_admins_the_admin_pages()
    {
        var admin = await workbench.SignedInAsync("admin");
        await admin.GotoAsync("/admin/calendar");
        await Expect(admin.Locator("#denied")).ToContainTextAsync("您无权使用此页面。");
        await Expect(admin.Locator("#calendar-import")).ToHaveCountAsync(0);

        var agent = await workbench.SignedInAsync("agent");
        await Expect(agent.Locator("nav a[href='/admin/users']")).ToHaveCountAsync(0);
        await agent.GotoAsync("/admin/users");
        await Expect(agent.Locator("#denied")).ToBeVisibleAsync();
        await Expect(agent.Locator("#create-user")).ToHaveCountAsync(0);
    }

    private static string StateWord(string status) => status switch
    {
        "loaded" => "已加载",
        "failed" => "加载失败",
        _ => status,
    };

    private async Task SignInRefusedAsync(string username, string password)
    {
        var page = await workbench.NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("input[name=username]").FillAsync(username);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("用户名或密码错误。");
    }
}
