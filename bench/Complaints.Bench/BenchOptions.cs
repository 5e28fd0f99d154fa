using System.Globalization;
using Complaints.Testing;

namespace Complaints.Bench;

/// <summary>
/// What to run and at which scale. <c>--scale=small</c> (default) finishes in minutes; <c>--scale=full</c> is the
/// issue's scale (100k and 1M open complaints, 100k deadlines, 100k clocks through a kill). Every figure can be
/// overridden: <c>--rates=250,500 --seconds=10 --reps=3 --scale-counts=100000,250000 --deadlines=100000
/// --load-rate=500 --recovery=100000 --only=intake,scale,deadlines,recovery --out=artifacts/bench</c>
/// (<c>deadlines-quiet</c> or <c>deadlines-load</c> runs one of the two deadline scenarios; <c>reports</c> takes
/// <c>--report-cases=1000000 --export-rows=100000 --report-reps=5</c>).
/// <c>--storage=sqlite|postgres</c> (default sqlite) chooses the host's store; with postgres the bench starts a throwaway
/// PostgreSQL server for the run and <c>--hosts=N</c> (default 1) runs N hosts as one Orleans cluster on it;
/// <c>--statements</c> profiles the database's statements during intake and the deadline windows, <c>--taskset=H1/…/DB</c>
/// pins hosts and database.
/// </summary>
internal sealed class BenchOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public string Scale { get; private init; } = "small";

    /// <summary><see cref="Sqlite"/> (the embedded store, one host) or <see cref="Postgres"/> (cluster mode).</summary>
    public string Storage { get; private init; } = Sqlite;

    /// <summary>Host processes forming one cluster (postgres only).</summary>
    public int Hosts { get; private init; } = 1;

    public bool IsPostgres => Storage == Postgres;

    /// <summary>Hosts and database pinned to CPUs of their own (<c>--taskset</c>, postgres only); null: not pinned.</summary>
    public CpuPinning? Pinning { get; private init; }

    /// <summary>Profile the database's statements during intake and the deadline windows (postgres only; <see cref="StatementProfile"/>).</summary>
    public bool Statements { get; private init; }

    public string[] Only { get; private init; } = ["intake", "scale", "deadlines", "recovery", "reports", "workbench"];

    public double[] IntakeRates { get; private init; } = [250, 500, 1000, 2000];

    public int IntakeSeconds { get; private init; } = 10;

    public int Repetitions { get; private init; } = 3;

    public long[] ScaleCounts { get; private init; } = [5_000];

    public int SeedWorkers { get; private init; } = 64;

    public double SeedMinutes { get; private init; } = 30;

    public int IdleMinutes { get; private init; } = 2;

    public int IdleWaitSeconds { get; private init; } = 0;

    public int DeadlineCount { get; private init; } = 5_000;

    public int DeadlineWindowSeconds { get; private init; } = 60;

    public double DeadlineLoadRate { get; private init; } = 500;

    public int RecoveryCount { get; private init; } = 5_000;

    public int RecoveryDownCount { get; private init; } = 1_000;

    public int RecoveryAfterCount { get; private init; } = 200;

    /// <summary>Cases in the ledger the reports are timed over, and how many of them the timed ledger.xlsx holds.</summary>
    public int ReportCases { get; private init; } = 20_000;

    public int ExportRows { get; private init; } = 5_000;

    public int ReportRepetitions { get; private init; } = 5;

    /// <summary>
    /// The workbench scenario: cases in the ledger, timed renders per role, interactive sessions held open, the intake
    /// rate and seconds of the live-update probe, and the chromium that opens the sessions.
    /// </summary>
    public int WorkbenchCases { get; private init; } = 20_000;

    public int WorkbenchRenders { get; private init; } = 10;

    public int WorkbenchSessions { get; private init; } = 5;

    public double WorkbenchIntakeRate { get; private init; } = 50;

    public int WorkbenchSeconds { get; private init; } = 15;

    public string Chromium { get; private init; } = "/usr/bin/chromium";

    public string OutputDirectory { get; private init; } = "";

    public string LogDirectory => Path.Combine(OutputDirectory, "logs");

    public string HostDll { get; private init; } = "";

    public string RepositoryRoot { get; private init; } = "";

    public static BenchOptions Parse(string[] args)
    {
        // The last of a repeated option wins (the cake target passes --out before the caller's --bench-args).
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in args.Select(a => a.TrimStart('-').Split('=', 2)))
        {
            map[pair[0]] = pair.Length > 1 ? pair[1] : "true";
        }

        string? Get(string key) => map.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        double[]? Numbers(string key) => Get(key)?.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToArray();
        int? Int(string key) => Get(key) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : null;

        var root = Get("root") ?? Repository.RootOrNull ?? Directory.GetCurrentDirectory();
        var storage = (Get("storage") ?? Sqlite).ToLowerInvariant();
        if (storage is not (Sqlite or Postgres))
        {
            throw new ArgumentException($"--storage={storage}: use {Sqlite} or {Postgres}.");
        }

        var hosts = Int("hosts") ?? 1;
        if (hosts < 1 || (hosts > 1 && storage != Postgres))
        {
            throw new ArgumentException($"--hosts={hosts}: at least 1, and more than 1 only with --storage={Postgres} (the embedded SQLite store is one host).");
        }

        if (Get("taskset") is not null && storage != Postgres)
        {
            throw new ArgumentException($"--taskset pins the hosts and the database: only with --storage={Postgres}.");
        }

        if (Get("statements") is not null && storage != Postgres)
        {
            throw new ArgumentException($"--statements profiles PostgreSQL's statements: only with --storage={Postgres}.");
        }

        var full = string.Equals(Get("scale"), "full", StringComparison.OrdinalIgnoreCase);
        var defaults = full
            ? new BenchOptions
            {
                Scale = "full",
                IntakeSeconds = 20,
                ScaleCounts = [100_000, 250_000, 1_000_000],
                SeedMinutes = 25,
                IdleWaitSeconds = 180,
                DeadlineCount = 100_000,
                RecoveryCount = 100_000,
                RecoveryDownCount = 10_000,
                RecoveryAfterCount = 1_000,
                ReportCases = 1_000_000,
                ExportRows = 100_000,
                WorkbenchCases = 1_000_000,
                WorkbenchRenders = 30,
                WorkbenchSessions = 300,
                WorkbenchIntakeRate = 500,
                WorkbenchSeconds = 60,
            }
            : new BenchOptions();
        return new BenchOptions
        {
            Scale = defaults.Scale,
            Storage = storage,
            Hosts = hosts,
            Pinning = CpuPinning.Parse(Get("taskset"), hosts),
            Statements = Get("statements") is { } statements && bool.Parse(statements),
            Only = Get("only")?.Split(',') ?? defaults.Only,
            IntakeRates = Numbers("rates") ?? defaults.IntakeRates,
            IntakeSeconds = Int("seconds") ?? defaults.IntakeSeconds,
            Repetitions = Int("reps") ?? defaults.Repetitions,
            ScaleCounts = Numbers("scale-counts")?.Select(x => (long)x).ToArray() ?? defaults.ScaleCounts,
            SeedWorkers = Int("workers") ?? defaults.SeedWorkers,
            SeedMinutes = Numbers("seed-minutes")?[0] ?? defaults.SeedMinutes,
            IdleMinutes = Int("idle-minutes") ?? defaults.IdleMinutes,
            IdleWaitSeconds = Int("idle-wait") ?? defaults.IdleWaitSeconds,
            DeadlineCount = Int("deadlines") ?? defaults.DeadlineCount,
            DeadlineWindowSeconds = Int("window") ?? defaults.DeadlineWindowSeconds,
            DeadlineLoadRate = Numbers("load-rate")?[0] ?? defaults.DeadlineLoadRate,
            RecoveryCount = Int("recovery") ?? defaults.RecoveryCount,
            RecoveryDownCount = Int("recovery-down") ?? defaults.RecoveryDownCount,
            RecoveryAfterCount = Int("recovery-after") ?? defaults.RecoveryAfterCount,
            ReportCases = Int("report-cases") ?? defaults.ReportCases,
            ExportRows = Int("export-rows") ?? defaults.ExportRows,
            ReportRepetitions = Int("report-reps") ?? defaults.ReportRepetitions,
            WorkbenchCases = Int("workbench-cases") ?? defaults.WorkbenchCases,
            WorkbenchRenders = Int("workbench-renders") ?? defaults.WorkbenchRenders,
            WorkbenchSessions = Int("workbench-sessions") ?? defaults.WorkbenchSessions,
            WorkbenchIntakeRate = Numbers("workbench-intake-rate")?[0] ?? defaults.WorkbenchIntakeRate,
            WorkbenchSeconds = Int("workbench-seconds") ?? defaults.WorkbenchSeconds,
            Chromium = Get("chromium") ?? defaults.Chromium,
            OutputDirectory = Path.GetFullPath(Get("out") ?? Path.Combine(root, "artifacts", "bench")),
            HostDll = Path.GetFullPath(Get("host") ?? Repository.HostDll(root, "Release")),
            RepositoryRoot = root,
        };
    }

    public bool Runs(string scenario) => Only.Contains(scenario, StringComparer.OrdinalIgnoreCase);
}
