using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Complaints.Workbench.Tests;

/// <summary>Registration as an agent on the phone does it: the keyboard alone, the caller's earlier case found by the phone.</summary>
public sealed partial class WorkbenchPagesTests
{
    [Fact]
    public async Task An_agent_registers_a_re_complaint_with_the_keyboard_alone()
    {
        // The caller complained before (through the API): a phone no other test uses, typed with spaces there.
        var api = await workbench.Platform.LoginAsync("agent");
        var earlier = await api.PostAsJsonAsync($"/api/v1/tenants/{Tenant}/complaints", new { channel = "hotline", kind = "complaint", content = "水费账单金额异常", complainant = new { name = "王五", phone = "139 0000 2222" } });
        var earlierBody = await earlier.Content.ReadAsStringAsync();
        earlier.StatusCode.ShouldBe(HttpStatusCode.Created, earlierBody);
        var original = JsonNode.Parse(earlierBody)!["number"]!.GetValue<string>();

        var page = await workbench.SignedInAsync("agent");
        await page.GotoAsync("/complaints/new");
        await Expect(page.Locator("#phone")).ToBeFocusedAsync(); // the cursor waits in the phone field

        // Tab, typing and Enter only, from here on.
        var keyboard = page.Keyboard;
        await keyboard.TypeAsync("13900002222");
        var row = page.Locator($"#earlier-cases li[data-number='{original}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToContainTextAsync("139****2222"); // masked, as everywhere
        await Expect(page.Locator("#earlier-cases")).Not.ToContainTextAsync("13900002222");

        // Tab on (past the account number and the earlier case's link) to its "re-complaint of …", and Enter.
        await TabToAsync(page, row.Locator("button.recomplaint"));
        await keyboard.PressAsync("Enter");
        await Expect(page.Locator("#recomplaint-of")).ToContainTextAsync(original);

        await TabToAsync(page, page.Locator("#name"));
        await keyboard.TypeAsync("王五");
        await TabToAsync(page, page.Locator("#address"));
        await keyboard.TypeAsync("方阳市解放路2号");
        await TabToAsync(page, page.Locator("#content")); // past "anonymous", left unticked
        await keyboard.TypeAsync("上月水费仍然异常，第二次反映");
        await TabToAsync(page, page.Locator("#category")); // the first category, by id, is billing-dispute (水费争议)
        await keyboard.PressAsync("ArrowDown");
        // fangyang-water's policy: billing disputes within 7 days (seed 000 art. 14 (三)1), usually to 抄收部 (billing).
        await Expect(page.Locator("#category-hint")).ToContainTextAsync("办结时限：7天");
        await Expect(page.Locator("#category-hint")).ToContainTextAsync("建议派往：抄收部");
        await TabToAsync(page, page.Locator("#target-type")); // the first target is the company
        await keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, page.Locator("#target-name"));
        await keyboard.TypeAsync("营业厅");
        await keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(CasePage());
        var number = CasePage().Match(page.Url).Groups["number"].Value;
        var read = await api.GetAsync($"/api/v1/tenants/{Tenant}/complaints/{number}");
        var body = await read.Content.ReadAsStringAsync();
        read.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        var created = JsonNode.Parse(body)!;
        created["recomplaintOf"]!.GetValue<string>().ShouldBe(original);
        created["category"]!.GetValue<string>().ShouldBe("billing-dispute");
        created["channel"]!.GetValue<string>().ShouldBe("hotline");
        created["kind"]!.GetValue<string>().ShouldBe("complaint");
        created["target"]!["type"]!.GetValue<string>().ShouldBe("company");
        created["target"]!["name"]!.GetValue<string>().ShouldBe("营业厅");
        created["content"]!.GetValue<string>().ShouldBe("上月水费仍然异常，第二次反映");
    }

    /// <summary>
    /// Presses Tab until <paramref name="target"/> has the focus, at most 4 times: the fields an agent fills are a few
    /// Tabs apart (a link, a checkbox or a hint between them), never out of the keyboard's reach.
    /// </summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 4; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                return;
            }
        }

        await Expect(target).ToBeFocusedAsync(); // fails, naming the field the keyboard did not reach
    }

    [Fact]
    public async Task The_12345_work_order_fields_appear_for_the_12345_channel_with_its_deadline()
    {
        var page = await workbench.SignedInAsync("agent");
        await page.GotoAsync("/complaints/new");
        await Expect(page.Locator("#phone")).ToBeFocusedAsync();
        await Expect(page.Locator("#external-id")).ToHaveCountAsync(0); // a hotline call has no work order

        await page.Locator("#channel").SelectOptionAsync("gov-12345");
        await page.Locator("#category").SelectOptionAsync("water-pressure");
        // 12345 transfers within 1 day whatever the category (seed 000 art. 14 (一)1), until the order's own deadline is given.
        await Expect(page.Locator("#category-hint")).ToContainTextAsync("办结时限：1天");
        await Expect(page.Locator("#external-id")).ToBeVisibleAsync();
        await Expect(page.Locator("#external-deadline")).ToBeVisibleAsync();
    }
}
