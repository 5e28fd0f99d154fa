using Complaints.Api.Tests;
using Microsoft.Playwright;

namespace Complaints.Workbench.Tests;

/// <summary>
/// One running platform (the real host in process, demo mode, loopback) and one headless chromium — Debian's, at
/// <see cref="Chromium"/>, which the test command installs when it is missing (build.cake) — shared by the tests of a
/// class; each test opens its own browser context (its own cookies: its own signed-in user).
/// </summary>
public class WorkbenchFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public PlatformInstance Platform { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The host's extra start arguments (configuration), for a class whose tests need some.</summary>
    protected virtual string[] Arguments => [];

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: run the tests with `dotnet cake --target=Test` (it installs Debian's chromium as root), or `apt-get install -y chromium`.");
        }

        Platform = await PlatformInstance.StartAsync(null, Arguments);
        // Patience, not a promise: on two cores shared with the rest of the suite a page can take longer than
        // Playwright's 5 s default to connect its circuit; what the pages must do in time is the benchmark's to say.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true });
    }

    /// <summary>A fresh browser context on the host, signed out, with the browser asking for English (the workbench ignores it).</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = Platform.BaseAddress.ToString().TrimEnd('/'), Locale = "en-US" });
        return await context.NewPageAsync();
    }

    /// <summary>Signs in through the sign-in form, as a person would, and waits for the queue.</summary>
    public async Task<IPage> SignedInAsync(string username, string password = "demo")
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/login");
        await page.Locator("input[name=username]").FillAsync(username);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#queue-title")).ToBeVisibleAsync();
        // And interactive: the circuit's first render draws the page afresh, so a click on the prerendered page can be
        // undone (a tablet menu opened before it closed again).
        await Assertions.Expect(page.Locator(".bell[data-ready=true]")).ToBeAttachedAsync();
        return page;
    }

    /// <summary>
    /// Opens a workbench page and waits until it is interactive: input typed into the prerendered page, or a form
    /// submitted before the circuit is up, can be lost.
    /// </summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Assertions.Expect(page.Locator(".bell[data-ready=true]")).ToBeAttachedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Platform is not null)
        {
            await Platform.DisposeAsync();
        }
    }
}

/// <summary>The report pages' platform: the tenant's reports are produced from midnight, so a first start always files the previous day's lists.</summary>
public sealed class ReportsFixture : WorkbenchFixture
{
    protected override string[] Arguments => ["--Tenants:fangyang-water:Reports:DailyAt", "00:00"];
}
