using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Testing;

namespace Complaints.Cluster.Tests;

/// <summary>
/// Three real host processes on one PostgreSQL database form one cluster. One is killed with SIGKILL while complaints
/// come in and clocks run: intake goes on on the others, every acknowledged complaint is there, and every clock that
/// fell due — including those whose reminders lived on the dead host — breaches exactly once, soon after.
/// </summary>
public sealed class FailoverTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const int ClockCases = 12;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_one_of_three_hosts_loses_no_complaint_and_no_clock()
    {
        var hosts = Enumerable.Range(1, 3).Select(i => BuiltHost.Start($"host-{i}", fixture.Settings)).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => h.WaitHealthyAsync(Patience)));

            // Demo users are off; the configured user logs in anywhere, and any host accepts any host's token.
            using (var anonymous = new HttpClient { BaseAddress = hosts[0].BaseAddress })
            {
                (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "agent@fuyang-gas", password = "demo" }, Cancellation))
                    .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            }

            var token = (await hosts[1].LoginAsync(ClusterFixture.User, ClusterFixture.Password)).DefaultRequestHeaders.Authorization!.Parameter!;
            var clients = hosts.Select(h => h.Client(token)).ToList();
            foreach (var client in clients)
            {
                (await client.GetAsync($"{Complaints}?pageSize=1", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            // Intake on every host, all the time.
            var alive = new ConcurrentDictionary<int, HttpClient>(clients.Select((c, i) => KeyValuePair.Create(i, c)));
            var intake = new Intake(alive);
            using var stopIntake = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => intake.RunAsync(stopIntake.Token)));

            // Clocks due a few seconds ahead, registered and accepted through every host.
            var start = DateTimeOffset.UtcNow;
            var clocks = (await Task.WhenAll(Enumerable.Range(0, ClockCases).Select(async i =>
            {
                var dueAt = start.AddSeconds(14 + (i * 0.25));
                var client = clients[i % clients.Count];
                var registered = await client.PostAsJsonAsync(Complaints, new { channel = "gov-12345", kind = "complaint", content = "燃气表漏气", externalId = $"GD-{Guid.NewGuid():N}", externalDeadline = dueAt }, Cancellation).ExpectAsync(HttpStatusCode.Created);
                var number = registered.Str("number");
                await client.PostAsJsonAsync($"{Complaints}/{number}/accept", new { category = "gas-repair" }, Cancellation).ExpectAsync(HttpStatusCode.OK);
                return (Number: number, DueAt: dueAt);
            }))).ToList();

            // Kill one host just before the first clock falls due: the clocks fall due while the cluster is still
            // noticing (a survivor that took a reminder over before its due time would simply fire it on time; these
            // are the ticks Orleans skips). A scheduled instant, not a wait for something to happen.
            var victim = 0;
            var killAt = clocks.Min(c => c.DueAt).AddSeconds(-0.5);
            (DateTimeOffset.UtcNow < killAt).ShouldBeTrue("the clocks were set up too slowly to fall due after the kill");
            await Task.Delay(killAt - DateTimeOffset.UtcNow, Cancellation);
            var ackedBeforeKill = intake.Acknowledged.Count;
            alive.TryRemove(victim, out _);
            hosts[victim].Kill();
            var killedAt = DateTimeOffset.UtcNow;

            // Intake goes on: wait for a good number of registrations acknowledged by the survivors after the kill.
            await WaitUntilAsync(() => intake.Acknowledged.Values.Count(a => a.At > killedAt.AddSeconds(1)) >= 30, "intake on the survivors after the kill", hosts);

            // Every clock breaches once, soon after its due time (or after the failover, for those that fell due during it).
            var survivor = clients[1];
            var views = new Dictionary<string, JsonObject>();
            await WaitUntilAsync(
                async () =>
                {
                    foreach (var (number, _) in clocks.Where(c => !views.ContainsKey(c.Number)))
                    {
                        var view = await TryGetAsync(survivor, number);
                        if (view?["clocks"]?.AsArray().Any(c => c.Str("name") == "resolution" && c.Str("state") == "breached") == true)
                        {
                            views[number] = view;
                        }
                    }

                    return views.Count == clocks.Count;
                },
                "every resolution clock breached",
                hosts);

            await stopIntake.CancelAsync();
            await load;

            foreach (var (number, dueAt) in clocks)
            {
                // Read again after everything settled: exactly one breach and never a second warning. A warning whose
                // moment fell into the failover is not given late once the deadline itself has passed (the breach is).
                var history = (await survivor.GetAsync($"{Complaints}/{number}", Cancellation).ExpectAsync(HttpStatusCode.OK))["history"]!.AsArray();
                var types = history.Select(h => h.Str("type")).ToList();
                types.Count(t => t == "clock-breached").ShouldBe(1, $"{number}: {string.Join(", ", types)}");
                types.Count(t => t == "clock-warned").ShouldBeLessThanOrEqualTo(1, $"{number}: {string.Join(", ", types)}");
                var breachedAt = DateTimeOffset.Parse(history.Single(h => h.Str("type") == "clock-breached")!.Str("at"), CultureInfo.InvariantCulture);
                breachedAt.ShouldBeGreaterThanOrEqualTo(dueAt.AddMilliseconds(-1));
                (breachedAt - Max(dueAt, killedAt)).ShouldBeLessThan(TimeSpan.FromSeconds(30), $"{number} breached late");
            }

            // Every acknowledged complaint is there, with its history, read through a survivor.
            intake.Failed.ShouldBeEmpty();
            intake.Acknowledged.Count.ShouldBeGreaterThan(ackedBeforeKill);
            intake.Acknowledged.Values.Select(a => a.Number).Distinct().Count().ShouldBe(intake.Acknowledged.Count);
            foreach (var batch in intake.Acknowledged.Values.Chunk(16))
            {
                await Task.WhenAll(batch.Select(async a =>
                {
                    var view = await clients[2].GetAsync($"{Complaints}/{a.Number}", Cancellation).ExpectAsync(HttpStatusCode.OK);
                    view["history"]!.AsArray().First()!.Str("type").ShouldBe("registered");
                }));
            }

            intake.Unexpected.ShouldBeEmpty("while a host is being declared dead, intake answers 503 with Retry-After");
            var ledger = await survivor.GetAsync($"{Complaints}?channel=hotline&pageSize=1", Cancellation).ExpectAsync(HttpStatusCode.OK);
            ledger["total"]!.GetValue<int>().ShouldBe(intake.Acknowledged.Count);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"failover: {intake.Acknowledged.Count} complaints acknowledged ({ackedBeforeKill} before the kill), {intake.Retries} retried attempts, all {clocks.Count} clocks breached once");
        }
        finally
        {
            await Task.WhenAll(hosts.Select(h => h.DisposeAsync().AsTask()));
        }
    }

    private static string Complaints => $"/api/v1/tenants/{ClusterFixture.Tenant}/complaints";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static async Task<JsonObject?> TryGetAsync(HttpClient client, string number)
    {
        try
        {
            var response = await client.GetAsync($"{Complaints}/{number}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonObject>() : null;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what, IReadOnlyList<HostProcess> hosts) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, hosts);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, IReadOnlyList<HostProcess> hosts)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {Patience}: {what}.\n" + string.Join("\n", hosts.Select(h => $"--- {h.Name}\n{h.Output()}")));
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// A caller registering hotline complaints one after another through the live hosts in turn. A failed attempt
    /// (the host died mid-request, the cluster is still noticing) is retried with the same external id on the next
    /// host, so a complaint the platform already took is answered with the existing case, never taken twice.
    /// </summary>
    private sealed class Intake(ConcurrentDictionary<int, HttpClient> alive)
    {
        private int _turn;
        private int _retries;

        public ConcurrentDictionary<string, (string Number, DateTimeOffset At)> Acknowledged { get; } = new();

        public ConcurrentBag<string> Failed { get; } = [];

        /// <summary>Answers other than 201/200 that were not "503, retry after": a failover must never look like a bug.</summary>
        public ConcurrentBag<string> Unexpected { get; } = [];

        public int Retries => _retries;

        public async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var externalId = "call-" + Guid.NewGuid().ToString("N");
                var deadline = DateTime.UtcNow.AddSeconds(45);
                while (true)
                {
                    var clients = alive.Values.ToList();
                    var client = clients[Interlocked.Increment(ref _turn) % clients.Count];
                    try
                    {
                        var response = await client.PostAsJsonAsync(
                            Complaints,
                            new { channel = "hotline", kind = "complaint", content = "燃气味很重，请尽快处理", externalId, complainant = new { name = "李四", phone = "13912345678" } },
                            CancellationToken.None);
                        if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
                        {
                            var number = (await response.Content.ReadFromJsonAsync<JsonObject>(CancellationToken.None))!.Str("number");
                            Acknowledged[externalId] = (number, DateTimeOffset.UtcNow);
                            await Task.Delay(50, CancellationToken.None); // a caller's pace, not a wait for anything
                            break;
                        }

                        if (response.StatusCode != HttpStatusCode.ServiceUnavailable || response.Headers.RetryAfter is null)
                        {
                            Unexpected.Add($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                        }
                    }
                    catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                    {
                        // The host died under the request, or was too slow while the cluster reorganised: try again.
                    }

                    Interlocked.Increment(ref _retries);
                    if (DateTime.UtcNow > deadline)
                    {
                        Failed.Add(externalId);
                        break;
                    }

                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }
    }
}
