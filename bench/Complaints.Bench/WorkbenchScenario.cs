using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Complaints.Testing;
using Microsoft.Playwright;

namespace Complaints.Bench;

/// <summary>
/// 6. The workbench over a large ledger: <c>--workbench-cases</c> cases (1,000,000 at full scale) written straight into
/// the ledger as the reports scenario does, then (a) each role's queue page (<c>/</c>) fetched signed in over plain
/// HTTP: its server-side render (the prerender runs the page's ledger queries and returns the whole table), timed over
/// <c>--workbench-renders</c> requests per role; (b) <c>--workbench-sessions</c> interactive sessions opened by a
/// headless chromium (each a page with its own circuit, its queues read every second and the bell subscribed), the
/// host's resident and managed memory before and after, per session; (c) with those sessions open and intake running
/// at <c>--workbench-intake-rate</c> for <c>--workbench-seconds</c>, probe cases shown on open case pages are accepted
/// through the API, and the time from the API's answer (the commit) to the page showing the new status is measured.
/// </summary>
internal static partial class WorkbenchScenario
{
    private const string Tenant = PlatformClient.Water;
    private static readonly string[] Roles = ["agent", "pipe-network", "supervisor", "leader", "admin"];

    /// <summary>Sessions per crowd browser, well under the 256 sockets one Chromium holds.</summary>
    private const int PagesPerBrowser = 150;

