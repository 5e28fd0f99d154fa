namespace Complaints.Bench;

/// <summary>1. Durable intake through the HTTP API at fixed offered rates (open loop), each 201 after the commit.</summary>
internal static class IntakeScenario
{
    public static async Task<IntakeResult> RunAsync(BenchOptions options, BenchStorage storage, Action<string> say)
    {
        await using var hosts = await HostGroup.CreateAsync(options, storage, "intake");
        var startup = await hosts.StartAsync();
        using var client = new PlatformClient(hosts.Addresses);
        await client.LoginAsync("agent");
        long id = 0;

        // Warm-up (not recorded): JIT, connection pools, the database's page cache.
        say("intake: warm-up 5 s at 250/s");
        var warm = await OpenLoop.RunAsync(client, 250, TimeSpan.FromSeconds(5), client.HotlineComplaint, id);
        id += warm.Sent;
        var profile = await StatementProfile.StartAsync(options, hosts);
        var measured = id;

        var runs = new List<LoadRun>();
        for (var rep = 1; rep <= options.Repetitions; rep++)
        {
            foreach (var rate in options.IntakeRates)
            {
                var run = await OpenLoop.RunAsync(client, rate, TimeSpan.FromSeconds(options.IntakeSeconds), client.HotlineComplaint, id, hosts);
                id += run.Sent;
                runs.Add(run);
                say($"intake: rep {rep} offered {rate}/s → achieved {run.Achieved:F0}/s, p50 {run.Latency.P50:F1} ms, p99 {run.Latency.P99:F1} ms, max {run.Latency.Max:F0} ms, errors {run.Errors}; host CPU {run.HostCpuMsPerRequest:F2} ms/req, {(storage.IsPostgres ? $"db {run.DatabaseCpuMsPerRequest:F2} ms/req, " : "")}client {run.ClientCpuMsPerRequest:F2} ms/req, load {run.LoadAverage}");
                await Task.Delay(TimeSpan.FromSeconds(2));
            }
        }

        var statements = profile is null ? [] : await profile.ReadAsync(id - measured);
        var rates = options.IntakeRates.Select(rate =>
        {
            var mine = runs.Where(r => r.OfferedRate == rate).ToList();
            return new IntakeRate(
                rate,
                Stats.Over(mine.Select(r => r.Achieved)),
                Stats.Over(mine.Select(r => r.Latency.P50)),
                Stats.Over(mine.Select(r => r.Latency.P99)),
                Stats.Over(mine.Select(r => r.Latency.Max)),
                Stats.Over(mine.Select(r => (double)r.Errors)),
                Stats.Over(mine.Select(r => r.HostCpuMsPerRequest)),
                Stats.Over(mine.Select(r => r.DatabaseCpuMsPerRequest)),
                Stats.Over(mine.Select(r => r.ClientCpuMsPerRequest)),
                mine);
        }).ToList();
        return new IntakeResult(startup.TotalSeconds, options.IntakeSeconds, options.Repetitions, id, hosts.Store.Bytes(), rates, statements);
    }
}

internal sealed record IntakeRate(double OfferedRate, Spread Achieved, Spread P50Ms, Spread P99Ms, Spread MaxMs, Spread Errors, Spread HostCpuMs, Spread DatabaseCpuMs, Spread ClientCpuMs, List<LoadRun> Runs);

internal sealed record IntakeResult(double HostStartSeconds, double SecondsPerRun, int Repetitions, long ComplaintsSent, long DatabaseBytes, List<IntakeRate> Rates, List<StatementCost> Statements);
