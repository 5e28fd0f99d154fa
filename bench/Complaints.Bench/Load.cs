using System.Diagnostics;
using System.Net;

namespace Complaints.Bench;

/// <summary>
/// An open-loop load generator: request i is due at start + i / rate whatever happened to earlier requests, and
/// its latency is measured from that scheduled instant to the end of the response (so a stalled server is charged
/// for the requests it kept waiting: no coordinated omission). Requests beyond the pool's connections wait in the
/// client's queue, and that wait counts too.
/// </summary>
internal static class OpenLoop
{
    public static async Task<LoadRun> RunAsync(PlatformClient client, double rate, TimeSpan duration, Func<long, HttpRequestMessage> request, long firstId, HostGroup? hosts = null, CancellationToken stop = default)
    {
        var hostCpu = hosts?.CpuSeconds() ?? double.NaN;
        var databaseCpu = hosts?.DatabaseCpuSeconds() ?? double.NaN;
        var clientCpu = Environment.CpuUsage.TotalTime.TotalSeconds;
        var count = (int)Math.Round(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var statuses = new int[count];
        var pending = new Task[count];
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var maxLag = 0L;
        var started = Stopwatch.GetTimestamp();
        var sent = 0;

        // A dedicated thread keeps the schedule; each request runs on the thread pool.
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < count && !stop.IsCancellationRequested; i++)
            {
                var due = started + (long)(i * ticksPerRequest);
                // Sleep, never spin: the load client shares the machine's two cores with the host. A request sent up
                // to ~1 ms after its slot is charged that delay (latency runs from the slot), and every request whose
                // slot has passed goes out at once.
                while (due - Stopwatch.GetTimestamp() > 0 && !stop.WaitHandle.WaitOne(1))
                {
                }

                if (stop.IsCancellationRequested)
                {
                    break;
                }

                maxLag = Math.Max(maxLag, Stopwatch.GetTimestamp() - due);
                pending[i] = SendAsync(client, request(firstId + i), due, i, latencies, statuses);
                sent = i + 1;
            }
        })
        { IsBackground = true, Name = "open-loop schedule", Priority = ThreadPriority.AboveNormal };
        scheduler.Start();
        while (scheduler.IsAlive)
        {
            await Task.Delay(50, CancellationToken.None);
        }

        await Task.WhenAll(pending.Take(sent));
        var elapsed = Stopwatch.GetElapsedTime(started);
        var ok = new List<double>(sent);
        var errors = 0;
        for (var i = 0; i < sent; i++)
        {
            if (statuses[i] is 200 or 201)
            {
                ok.Add(latencies[i]);
            }
            else
            {
                errors++;
            }
        }

        hostCpu = ((hosts?.CpuSeconds() ?? double.NaN) - hostCpu) * 1000 / Math.Max(1, sent);
        databaseCpu = ((hosts?.DatabaseCpuSeconds() ?? double.NaN) - databaseCpu) * 1000 / Math.Max(1, sent);
        clientCpu = (Environment.CpuUsage.TotalTime.TotalSeconds - clientCpu) * 1000 / Math.Max(1, sent);
        return new LoadRun(rate, duration.TotalSeconds, sent, ok.Count, errors, ok.Count / elapsed.TotalSeconds, Stats.Describe(ok), maxLag * 1000.0 / Stopwatch.Frequency, hostCpu, databaseCpu, clientCpu, Machine.LoadAverage());
    }

    private static async Task SendAsync(PlatformClient client, HttpRequestMessage request, long due, int i, double[] latencies, int[] statuses)
    {
        await Task.Yield();
        try
        {
            using (request)
            using (var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseContentRead))
            {
                statuses[i] = (int)response.StatusCode;
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            statuses[i] = -1;
        }

        latencies[i] = (Stopwatch.GetTimestamp() - due) * 1000.0 / Stopwatch.Frequency;
    }
}

/// <summary>
/// One open-loop run. Latencies in milliseconds, of successful requests; <see cref="Achieved"/> successes per second
/// over the whole run including its drain; CPU milliseconds per request of the host(s), of the PostgreSQL server (NaN
/// for SQLite) and of this load client (independent of what else the machine runs); the machine's load average at the end.
/// </summary>
internal sealed record LoadRun(
    double OfferedRate,
    double Seconds,
    int Sent,
    int Succeeded,
    int Errors,
    double Achieved,
    Distribution Latency,
    double MaxScheduleLagMs,
    double HostCpuMsPerRequest,
    double DatabaseCpuMsPerRequest,
    double ClientCpuMsPerRequest,
    string LoadAverage);

/// <summary>Closed loop: <paramref name="workers"/> callers, each doing the next item as soon as the last is done (to seed data as fast as the host takes it).</summary>
internal static class ClosedLoop
{
    public static async Task<(int Succeeded, int Failed, TimeSpan Elapsed)> RunAsync(long count, int workers, Func<long, Task<bool>> work, Action<long>? progress = null)
    {
        long next = -1, succeeded = 0, failed = 0;
        var watch = Stopwatch.StartNew();
        var lastReport = Stopwatch.StartNew();
        async Task Worker()
        {
            await Task.Yield();
            long i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                bool ok;
                try
                {
                    ok = await work(i);
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    ok = false;
                }

                Interlocked.Increment(ref ok ? ref succeeded : ref failed);
                if (progress is not null && lastReport.ElapsedMilliseconds > 10_000)
                {
                    lock (lastReport)
                    {
                        if (lastReport.ElapsedMilliseconds > 10_000)
                        {
                            lastReport.Restart();
                            progress(Interlocked.Read(ref succeeded));
                        }
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Worker()));
        return ((int)succeeded, (int)failed, watch.Elapsed);
    }
}
