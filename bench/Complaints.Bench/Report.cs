using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Complaints.Bench;

internal sealed record Target(string Figure, string Goal, string Measured, bool? Met);

/// <summary>The whole report; <see cref="Storage"/> is <c>sqlite</c> or <c>postgres</c>, <see cref="StorageDetail"/> says which server and settings.</summary>
internal sealed record BenchReport(
    Machine Machine,
    string Scale,
    string Storage,
    int Hosts,
    string StorageDetail,
    string LoadAverageAtEnd,
    double TotalMinutes,
    IntakeResult? Intake,
    ScaleResult? OpenComplaints,
    List<DeadlineResult> Deadlines,
    RecoveryResult? Recovery,
    List<Target> Targets,
    List<string> Notes,
    ReportsResult? Reports = null);

/// <summary>The report as JSON (every number) and Markdown (the figures a reader needs).</summary>
internal static class Report
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static List<Target> Targets(BenchReport r)
    {
        var targets = new List<Target>();
        if (r.Intake?.Rates.FirstOrDefault(x => x.OfferedRate == 1000) is { } k)
        {
            var sustained = k.Achieved.Median >= 990 && k.Errors.Max == 0;
            targets.Add(new Target("durable intake at 1,000/s offered", "≥ 1,000/s sustained, p99 ≤ 50 ms",
                $"{k.Achieved.Median:F0}/s, p99 {k.P99Ms.Median:F1} ms (runs {k.P99Ms.Min:F1}–{k.P99Ms.Max:F1}), errors {k.Errors.Max:F0}", sustained && k.P99Ms.Median <= 50));
        }

        if (r.OpenComplaints?.Points.LastOrDefault() is { } p)
        {
            targets.Add(new Target($"memory per open complaint with a live clock ({p.Open:N0} open)", "≤ 4 KB (1,000,000 open)",
                $"{p.RssBytesPerComplaint / 1024:F2} KiB (RSS), {p.HeapBytesPerComplaint / 1024:F2} KiB (managed heap)", p.Open >= 1_000_000 ? p.RssBytesPerComplaint <= 4096 : null));
        }

        foreach (var d in r.Deadlines)
        {
            var c = d.Check;
            var lateness = $"p50 {c.LatenessMs.P50:F0} ms, p99 {c.LatenessMs.P99:F0} ms, max {c.LatenessMs.Max:F0} ms; missing {c.Missing}, twice {c.FiredTwice}";
            var once = c.Missing == 0 && c.FiredTwice == 0;
            if (d.Load is not { } storm)
            {
                targets.Add(new Target($"deadline lateness, {d.Deadlines:N0} due within {d.WindowSeconds:F0} s",
                    "p99 ≤ 1 s, max ≤ 5 s, none missed or twice", lateness, c.LatenessMs.P99 <= 1000 && c.LatenessMs.Max <= 5000 && once));
                continue;
            }

            // The storm (issue 16): intake has priority, the deadlines may be a little later but still each fire once.
            var intakeMet = storm.Achieved >= 0.9 * storm.OfferedRate && storm.Latency.P99 <= 250 && storm.Errors == 0;
            targets.Add(new Target($"storm: intake {storm.OfferedRate:F0}/s offered while {d.Deadlines:N0} deadlines fall due within {d.WindowSeconds:F0} s",
                "≥ 90 % achieved, p99 ≤ 250 ms, no errors",
                $"{storm.Achieved:F0}/s ({storm.Achieved / storm.OfferedRate:P0}), p99 {storm.Latency.P99:F0} ms, errors {storm.Errors}; host CPU {storm.HostCpuMsPerRequest:F2} ms per request (catch-ups included)",
                intakeMet));
            targets.Add(new Target($"storm: deadline lateness, {d.Deadlines:N0} due within {d.WindowSeconds:F0} s, intake {storm.OfferedRate:F0}/s running",
                "p99 ≤ 2 s, max ≤ 10 s, none missed or twice", lateness,
                c.LatenessMs.P99 <= 2000 && c.LatenessMs.Max <= 10_000 && once));
        }

        if (r.Recovery is { } rec)
        {
            var from = rec.Restarted ? "the restart" : "the kill";
            targets.Add(new Target($"intake back after kill -9 ({rec.OpenClocks:N0} open clocks{(rec.Restarted ? "" : $", 1 of {rec.Hosts} hosts killed")})", "≤ 10 s",
                rec.FirstIntakeSeconds is { } s ? $"{s:F1} s from {from} to the first 201{(rec.Restarted ? "" : " through a survivor")}" : "never (within 120 s)", rec.FirstIntakeSeconds <= 10));
            targets.Add(new Target("deadlines that fell due while down", "each fires once",
                $"{rec.DueWhileDown.Fired:N0}/{rec.DueWhileDown.Expected:N0} fired, all within {rec.AllMissedFiredSeconds:F1} s of {from}; twice {rec.FiredTwice}",
                rec.DueWhileDown.Missing == 0 && rec.FiredTwice == 0));
        }

        if (r.Reports is { } reports)
        {
            var monthly = reports.Timings.Where(t => t.Path.Contains("2026-11-01", StringComparison.Ordinal)).ToList();
            var slowest = monthly.MaxBy(t => t.Error is null ? t.Ms.Max : double.PositiveInfinity);
            targets.Add(new Target($"monthly statistics and scorecards over {reports.Cases:N0} cases", "≤ 1 s",
                slowest is null ? "not run" : monthly.Any(t => t.Error is not null) ? $"failed: {string.Join("; ", monthly.Where(t => t.Error is not null).Select(t => $"{t.Report}: {t.Error}"))}"
                    : $"slowest: {slowest.Report}, p50 {slowest.Ms.P50:F0} ms, max {slowest.Ms.Max:F0} ms",
                reports.Cases >= 1_000_000 ? monthly.Count > 0 && monthly.All(t => t.Error is null && t.Ms.Max <= 1000) : null));
            var e = reports.Export;
            targets.Add(new Target($"ledger.xlsx of {reports.ExportRows:N0} rows, streamed", "≤ 10 s, host memory growth ≤ 100 MB",
                e.Error is { } error ? $"failed: {error}" : $"{e.Rows:N0} rows in {e.Seconds:F1} s, RSS +{e.RssGrowthMiB:F0} MiB",
                reports.ExportRows >= 100_000 ? e.Error is null && e.Rows == reports.ExportRows && e.Seconds <= 10 && e.RssGrowthMiB <= 100 : null));
        }

        return targets;
    }

    public static async Task WriteAsync(BenchReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, Json));
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), Markdown(report));
    }

    /// <summary>Writes report.md again from a run's report.json (after a change to how the Markdown is laid out).</summary>
    public static async Task RenderAsync(string directory)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(directory, "report.json"));
        var report = JsonSerializer.Deserialize<BenchReport>(json, Json) ?? throw new FormatException("report.json is empty.");
        await File.WriteAllTextAsync(Path.Combine(directory, "report.md"), Markdown(report with { Targets = Targets(report) }));
    }

    public static string Markdown(BenchReport r)
    {
        var md = new StringBuilder();
        var m = r.Machine;
        void Line(string text = "") => md.Append(text).Append('\n');
        static string F(double v, string format = "F1") => double.IsNaN(v) ? "–" : v.ToString(format, CultureInfo.InvariantCulture);
        static string S(Spread s, string format = "F1") => s.Runs <= 1 ? F(s.Median, format) : $"{F(s.Median, format)} ({F(s.Min, format)}–{F(s.Max, format)})";

        // The database's statements (--statements), most time first; reports from before the option have none.
        void StatementTable(List<StatementCost>? statements, string when)
        {
            if (statements is not { Count: > 0 })
            {
                return;
            }

            Line();
            Line($"Where the database's time went {when}; execution time only (a commit's WAL flush is the `COMMIT` row).");
            Line();
            Line("| statement | calls | rows | mean µs | µs (exec + plan) | WAL records | WAL bytes |");
            Line("|---|---|---|---|---|---|---|");
            foreach (var statement in statements.Take(20))
            {
                Line(statement.Row());
            }

            Line(string.Create(CultureInfo.InvariantCulture,
                $"| all {statements.Count} statements | {statements.Sum(x => x.Calls):F2} | {statements.Sum(x => x.Rows):F2} | | {statements.Sum(x => x.Microseconds):F0} | {statements.Sum(x => x.WalRecords):F1} | {statements.Sum(x => x.WalBytes):F0} |"));
        }

        var postgres = r.Storage == BenchOptions.Postgres;
        Line($"# Benchmark report ({r.Scale} scale, {r.Storage}{(r.Hosts > 1 ? $", {r.Hosts} hosts" : "")})");
        Line();
        Line($"- storage: {r.StorageDetail}");
        Line($"- commit `{m.Commit}`{(m.Dirty ? " (with uncommitted changes)" : "")}, run {m.Started:yyyy-MM-dd HH:mm} UTC, {F(r.TotalMinutes)} min");
        Line($"- machine: {m.Cores} cores ({m.Cpu}), {F(m.MemoryGiB)} GiB, {m.Os}, {m.Runtime}");
        Line($"- load average at start {m.LoadAverageAtStart}, at end {r.LoadAverageAtEnd} (it counts the host's and the load client's own threads: both run on the same {m.Cores} cores)");
        Line();
        Line("## Targets");
        Line();
        Line("| figure | target | measured | met |");
        Line("|---|---|---|---|");
        foreach (var t in r.Targets)
        {
            Line($"| {t.Figure} | {t.Goal} | {t.Measured} | {(t.Met switch { true => "yes", false => "**no**", null => "n/a" })} |");
        }

        if (r.Intake is { } intake)
        {
            Line();
            Line($"## 1. Durable intake through the HTTP API (open loop, {intake.Repetitions} × {intake.SecondsPerRun} s per rate)");
            Line();
            Line("Median over the runs, (min–max) in brackets. Latency from each request's scheduled send time to the end of its 201, in ms.");
            Line();
            Line($"| offered /s | achieved /s | p50 ms | p99 ms | max ms | errors | host CPU ms/req |{(postgres ? " db CPU ms/req |" : "")} client CPU ms/req |");
            Line($"|---|---|---|---|---|---|---|{(postgres ? "---|" : "")}---|");
            foreach (var x in intake.Rates)
            {
                Line($"| {x.OfferedRate:F0} | {S(x.Achieved, "F0")} | {S(x.P50Ms)} | {S(x.P99Ms)} | {S(x.MaxMs, "F0")} | {S(x.Errors, "F0")} | {S(x.HostCpuMs, "F2")} |{(postgres ? $" {S(x.DatabaseCpuMs, "F2")} |" : "")} {S(x.ClientCpuMs, "F2")} |");
            }

            // The cost per complaint where the host is busiest (the highest rate offered): at low rates the host's idle
            // work (timers, GC, Orleans' own housekeeping) is spread over few requests and would overstate it.
            var busiest = intake.Rates.MaxBy(x => x.OfferedRate)!;
            var runs = busiest.Runs.ToList();
            var over = $"(median over the {busiest.OfferedRate:F0}/s runs)";
            var hosts = r.Hosts > 1 ? $"the {r.Hosts} hosts together use" : "the host uses";
            Line();
            if (postgres)
            {
                var server = Stats.Over(runs.Select(x => x.HostCpuMsPerRequest + x.DatabaseCpuMsPerRequest));
                var all = Stats.Over(runs.Select(x => x.HostCpuMsPerRequest + x.DatabaseCpuMsPerRequest + x.ClientCpuMsPerRequest));
                Line($"CPU cost, independent of what else the machine runs: {hosts} {F(Stats.Over(runs.Select(x => x.HostCpuMsPerRequest)).Median, "F2")} ms of CPU per complaint {over}, "
                    + $"the PostgreSQL server {F(Stats.Over(runs.Select(x => x.DatabaseCpuMsPerRequest)).Median, "F2")} ms, hosts and database together {F(server.Median, "F2")} ms, with the load client {F(all.Median, "F2")} ms. "
                    + $"With {r.Machine.Cores} cores to themselves that caps intake near {F(r.Machine.Cores * 1000 / all.Median, "F0")}/s with everything on the same machine, "
                    + $"{F(r.Machine.Cores * 1000 / server.Median, "F0")}/s without the client.");
            }
            else
            {
                var cpu = Stats.Over(runs.Select(x => x.HostCpuMsPerRequest));
                var both = Stats.Over(runs.Select(x => x.HostCpuMsPerRequest + x.ClientCpuMsPerRequest));
                Line($"CPU cost, independent of what else the machine runs: {hosts} {F(cpu.Median, "F2")} ms of CPU per complaint {over}, "
                    + $"host and load client together {F(both.Median, "F2")} ms. With {r.Machine.Cores} cores to themselves that caps intake near "
                    + $"{F(r.Machine.Cores * 1000 / both.Median, "F0")}/s with the client on the same machine, {F(r.Machine.Cores * 1000 / cpu.Median, "F0")}/s without it.");
            }

            Line($"Load average after each run: {string.Join(", ", intake.Rates.SelectMany(x => x.Runs).Select(x => $"{x.OfferedRate:F0}/s: {x.LoadAverage.Split(' ')[0]}"))}.");
            StatementTable(intake.Statements, "during the measured runs (`--statements`: pg_stat_statements, reset after the warm-up), per complaint sent");
        }

        if (r.OpenComplaints is { } scale)
        {
            Line();
            Line($"## 2. Open complaints with a live clock in {(r.Hosts > 1 ? $"{r.Hosts} hosts (memory summed over them)" : "one host")} (Orleans:IdleMinutes = {scale.IdleMinutes})");
            Line();
            Line($"Baseline after warm-up: RSS {F(scale.Baseline.RssBytes / 1048576.0)} MiB, managed heap {F(scale.Baseline.ManagedHeapBytes / 1048576.0)} MiB, server GC {scale.Baseline.ServerGc}.");
            Line();
            Line($"| open | time to create s | created /s | RSS MiB | heap MiB | bytes/complaint (RSS) | bytes/complaint (heap) | activations | reminder rows | {(postgres ? "PostgreSQL bytes/complaint (database growth)" : "SQLite bytes/complaint")} |");
            Line("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var p in scale.Points)
            {
                Line($"| {p.Open:N0}{(p.Open < p.Target ? $" (of {p.Target:N0}: time cap)" : "")} | {F(p.SecondsToCreate, "F0")} | {F(p.CreatedPerSecond, "F0")} | {F(p.Memory.RssBytes / 1048576.0)} | {F(p.Memory.ManagedHeapBytes / 1048576.0)} | {F(p.RssBytesPerComplaint, "F0")} | {F(p.HeapBytesPerComplaint, "F0")} | {p.Memory.Activations}{(p.Memory.Forced ? " (forced)" : "")} | {p.ReminderRows:N0} | {F(p.DatabaseBytesPerComplaint, "F0")} |");
            }
        }

        if (r.Deadlines.Count > 0)
        {
            Line();
            Line("## 3. Deadline accuracy (lateness = clock-breached `at` − `dueAt`, ms)");
            Line();
            Line("| deadlines | window s | intake load | created in s | fired | missing | twice | early | p50 | p99 | p99.9 | max | intake p99 ms during |");
            Line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var d in r.Deadlines)
            {
                var c = d.Check;
                var load = d.Load is { } l ? $"{l.OfferedRate:F0}/s (achieved {F(l.Achieved, "F0")}/s, errors {l.Errors})" : "none";
                Line($"| {c.Expected:N0}{(d.CreatedAfterDeadline > 0 ? $" (+{d.CreatedAfterDeadline} created late)" : "")} | {F(d.WindowSeconds, "F0")} | {load} | {F(d.CreationSeconds, "F0")} | {c.Fired:N0} | {c.Missing} | {c.FiredTwice} | {c.Early} | {F(c.LatenessMs.P50, "F0")} | {F(c.LatenessMs.P99, "F0")} | {F(c.LatenessMs.P999, "F0")} | {F(c.LatenessMs.Max, "F0")} | {(d.Load is { } x ? F(x.Latency.P99) : "–")} |");
            }

            foreach (var d in r.Deadlines.Where(d => d.Check.Slices.Count > 1))
            {
                Line();
                Line($"Lateness p99 / max (ms) by when the deadline was due, per {DeadlineCheck.SliceWidth.TotalSeconds:F0} s from the first ({d.Deadlines:N0}{(d.Load is { } l ? $", {l.OfferedRate:F0}/s intake" : "")}): "
                    + string.Join(" · ", d.Check.Slices.Select(s => $"{s.FromSeconds:F0} s: {F(s.LatenessMs.P99, "F0")} / {F(s.LatenessMs.Max, "F0")}")));
            }

            foreach (var d in r.Deadlines.Where(d => d.Check.WarningLatenessMs is not null))
            {
                var w = d.Check.WarningLatenessMs!;
                Line();
                Line($"Warnings of the same work orders ({w.Count:N0}; deadlines go first at a full catch-up gate, so a backlog is the warnings'): lateness p50 {F(w.P50, "F0")} ms, p99 {F(w.P99, "F0")} ms, max {F(w.Max, "F0")} ms; the latest-coming came {F(d.Check.LeastWarningAheadSeconds ?? 0, "F0")} s before its deadline.");
            }

            foreach (var d in r.Deadlines)
            {
                StatementTable(d.Statements, $"through the window of {d.Deadlines:N0} deadlines{(d.Load is { } l ? $" with {l.OfferedRate:F0}/s intake (included)" : "")} "
                    + "(`--statements`: pg_stat_statements, reset once the work orders were created), per deadline due");
            }
        }

        if (r.Recovery is { } rec)
        {
            Line();
            Line($"## 4. Recovery from kill -9 with {rec.OpenClocks:N0} open clocks{(rec.Restarted ? "" : $" (1 of {rec.Hosts} hosts killed, not restarted)")}");
            Line();
            Line("| figure | value |");
            Line("|---|---|");
            var from = rec.Restarted ? "restart" : "kill";
            if (rec.Restarted)
            {
                Line($"| down for | {F(rec.DownSeconds ?? double.NaN)} s |");
                Line($"| restart → /health 200 | {F(rec.HealthySeconds ?? double.NaN)} s |");
            }

            Line($"| {from} → first 201{(rec.Restarted ? "" : " through a survivor")} | {(rec.FirstIntakeSeconds is { } s ? F(s) + " s" : "never")} |");
            Line($"| {from} → every deadline missed while down has fired | {(rec.AllMissedFiredSeconds is { } a ? F(a) + " s" : "not within 300 s")} |");
            Line($"| deadlines due while down: fired / expected, twice | {rec.DueWhileDown.Fired:N0} / {rec.DueWhileDown.Expected:N0}, {rec.DueWhileDown.FiredTwice} |");
            Line($"| deadlines due 45–55 s after the kill: lateness p50 / p99 / max | {F(rec.DueAfterRestart.LatenessMs.P50, "F0")} / {F(rec.DueAfterRestart.LatenessMs.P99, "F0")} / {F(rec.DueAfterRestart.LatenessMs.Max, "F0")} ms; missing {rec.DueAfterRestart.Missing} of {rec.DueAfterRestart.Expected:N0} |");
            Line($"| any case with a breach recorded twice | {rec.FiredTwice} |");
            Line($"| reminder rows / cases with a pending wake-up, after the run | {rec.ReminderRows:N0} / {rec.CasesToWake:N0} |");
        }

        if (r.Reports is { } reports)
        {
            Line();
            Line($"## 5. Reports over a ledger of {reports.Cases:N0} cases");
            Line();
            Line($"The year 2026's cases ({reports.ExportRows:N0} of them in December) were written straight into the ledger and breach tables in {F(reports.SeedSeconds, "F0")} s while the host was stopped; "
                + $"each report was then asked for once to warm up and {reports.Timings.FirstOrDefault()?.Ms.Count ?? 0} times measured, one request at a time, from the client (time to the last byte).");
            Line();
            Line("| report | request | p50 ms | max ms |");
            Line("|---|---|---|---|");
            foreach (var t in reports.Timings)
            {
                Line(t.Error is { } error ? $"| {t.Report} | `{t.Path}` | failed: {error} | |" : $"| {t.Report} | `{t.Path}` | {F(t.Ms.P50, "F0")} | {F(t.Ms.Max, "F0")} |");
            }

            var e = reports.Export;
            Line();
            Line(e.Error is { } failed
                ? $"ledger.xlsx of December: failed ({failed})."
                : $"ledger.xlsx of December: {e.Rows:N0} rows, {F(e.Bytes / 1048576.0)} MiB, first byte after {F(e.FirstByteSeconds, "F2")} s, complete after {F(e.Seconds)} s; "
                    + $"the host's RSS went from {F(e.RssBaselineBytes / 1048576.0, "F0")} MiB to a peak of {F(e.RssPeakBytes / 1048576.0, "F0")} MiB (+{F(e.RssGrowthMiB, "F0")} MiB), sampled every 50 ms.");
        }

        if (r.Notes.Count > 0)
        {
            Line();
            Line("## Notes");
            Line();
            foreach (var note in r.Notes)
            {
                Line($"- {note}");
            }
        }

        return md.ToString();
    }
}
