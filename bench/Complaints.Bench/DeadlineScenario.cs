using System.Collections.Concurrent;

namespace Complaints.Bench;

/// <summary>
/// 3. Deadline accuracy: N 12345 work orders whose resolution deadlines (their <c>externalDeadline</c>) all fall due
/// within one window, optionally with intake load running through the window. Lateness = the clock-breached event's
/// <c>at</c> − its <c>dueAt</c>, read from the store (SQLite file or PostgreSQL database) after the run; none missing, none twice.
/// </summary>
internal static class DeadlineScenario
{
    public static async Task<DeadlineResult> RunAsync(BenchOptions options, BenchStorage storage, bool withLoad, Action<string> say)
    {
        var name = withLoad ? "deadlines-load" : "deadlines";
        await using var hosts = await HostGroup.CreateAsync(options, storage, name);
        await hosts.StartAsync();
        using var client = new PlatformClient(hosts.Addresses);
        await client.LoginAsync("agent", "agent@fuyang-gas");
        var runId = Guid.NewGuid().ToString("N")[..8];
        var n = options.DeadlineCount;
        var window = TimeSpan.FromSeconds(options.DeadlineWindowSeconds);

        // Warm up, then calibrate the creation rate, with work orders due tomorrow (they stay open in the background).
        var far = DateTimeOffset.UtcNow.AddDays(1);
        await ClosedLoop.RunAsync(200, options.SeedWorkers, async i => await client.OpenWorkOrderAsync(runId, -1 - i, far) is not null);
        var calibration = Math.Max(500, n / 50);
        var (calibrated, _, calibrationTime) = await ClosedLoop.RunAsync(calibration, options.SeedWorkers, async i => await client.OpenWorkOrderAsync(runId, i, far) is not null);
        var rate = calibrated / calibrationTime.TotalSeconds;

        // Plan the window after creation will have finished (with slack), then create the N work orders.
        var start = DateTimeOffset.UtcNow + TimeSpan.FromSeconds((n / (rate * 0.7)) + 15);
        var random = new Random(6);
        var deadlines = Enumerable.Range(0, n).Select(i => start + (window * ((i + random.NextDouble()) / n))).ToArray();
        say($"{name}: creating {n:N0} work orders at ~{rate:F0}/s; deadlines from {start:HH:mm:ss} for {window.TotalSeconds:F0} s");
        var numbers = new ConcurrentBag<string>();
        var late = new ConcurrentBag<string>();
        var (created, failed, creation) = await ClosedLoop.RunAsync(
            n,
            options.SeedWorkers,
            async i =>
            {
                var number = await client.OpenWorkOrderAsync(runId, calibration + i, deadlines[i]);
                if (number is null)
                {
                    return false;
                }

                (DateTimeOffset.UtcNow < deadlines[i] ? numbers : late).Add(number);
                return true;
            },
            k => say($"{name}: {k:N0} created"));
        say($"{name}: created {created:N0} in {creation.TotalSeconds:F0} s, {late.Count} only after their deadline, {failed} failed");

        // The statements of the window only (--statements): creation is over.
        var profile = await StatementProfile.StartAsync(options, hosts);

        // Intake load through the window (open loop), if asked.
        LoadRun? load = null;
        Task<LoadRun>? loading = null;
        if (withLoad)
        {
            var from = start - TimeSpan.FromSeconds(5);
            var wait = from - DateTimeOffset.UtcNow;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            // Fresh tokens: creating the work orders can outlast a token (on PostgreSQL 100,000 take about 8 minutes).
            await client.LoginAsync("agent", "agent@fuyang-gas");
            var duration = start + window + TimeSpan.FromSeconds(5) - DateTimeOffset.UtcNow;
            loading = OpenLoop.RunAsync(client, options.DeadlineLoadRate, duration, client.HotlineComplaint, 0, hosts);
        }

        // Wait for the window to pass, then for every breach to be recorded (bounded).
        var end = start + window;
        var pause = end - DateTimeOffset.UtcNow;
        if (pause > TimeSpan.Zero)
        {
            await Task.Delay(pause);
        }

        var expected = numbers.Count + late.Count;
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && hosts.Store.CountBreaches(PlatformClient.Gas) < expected)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        if (loading is not null)
        {
            load = await loading;
            say($"{name}: intake during the window: offered {load.OfferedRate}/s, achieved {load.Achieved:F0}/s, p99 {load.Latency.P99:F1} ms, errors {load.Errors}");
        }

        var statements = profile is null ? [] : await profile.ReadAsync(n);
        await Task.Delay(TimeSpan.FromSeconds(3)); // anything that would fire twice
        var check = DeadlineCheck.Of([.. numbers], hosts.Store.ReadBreaches(PlatformClient.Gas), hosts.Store.ReadWarnings(PlatformClient.Gas));
        say($"{name}: {check.Fired:N0}/{check.Expected:N0} fired, lateness p50 {check.LatenessMs.P50:F0} ms, p99 {check.LatenessMs.P99:F0} ms, max {check.LatenessMs.Max:F0} ms, missing {check.Missing}, twice {check.FiredTwice}; warnings' lateness p99 {check.WarningLatenessMs?.P99:F0} ms, max {check.WarningLatenessMs?.Max:F0} ms");
        return new DeadlineResult(withLoad, n, window.TotalSeconds, creation.TotalSeconds, created / creation.TotalSeconds, late.Count, failed, check, load, statements);
    }
}

internal sealed record DeadlineResult(
    bool WithLoad,
    int Deadlines,
    double WindowSeconds,
    double CreationSeconds,
    double CreatedPerSecond,
    int CreatedAfterDeadline,
    int Failed,
    DeadlineCheck Check,
    LoadRun? Load,
    List<StatementCost> Statements);