    public static async Task<WorkbenchResult> RunAsync(BenchOptions options, BenchStorage storage, Action<string> say)
    {
        await using var hosts = await HostGroup.CreateAsync(options, storage, "workbench");
        await hosts.StartAsync();
        using var client = new PlatformClient(hosts.Addresses);
        await client.LoginAsync("admin");
        var categories = await ReportsScenario.CategoriesAsync(client);
        foreach (var running in hosts.Hosts)
        {
            await running.StopAsync();
        }

        await ReportsScenario.SeedAsync(hosts, options.WorkbenchCases, exportRows: 0, categories, "workbench", say);
        await hosts.StartAsync();
        await client.LoginAsync("agent", "supervisor", "operator");
        var address = hosts.Addresses[0];

        // (a) first render of each role's queue page, server side.
        var renders = new List<RenderTiming>();
        foreach (var role in Roles)
        {
            using var browser = await SignInAsync(address, role);
            var samples = new List<double>();
            string? error = null;
            for (var i = 0; i <= options.WorkbenchRenders; i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await browser.GetAsync("/");
                var html = await response.Content.ReadAsStringAsync();
                watch.Stop();
                if (response.StatusCode != HttpStatusCode.OK || !html.Contains("queue-title", StringComparison.Ordinal))
                {
                    error = $"HTTP {(int)response.StatusCode}";
                    break;
                }

                if (i > 0)
                {
                    samples.Add(watch.Elapsed.TotalMilliseconds); // the first request warms the JIT and the page cache
                }
            }

            var timing = new RenderTiming(role, Stats.Describe(samples), error);
            renders.Add(timing);
            say($"workbench: queue of {role}: {(error ?? $"p50 {timing.Ms.P50:F0} ms, max {timing.Ms.Max:F0} ms")}");
        }

        var chromium = options.Chromium;
        if (!File.Exists(chromium))
        {
            say($"workbench: no browser at {chromium} (--chromium=…): sessions and live updates not measured");
            return new WorkbenchResult(options.WorkbenchCases, renders, null, null);
        }

        // (b) interactive sessions and their memory.
        var host = hosts.Hosts[0];
        var before = await MemoryAsync(client, host.BaseAddress, host);
        using var playwright = await Playwright.CreateAsync();
        // The 300 users' browsers would be 300 machines; here they share the host's 2 cores. So the sessions' browsers
        // run below the host's priority with their renderers shared, and the probe that times live updates runs in a
        // browser of its own at normal priority, so that what is measured is the host's delay, not the crowd's.
        var crowdPidFile = Path.Combine(options.OutputDirectory, "crowd-browser.pid");
        var crowdLauncher = LowPriorityLauncher(chromium, options.OutputDirectory, crowdPidFile);
        File.Delete(crowdPidFile); // each crowd browser adds its line
        // One browser holds at most 256 sockets (Chromium's pool) and each live page keeps one open: a single browser
        // stopped at about 250 sessions, so the crowd is spread over browsers of at most 150 pages.
        var crowd = new List<IBrowser>();
        var contexts = new List<Dictionary<string, IBrowserContext>>(); // per browser, per role
        for (var b = 0; b < Math.Max(1, (options.WorkbenchSessions + PagesPerBrowser - 1) / PagesPerBrowser); b++)
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = crowdLauncher,
                Headless = true,
                Args = ["--process-per-site", "--renderer-process-limit=8", "--disable-gpu", "--disable-extensions"],
            });
            crowd.Add(browser);
            contexts.Add(new Dictionary<string, IBrowserContext>(StringComparer.Ordinal));
            foreach (var role in Roles)
            {
                var context = await SignedInContextAsync(browser, address, role);
                // The crowd's countdowns stand still: they move in each user's own browser and cost the host nothing,
                // but 300 pages of them moving every second took the cores the host needs. The probe's page keeps them.
                await context.RouteAsync("**/countdowns*.js", route => route.FulfillAsync(new() { Status = 200, ContentType = "text/javascript", Body = "// not in the crowd" }));
                contexts[^1][role] = context;
            }
        }

        await using var probeBrowser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });

        var probeContext = await SignedInContextAsync(probeBrowser, address, "agent");

        var openWatch = Stopwatch.StartNew();
        var pages = new List<IPage>();
        // Eight at a time: one by one, 300 pages took half an hour on 2 cores, longer than the API's tokens live.
        var notOpened = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.WorkbenchSessions), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var page = await contexts[i / PagesPerBrowser][Roles[i % Roles.Length]].NewPageAsync();
            try
            {
                await page.GotoAsync("/", new() { Timeout = 600_000 });
                await page.WaitForSelectorAsync(".bell[data-ready=true]", new() { Timeout = 600_000 }); // interactive: circuit up, bell subscribed
                int open;
                lock (pages)
                {
                    pages.Add(page);
                    open = pages.Count;
                }

                if (open % 50 == 0)
                {
                    say($"workbench: {open} sessions open after {openWatch.Elapsed.TotalSeconds:F0} s");
                }
            }
            catch (TimeoutException)
            {
                // A page the crowded browser could not show in ten minutes is counted, not fatal: memory is per open session.
                Interlocked.Increment(ref notOpened);
                await page.CloseAsync();
            }
        });

        await Task.Delay(TimeSpan.FromSeconds(5)); // a few ticks of every page's timers before measuring
        await client.LoginAsync("agent", "supervisor", "operator"); // fresh tokens: the sessions took minutes to open
        var after = await MemoryAsync(client, host.BaseAddress, host);
        var sessions = new SessionsResult(
            pages.Count,
            notOpened,
            openWatch.Elapsed.TotalSeconds,
            before.Resident,
            after.Resident,
            before.Managed,
            after.Managed,
            (after.Resident - before.Resident) / (double)pages.Count / 1048576.0,
            (after.Managed - before.Managed) / (double)pages.Count / 1048576.0);
        say($"workbench: {pages.Count} sessions open ({notOpened} not opened) in {sessions.OpenSeconds:F0} s: RSS {before.Resident / 1048576.0:F0} → {after.Resident / 1048576.0:F0} MiB ({sessions.ResidentMiBPerSession:F2} MiB/session), managed heap {sessions.ManagedMiBPerSession:F2} MiB/session");

        // (c) live updates while intake runs.
        var latencies = new List<double>();
        var failures = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.WorkbenchSeconds));
        var cpuBefore = host.CpuSeconds();
        var crowdPids = File.ReadAllLines(crowdPidFile).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        var crowdCpuBefore = ProcessTree.CpuSeconds(crowdPids);
        var liveWatch = Stopwatch.StartNew();
        var intake = OpenLoop.RunAsync(client, options.WorkbenchIntakeRate, TimeSpan.FromSeconds(options.WorkbenchSeconds), client.HotlineComplaint, 1_000_000_000, hosts, CancellationToken.None);
        var probe = await probeContext.NewPageAsync();
        // The probe's requests on connections of their own: in the intake's pool they would queue behind its backlog
        // whenever the host falls behind the offered rate, and time that queue instead of the page.
        using var probeHttp = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        while (!stop.IsCancellationRequested)
        {
            using var registered = await probeHttp.SendAsync(client.HotlineComplaint(2_000_000_000 + latencies.Count + failures));
            var number = (await registered.Content.ReadFromJsonAsync<JsonObject>())?["number"]?.GetValue<string>();
            if (number is null)
            {
                failures++;
                continue;
            }

            try
            {
                await probe.GotoAsync($"/complaints/{number}", new() { Timeout = 120_000 });
                await probe.WaitForSelectorAsync(".bell[data-ready=true]", new() { Timeout = 120_000 });
            }
            catch (TimeoutException)
            {
                failures++; // a case page the loaded host did not show in two minutes: counted, and the next probe goes on
                continue;
            }

            using var accept = new HttpRequestMessage(HttpMethod.Post, new Uri(address, $"/api/v1/tenants/{Tenant}/complaints/{number}/accept"))
            {
                Content = JsonContent.Create(new { category = categories[0].Id }),
            };
            accept.Headers.Authorization = client.Authorization("supervisor");
            using var accepted = await probeHttp.SendAsync(accept);
            var committed = Stopwatch.StartNew();
            if (accepted.StatusCode != HttpStatusCode.OK)
            {
                failures++;
                continue;
            }

            try
            {
                await probe.WaitForFunctionAsync(
                    "() => document.querySelector('#case-status')?.textContent?.includes('已受理')",
                    null,
                    new() { PollingInterval = 10, Timeout = 30_000 });
                latencies.Add(committed.Elapsed.TotalMilliseconds);
            }
            catch (TimeoutException)
            {
                failures++;
            }
        }

        var load = await intake;
        var hostCores = (host.CpuSeconds() - cpuBefore) / liveWatch.Elapsed.TotalSeconds;
        var crowdCores = (ProcessTree.CpuSeconds(crowdPids) - crowdCpuBefore) / liveWatch.Elapsed.TotalSeconds;
        var live = new LiveResult(options.WorkbenchIntakeRate, load.Achieved, load.Errors, load.Latency.P99, Stats.Describe(latencies), failures, hostCores, crowdCores);
        say($"workbench: live updates at {load.Achieved:F0}/s intake (p99 {load.Latency.P99:F0} ms, {load.Errors} errors): {latencies.Count} probes, p50 {live.Ms.P50:F0} ms, max {live.Ms.Max:F0} ms, failures {failures}; the host used {hostCores:F2} cores, the sessions' browser {crowdCores:F2}");
        foreach (var context in contexts.SelectMany(c => c.Values).Append(probeContext))
        {
            await context.DisposeAsync();
        }

        foreach (var browser in crowd)
        {
            await browser.DisposeAsync();
        }

        var result = new WorkbenchResult(options.WorkbenchCases, renders, sessions, live);
        Directory.CreateDirectory(options.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "workbench.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        return result;
    }

    private static async Task<IBrowserContext> SignedInContextAsync(IBrowser browser, Uri address, string role)
    {
        using var signedIn = await SignInAsync(address, role);
        var context = await browser.NewContextAsync(new() { BaseURL = address.ToString().TrimEnd('/') });
        await context.AddCookiesAsync([.. signedIn.Cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie { Name = c.Name, Value = c.Value, Domain = address.Host, Path = "/" })]);
        return context;
    }

    /// <summary>
    /// A launcher that starts the browser ten nice steps below the benchmark (and so below the host it starts), and
    /// writes its process id. Playwright starts a browser in a session of its own, which Linux schedules as a group of
    /// its own (autogroup) where a process's nice does not reach: without the group's nice, the crowd's browser had an
    /// equal share of the 2 cores with the host and the benchmark together.
    /// </summary>
    private static string LowPriorityLauncher(string chromium, string directory, string pidFile)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "chromium-low-priority.sh");
        // Not pinned to a CPU of its own: on 2 cores, one CPU could not keep 250 pages' countdowns moving and open more.
        File.WriteAllText(path, $"""
            #!/bin/sh
            echo $$ >> '{pidFile}'
            if [ -w /proc/self/autogroup ] && [ "$(cut -d' ' -f1 /proc/self/autogroup)" != "$(cut -d' ' -f1 /proc/$PPID/autogroup)" ]; then
              echo 10 > /proc/self/autogroup
            fi
            exec nice -n 10 '{chromium}' "$@"

            """);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>Signs in through the workbench's own form (antiforgery token and all), as a browser would; the cookie is in the client.</summary>
    private static async Task<SignedIn> SignInAsync(Uri address, string user)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = address };
        var form = await http.GetStringAsync("/login");
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["username"] = user;
        fields["password"] = "demo";
        using var response = await http.PostAsync("/login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect && response.StatusCode != HttpStatusCode.Found && response.StatusCode != HttpStatusCode.SeeOther)
        {
            throw new InvalidOperationException($"Signing in {user} to the workbench answered {(int)response.StatusCode}.");
        }

        return new SignedIn(http, cookies);
    }

    private static async Task<(long Resident, long Managed)> MemoryAsync(PlatformClient client, Uri address, HostProcess host)
    {
        var memory = await client.MemoryAsync(address); // after a full collection in the host
        var managed = memory["managedHeapBytes"]?.GetValue<long>() ?? memory["gcHeapBytes"]?.GetValue<long>() ?? 0;
        return (host.ResidentBytes(), managed);
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();

    private sealed class SignedIn(HttpClient http, CookieContainer cookies) : IDisposable
    {
        public CookieContainer Cookies { get; } = cookies;

        public Task<HttpResponseMessage> GetAsync(string path) => http.GetAsync(path);

        public void Dispose() => http.Dispose();
    }
}

internal sealed record RenderTiming(string Role, Distribution Ms, string? Error);

internal sealed record SessionsResult(int Sessions, int NotOpened, double OpenSeconds, long ResidentBefore, long ResidentAfter, long ManagedBefore, long ManagedAfter, double ResidentMiBPerSession, double ManagedMiBPerSession);

internal sealed record LiveResult(double OfferedIntakeRate, double AchievedIntakeRate, int IntakeErrors, double IntakeP99Ms, Distribution Ms, int Failures, double HostCores, double SessionsBrowserCores);

internal sealed record WorkbenchResult(int Cases, List<RenderTiming> Renders, SessionsResult? Sessions, LiveResult? Live);
