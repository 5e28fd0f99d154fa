using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Complaints.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// The hosts of one scenario: one host over its own SQLite file, or (<c>--storage=postgres</c>) <c>--hosts</c> host
/// processes forming one Orleans cluster on the scenario's fresh database, each on its own HTTP, silo and gateway ports
/// (kept across a restart, so a restarted host replaces its dead incarnation at once); and how to read their store.
/// </summary>
internal sealed class HostGroup : IAsyncDisposable
{
    private readonly ScenarioDatabase _database;
    private readonly BenchStorage _storage;

    private HostGroup(List<HostProcess> hosts, ScenarioDatabase database, BenchStorage storage)
    {
        Hosts = hosts;
        _database = database;
        _storage = storage;
        Store = database.Reader(Path.Combine(hosts[0].DataDirectory, "complaints.db"));
    }

    public IReadOnlyList<HostProcess> Hosts { get; }

    /// <summary>Every host's HTTP address (the load client spreads requests round-robin over them).</summary>
    public IReadOnlyList<Uri> Addresses => [.. Hosts.Select(h => h.BaseAddress)];

    public StoreReader Store { get; }

    /// <summary>The scenario's PostgreSQL database; null for SQLite.</summary>
    public string? ConnectionString => _database.ConnectionString;

    /// <summary>Prepares the scenario's store and creates (does not start) its hosts.</summary>
    public static async Task<HostGroup> CreateAsync(BenchOptions options, BenchStorage storage, string name)
    {
        var database = await storage.PrepareAsync(name);
        var count = storage.IsPostgres ? options.Hosts : 1;
        var hosts = new List<HostProcess>();
        for (var i = 1; i <= count; i++)
        {
            var settings = new Dictionary<string, string>(database.Settings);
            if (!storage.IsPostgres)
            {
                // One embedded host logs in as the demo users; a cluster has configured users (the demo is one process).
                settings["Platform:Mode"] = "demo";
            }
            else
            {
                settings["Orleans:SiloPort"] = Loopback.FreePort().ToString(CultureInfo.InvariantCulture);
                settings["Orleans:GatewayPort"] = Loopback.FreePort().ToString(CultureInfo.InvariantCulture);
            }

            hosts.Add(CreateHost(options, count == 1 ? name : $"{name}-{i}", settings));
        }

        return new HostGroup(hosts, database, storage);
    }

    /// <summary>
    /// One host over a fresh temporary data folder, logging to the run's log folder, Serilog at Warning, grains idle
    /// after <c>--idle-minutes</c>; <paramref name="settings"/> are configuration keys (a:b).
    /// </summary>
    private static HostProcess CreateHost(BenchOptions options, string name, Dictionary<string, string> settings)
    {
        settings.TryAdd("Serilog:MinimumLevel:Default", "Warning");
        settings.TryAdd("Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime", "Warning");
        settings.TryAdd("Orleans:IdleMinutes", options.IdleMinutes.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(options.LogDirectory);
        var data = Path.Combine(Path.GetTempPath(), "complaints-bench", $"{name}-{Guid.NewGuid():N}");
        return new HostProcess(name, options.HostDll, settings, data, Path.Combine(options.LogDirectory, $"{name}.log"));
    }

    /// <summary>Starts the hosts one after the other (the first forms the cluster, the others join); the time until all are healthy.</summary>
    public async Task<TimeSpan> StartAsync()
    {
        var watch = Stopwatch.StartNew();
        foreach (var (host, i) in Hosts.Select((host, i) => (host, i)))
        {
            await host.StartAsync();
            if (_storage.Pinning is { } pinning)
            {
                CpuPinning.Pin(host.ProcessId, pinning.Hosts[i]);
            }
        }

        return watch.Elapsed;
    }

    /// <summary>A writable connection (not opened) to the scenario's store, for seeding it while the hosts are stopped.</summary>
    public DbConnection OpenStoreForWriting() => _database.ConnectionString is { } connectionString
        ? new NpgsqlConnection(connectionString)
        : new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(Hosts[0].DataDirectory, "complaints.db"), Pooling = false }.ToString());

    /// <summary>CPU seconds the running hosts have used so far, summed.</summary>
    public double CpuSeconds() => Hosts.Where(h => h.IsRunning).Sum(h => h.CpuSeconds());

    /// <summary>CPU seconds the PostgreSQL server has used so far; NaN for SQLite.</summary>
    public double DatabaseCpuSeconds() => _storage.DatabaseCpuSeconds();

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}
