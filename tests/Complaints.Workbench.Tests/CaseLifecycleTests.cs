using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Complaints.Workbench.Tests;

/// <summary>
/// One complaint's whole life on the case page, across three people signed in in their own browsers: the agent
/// registers, accepts and dispatches it; the pipe-network handler signs for it and reports the result; the supervisor
/// reads the contact (with a reason) and records the callback, which closes it. Each page shows only its user's
/// actions, refusals appear beside their field, and a page left open follows what the others do without a reload.
/// </summary>
public sealed partial class CaseLifecycleTests(WorkbenchFixture workbench) : IClassFixture<WorkbenchFixture>
{
    private const string Tenant = "fangyang-water";

    [Fact]
    public async Task A_complaint_goes_from_registration_to_closed_across_three_signed_in_users()
    {
        // The agent registers the call.
        var agent = await workbench.SignedInAsync("agent");
        await WorkbenchFixture.OpenAsync(agent, "/complaints/new");
        await agent.Locator("#content").FillAsync("六楼水龙头没有水");
        await agent.Locator("#name").FillAsync("王五");
        await agent.Locator("#phone").FillAsync("13812345678");
        await agent.Locator("#register-form button[type=submit]").ClickAsync();
        await Expect(agent).ToHaveURLAsync(CasePage());
        var number = CasePage().Match(agent.Url).Groups["number"].Value;
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("待受理");

        // Only the desk's actions for a new case; the handler's are not offered.
        await Expect(Action(agent, "accept")).ToBeVisibleAsync();
        await Expect(Action(agent, "sign")).ToHaveCountAsync(0);
        await Expect(Action(agent, "report-result")).ToHaveCountAsync(0);

        // Accept without a category: the grain's refusal beside the field, nothing changes.
        await Action(agent, "accept").ClickAsync();
        await agent.Locator(".action-form .action-submit").ClickAsync();
        await Expect(agent.Locator(".action-form .field-error[data-field=category]")).ToContainTextAsync("必填");
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("待受理");

        await agent.Locator("#action-category").SelectOptionAsync("water-pressure");
        await agent.Locator(".action-form .action-submit").ClickAsync();
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("已受理（待派单）");

        await Action(agent, "dispatch").ClickAsync();
        await agent.Locator("#action-department").SelectOptionAsync("pipe-network");
        await agent.Locator(".action-form .action-submit").ClickAsync();
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("已派单（待签收）");
        await Expect(Action(agent, "dispatch")).ToHaveCountAsync(0);

        // The department's handler, in a browser of their own, signs for it; the agent's open page follows.
        var handler = await workbench.SignedInAsync("pipe-network");
        await WorkbenchFixture.OpenAsync(handler, $"/complaints/{number}");
        await Expect(handler.Locator("#case-status")).ToHaveTextAsync("已派单（待签收）");
        await Expect(Action(handler, "accept")).ToHaveCountAsync(0);
        await Action(handler, "sign").ClickAsync();
        await handler.Locator(".action-form .action-submit").ClickAsync();
        await Expect(handler.Locator("#case-status")).ToHaveTextAsync("处理中");
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("处理中");
        await Expect(agent.Locator(".history")).ToContainTextAsync("pipe-network");

        // The result: first without one (refused beside the field), then with it.
        await Action(handler, "report-result").ClickAsync();
        await handler.Locator(".action-form .action-submit").ClickAsync();
        await Expect(handler.Locator(".action-form .field-error[data-field=result]")).ToContainTextAsync("必填");
        await handler.Locator("#action-result").FillAsync("更换了六楼的减压阀，水压恢复");
        await handler.Locator(".action-form .action-submit").ClickAsync();
        await Expect(handler.Locator("#case-status")).ToHaveTextAsync("已办结（待回访）");
        await Expect(handler.Locator(".replies")).ToContainTextAsync("更换了六楼的减压阀，水压恢复");
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("已办结（待回访）");

        // The supervisor reads the contact to call back: a reason is asked, the read is in the history.
        var supervisor = await workbench.SignedInAsync("supervisor");
        await WorkbenchFixture.OpenAsync(supervisor, $"/complaints/{number}");
        await Expect(supervisor.Locator("#case-phone")).ToHaveTextAsync("138****5678");
        await supervisor.Locator("#show-contact").ClickAsync();
        await supervisor.Locator("#contact-submit").ClickAsync();
        await Expect(supervisor.Locator("#contact-form .field-error[data-field=reason]")).ToContainTextAsync("必填");
        await supervisor.Locator("#contact-reason").FillAsync("回访客户");
        await supervisor.Locator("#contact-submit").ClickAsync();
        await Expect(supervisor.Locator("#contact-phone")).ToHaveTextAsync("13812345678");
        await Expect(supervisor.Locator(".history")).ToContainTextAsync("查看联系方式");
        await Expect(supervisor.Locator(".history")).ToContainTextAsync("回访客户");

        // The callback closes it; both other pages follow.
        await Action(supervisor, "record-callback").ClickAsync();
        await supervisor.Locator("#action-satisfaction").SelectOptionAsync("satisfied");
        await supervisor.Locator(".action-form .action-submit").ClickAsync();
        await Expect(supervisor.Locator("#case-status")).ToHaveTextAsync("已归档");
        await Expect(agent.Locator("#case-status")).ToHaveTextAsync("已归档");
        await Expect(handler.Locator("#case-status")).ToHaveTextAsync("已归档");
        await Expect(supervisor.Locator(".no-actions")).ToBeVisibleAsync();

        // The printable form opens for a signed-in page (the cookie, no token).
        var print = await supervisor.Locator("#print-form").GetAttributeAsync("href");
        print.ShouldBe($"/api/v1/tenants/{Tenant}/complaints/{number}/form");
        var form = await supervisor.APIRequest.GetAsync(print!);
        form.Status.ShouldBe(200);
        (await form.TextAsync()).ShouldContain(number);

        // The cookie opens only the links a page follows: the case itself through the API still wants a token, and
        // the form without any credential is refused as the API refuses (401), not sent to the sign-in page.
        (await supervisor.APIRequest.GetAsync($"/api/v1/tenants/{Tenant}/complaints/{number}")).Status.ShouldBe(401);
        var signedOut = await workbench.NewPageAsync();
        (await signedOut.APIRequest.GetAsync(print!, new() { MaxRedirects = 0 })).Status.ShouldBe(401);
    }

    private static ILocator Action(IPage page, string route) => page.Locator($"button.action-button[data-action='{route}']");

    [GeneratedRegex(@"/complaints/(?<number>[A-Z]+-\d{4}-\d+)$")]
    private static partial Regex CasePage();
}
