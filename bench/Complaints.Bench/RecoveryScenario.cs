using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Complaints.Bench;

/// <summary>
/// 4. Recovery: kill -9 with N open clocks; restart on the same data folder (or database). Time until the API takes
/// intake again (first 201), until every deadline that fell due while down has fired (once), and whether deadlines
/// falling due after the restart still fire on time (their reminders were re-armed from the table). With several hosts
/// (<c>--hosts</c>) the last one is killed and stays down: the times run from the kill, intake goes through the
/// survivors, and they take over the dead host's grains and clocks.
/// </summary>
internal static class RecoveryScenario
{
    public static async Task<RecoveryResult> RunAsync(BenchOptions options, BenchStorage storage, Action<string> say)
    {
        await using var hosts = await HostGroup.CreateAsync(options, storage, "recovery");
        await hosts.StartAsync();
        var host = hosts.Hosts[^1];
        var survivors = hosts.Hosts.Take(hosts.Hosts.Count - 1).Select(h => h.BaseAddress).ToList();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var n = options.RecoveryCount;
        var down = options.RecoveryDownCount;
        var after = options.RecoveryAfterCount;
        var background = n - down - after;
        long created;
        List<string> downNumbers, afterNumbers;
        int downAll;
        DateTimeOffset killedAt, lastDownDeadline;
        double rate;
        using (var client = new PlatformClient(hosts.Addresses))
        {
            await client.LoginAsync("agent@fuyang-gas");

            // Phase A: open clocks due tomorrow.
            var far = DateTimeOffset.UtcNow.AddDays(1);
            var a = await ClosedLoop.RunAsync(background, options.SeedWorkers, async i => await client.OpenWorkOrderAsync(runId, i, far) is not null, k => say($"recovery: {k:N0} open clocks"));
            rate = a.Succeeded / a.Elapsed.TotalSeconds;
            say($"recovery: {a.Succeeded:N0} open clocks in {a.Elapsed.TotalSeconds:F0} s ({rate:F0}/s)");

            // Phase B: clocks due a few seconds after the planned kill, and some due well after the restart.
            var plannedKill = DateTimeOffset.UtcNow + TimeSpan.FromSeconds((down + after) / (rate * 0.8));
            var random = new Random(4);
            var deadlines = Enumerable.Range(0, down + after)
                .Select(i => i < down
                    ? plannedKill + TimeSpan.FromSeconds(3 + (5 * random.NextDouble()))
                    : plannedKill + TimeSpan.FromSeconds(45 + (10 * random.NextDouble())))
                .ToArray();
            var numbers = new ConcurrentDictionary<int, string>();
            var b = await ClosedLoop.RunAsync(down + after, options.SeedWorkers, async i =>
            {
                var number = await client.OpenWorkOrderAsync(runId, background + i, deadlines[i]);
                if (number is not null)
                {
                    numbers[(int)i] = number;
                }

                return number is not null;
            });
            created = a.Succeeded + b.Succeeded;

            host.Kill();
            killedAt = DateTimeOffset.UtcNow;
            downNumbers = [.. numbers.Where(p => p.Key < down && deadlines[p.Key] > killedAt).Select(p => p.Value)];
            downAll = numbers.Count(p => p.Key < down);
            afterNumbers = [.. numbers.Where(p => p.Key >= down).Select(p => p.Value)];
            lastDownDeadline = deadlines.Take(down).Max();
            var which = survivors.Count == 0 ? "" : $" host {hosts.Hosts.Count} of {hosts.Hosts.Count}";
            say($"recovery: killed (SIGKILL){which} with {created:N0} open clocks; {downNumbers.Count:N0} fall due while down ({down - downNumbers.Count} fell due before the kill)");
        }

        // One host: stay down until every one of them is due, then restart it. Several: the survivors carry on at once.
        var restart = survivors.Count == 0;
        var stayDown = lastDownDeadline + TimeSpan.FromSeconds(1) - DateTimeOffset.UtcNow;
        if (restart && stayDown > TimeSpan.Zero)
        {
            await Task.Delay(stayDown);
        }

        var restartedAt = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var starting = restart ? host.StartAsync(TimeSpan.FromSeconds(120)) : Task.FromResult(TimeSpan.Zero);
        double? firstIntake = null;
        using (var client = new PlatformClient(restart ? [host.BaseAddress] : survivors))
        {
            client.Http.Timeout = TimeSpan.FromSeconds(5);
            var tokenDone = false;
            while (watch.Elapsed < TimeSpan.FromSeconds(120) && firstIntake is null)
            {
                try
                {
                    if (!tokenDone)
                    {
                        await client.LoginAsync("agent");
                        tokenDone = true;
                    }

                    using var response = await client.Http.SendAsync(client.HotlineComplaint(0));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        firstIntake = watch.Elapsed.TotalSeconds;
                        break;
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    // Not up yet.
                }

                await Task.Delay(50);
            }
        }

        double? health = restart ? (await starting).TotalSeconds : null;
        double? allFired = null;
        while (watch.Elapsed < TimeSpan.FromSeconds(300))
        {
            if (hosts.Store.CountBreaches(PlatformClient.Gas) >= downAll)
            {
                allFired = watch.Elapsed.TotalSeconds;
                break;
            }

            await Task.Delay(200);
        }

        say(restart
            ? $"recovery: healthy after {health:F1} s, first 201 after {firstIntake:F1} s, every missed deadline fired after {allFired:F1} s"
            : $"recovery: from the kill, first 201 through a survivor after {firstIntake:F1} s, every missed deadline fired after {allFired:F1} s");

        // Let the deadlines due after the restart pass, then check everything.
        var lastAfter = killedAt + TimeSpan.FromSeconds(60);
        var wait = lastAfter + TimeSpan.FromSeconds(10) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var breaches = hosts.Store.ReadBreaches(PlatformClient.Gas);
        var downCheck = DeadlineCheck.Of(downNumbers, breaches);
        var afterCheck = DeadlineCheck.Of(afterNumbers, breaches);
        var twice = breaches.GroupBy(b => b.Number).Count(g => g.Count() > 1);
        var (reminders, toWake) = hosts.Store.Armed();
        double? downtime = restart ? (restartedAt - killedAt).TotalSeconds : null;
        say($"recovery: missed-while-down {downCheck.Fired}/{downCheck.Expected}, after-restart lateness p99 {afterCheck.LatenessMs.P99:F0} ms max {afterCheck.LatenessMs.Max:F0} ms missing {afterCheck.Missing}; fired twice {twice}; reminders {reminders:N0} for {toWake:N0} cases to wake");
        return new RecoveryResult(hosts.Hosts.Count, restart, created, rate, downtime, health, firstIntake, allFired, downCheck, afterCheck, twice, reminders, toWake);
    }
}

/// <summary>
/// <see cref="Restarted"/>: one host, killed and restarted; the times run from the restart. Otherwise the last of
/// <see cref="Hosts"/> was killed and stayed down; the times run from the kill (no down time, no health time).
/// </summary>
internal sealed record RecoveryResult(
    int Hosts,
    bool Restarted,
    long OpenClocks,
    double CreatedPerSecond,
    double? DownSeconds,
    double? HealthySeconds,
    double? FirstIntakeSeconds,
    double? AllMissedFiredSeconds,
    DeadlineCheck DueWhileDown,
    DeadlineCheck DueAfterRestart,
    int FiredTwice,
    long ReminderRows,
    long CasesToWake);
