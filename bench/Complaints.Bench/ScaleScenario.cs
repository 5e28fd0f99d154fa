using System.Text.Json.Nodes;

namespace Complaints.Bench;

/// <summary>
/// 2. Many open complaints, each with a live clock (a hotline complaint's first-reply clock, 1 h, one reminder each),
/// in one host (or the hosts of one cluster, summed): time to create them through the API, memory per open complaint
/// once the grains are idle-deactivated, and the store's size per complaint.
/// </summary>
internal static class ScaleScenario
{
    public static async Task<ScaleResult> RunAsync(BenchOptions options, BenchStorage storage, Action<string> say)
    {
        await using var hosts = await HostGroup.CreateAsync(options, storage, "scale");
        await hosts.StartAsync();
        using var client = new PlatformClient(hosts.Addresses);
        await client.LoginAsync("agent", "operator");

        // Warm-up, then the baseline with those few grains deactivated.
        const int WarmUp = 500;
        await ClosedLoop.RunAsync(WarmUp, 16, client.RegisterHotlineAsync);
        var baseline = await Measure(hosts, client, 0, forced: true);
        say($"scale: baseline RSS {baseline.RssBytes / 1048576.0:F0} MiB, managed heap {baseline.ManagedHeapBytes / 1048576.0:F0} MiB");

        var points = new List<ScalePoint>();
        long created = 0;
        var seeding = TimeSpan.Zero;
        var until = DateTime.UtcNow + TimeSpan.FromMinutes(options.SeedMinutes);
        foreach (var target in options.ScaleCounts)
        {
            var (ok, failed, elapsed) = await ClosedLoop.RunAsync(
                target - created,
                options.SeedWorkers,
                i => DateTime.UtcNow < until ? client.RegisterHotlineAsync(WarmUp + created + i) : Task.FromResult(false),
                n => say($"scale: {created + n:N0} created"));
            created += ok;
            seeding += elapsed;
            var cut = created < target;
            say($"scale: {created:N0} open complaints in {seeding.TotalSeconds:F0} s ({ok / elapsed.TotalSeconds:F0}/s), {failed} failed{(cut ? " (time cap reached)" : "")}");

            var idle = await WaitForIdleAsync(hosts, client, options, say);
            var m = idle ?? await Measure(hosts, client, created, forced: true);
            var (reminders, _) = hosts.Store.Armed();
            var point = new ScalePoint(
                created,
                target,
                seeding.TotalSeconds,
                created / seeding.TotalSeconds,
                failed,
                m,
                (m.RssBytes - baseline.RssBytes) / (double)created,
                (m.ManagedHeapBytes - baseline.ManagedHeapBytes) / (double)created,
                reminders,
                hosts.Store.Bytes() / (double)(created + WarmUp));
            points.Add(point);
            say($"scale: {created:N0}: RSS {m.RssBytes / 1048576.0:F0} MiB → {point.RssBytesPerComplaint:F0} B/complaint (heap {point.HeapBytesPerComplaint:F0} B), activations {m.Activations}, reminders {reminders:N0}{(m.Forced ? " (deactivation forced)" : "")}");
            if (cut)
            {
                break;
            }
        }

        return new ScaleResult(options.IdleMinutes, baseline, points);
    }

    /// <summary>Waits for Orleans' own idle collection (Orleans:IdleMinutes) to deactivate the grains; null if it did not in time.</summary>
    private static async Task<MemoryPoint?> WaitForIdleAsync(HostGroup hosts, PlatformClient client, BenchOptions options, Action<string> say)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(options.IdleWaitSeconds);
        while (DateTime.UtcNow < until)
        {
            await Task.Delay(TimeSpan.FromSeconds(15));
            var m = await Measure(hosts, client, 0, forced: false);
            say($"scale: waiting for idle deactivation: {m.Activations} activations");
            if (m.Activations < 200)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>Memory of every host, summed (each host's diagnostics report its own process).</summary>
    private static async Task<MemoryPoint> Measure(HostGroup hosts, PlatformClient client, long open, bool forced)
    {
        var reports = new List<JsonObject>();
        foreach (var host in hosts.Hosts)
        {
            reports.Add(await client.MemoryAsync(host.BaseAddress, forced ? 0 : null));
        }

        await Task.Delay(500);
        long Sum(string key) => reports.Sum(json => json[key]!.GetValue<long>());
        return new MemoryPoint(
            open,
            hosts.Hosts.Sum(h => h.ResidentBytes()),
            Sum("workingSetBytes"),
            Sum("managedHeapBytes"),
            Sum("gcCommittedBytes"),
            reports.Sum(json => json["activations"]!.GetValue<int>()),
            reports[0]["serverGc"]!.GetValue<bool>(),
            forced);
    }
}

internal sealed record MemoryPoint(long Open, long RssBytes, long WorkingSetBytes, long ManagedHeapBytes, long GcCommittedBytes, int Activations, bool ServerGc, bool Forced);

internal sealed record ScalePoint(
    long Open,
    long Target,
    double SecondsToCreate,
    double CreatedPerSecond,
    int Failed,
    MemoryPoint Memory,
    double RssBytesPerComplaint,
    double HeapBytesPerComplaint,
    long ReminderRows,
    double DatabaseBytesPerComplaint);

internal sealed record ScaleResult(int IdleMinutes, MemoryPoint Baseline, List<ScalePoint> Points);
