using System.Globalization;
using System.Security.Cryptography;
using Complaints.Testing;
using Complaints.Testing.Postgres;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// Where the hosts keep their data. <c>--storage=sqlite</c>: the embedded SQLite file in each host's temporary data
/// folder. <c>--storage=postgres</c>: one throwaway PostgreSQL server for the whole run (the tests' fixture, with fsync
/// and full-page writes on), a fresh database per scenario prepared by the host's own <c>schema</c> command, and what
/// every host of the run shares in cluster mode: the signing key, the users the bench logs in as (demo users are off in
/// cluster mode), the cluster ids and failure detection.
/// </summary>
internal sealed class BenchStorage : IAsyncDisposable
{
    /// <summary>The users the scenarios log in as (password "demo", as the embedded default's demo users).</summary>
    private static readonly (string Tenant, string Name, string Role)[] Users =
    [
        (PlatformClient.Water, "agent", "agent"),
        (PlatformClient.Water, "admin", "admin"),
        (PlatformClient.Gas, "agent", "agent"),
    ];

    /// <summary>
    /// Failure detection as in the README's example for a reliable network (Orleans' defaults take 15–30 s to declare a
    /// killed host dead); the sweep wakes clocks whose reminder went down with a host.
    /// </summary>
    private static readonly Dictionary<string, string> Membership = new()
    {
        ["Orleans:Membership:ProbeTimeout"] = "00:00:02",
        ["Orleans:Membership:NumMissedProbesLimit"] = "3",
        ["Orleans:Membership:TableRefreshTimeout"] = "00:00:10",
        ["Clocks:SweepInterval"] = "00:00:10",
    };

    private readonly BenchOptions _options;
    private readonly PostgresServer? _server;
    private readonly Dictionary<string, string> _shared;
    private readonly Dictionary<string, string> _serverSettings;

    private BenchStorage(BenchOptions options, PostgresServer? server, Dictionary<string, string> shared, Dictionary<string, string> serverSettings)
    {
        _options = options;
        _server = server;
        _shared = shared;
        _serverSettings = serverSettings;
    }

    public bool IsPostgres => _server is not null;

    /// <summary>Where the hosts and the database run (<c>--taskset</c>); null when not pinned.</summary>
    public CpuPinning? Pinning => _options.Pinning;

    /// <summary>One line for the report's header.</summary>
    public string Description => _server is null
        ? "SQLite (the embedded store), one host"
        : $"PostgreSQL {Setting("server_version")} (fsync={Setting("fsync")}, synchronous_commit={Setting("synchronous_commit")}, "
            + $"full_page_writes={Setting("full_page_writes")}, shared_buffers={Setting("shared_buffers")}), "
            + (_options.Hosts == 1 ? "one host" : $"{_options.Hosts} hosts in one Orleans cluster")
            + (_options.Pinning is { } pinning ? $"; pinned with taskset: {pinning.Description}" : "");

    /// <summary>The storage's part of the report's notes.</summary>
    public IEnumerable<string> Notes()
    {
        if (_server is null)
        {
            yield return "Every 201 is sent after the complaint's events and ledger row are committed (SQLite WAL, synchronous=FULL, group commit).";
            yield return "The host runs as its own process (Release build, Serilog at Warning) over a fresh temporary data folder per scenario.";
            yield break;
        }

        yield return $"Every 201 is sent after the complaint's events and ledger row are committed (PostgreSQL {Setting("server_version")}, "
            + $"synchronous_commit={Setting("synchronous_commit")}, fsync={Setting("fsync")}, full_page_writes={Setting("full_page_writes")}; "
            + "the host's writer loops group concurrent appends into one transaction).";
        yield return "Storage: one throwaway PostgreSQL server for the whole run (initdb in a temporary folder, PostgreSQL's defaults but "
            + $"max_connections={Setting("max_connections")}), on the same machine and cores as the hosts and the load client, reached over loopback TCP. "
            + "Each scenario gets a fresh database (CREATE DATABASE, then `Complaints.Host.dll schema`), dropped after it.";
        yield return (_options.Hosts == 1
                ? "The host runs as its own process"
                : $"{_options.Hosts} hosts run as separate processes forming one Orleans cluster (ADO.NET membership and Orleans' reminder table in the scenario's database), "
                    + "each on its own loopback HTTP, silo and gateway ports; the load client sends its requests round-robin across them. Each host runs")
            + " in cluster mode (Storage:Provider=postgres, Release build, Serilog at Warning) with "
            + string.Join(", ", Membership.Select(s => $"{s.Key}={s.Value}"))
            + " (the README's faster-failover example).";
        yield return "Demo users are off in cluster mode: the bench configures the users it logs in as ("
            + string.Join(", ", Users.Select(u => u.Tenant == PlatformClient.Water ? u.Name : $"{u.Name}@{u.Tenant}"))
            + ") with password hashes from the host's `hash-password` command, and one Auth:SigningKey for every host.";
        yield return "CPU per request: \"host CPU\" is the host processes' own (summed over hosts); \"db CPU\" is the PostgreSQL server's "
            + "(postmaster, its live backends and the ones it reaped), from /proc, both independent of what else the machine runs.";
        if (_options.Runs("scale"))
        {
            yield return "Memory per open complaint (postgres): the host process RSS only"
                + (_options.Hosts > 1 ? ", summed over the hosts" : "")
                + "; the PostgreSQL server's memory is not counted. The database column is the growth of pg_database_size since the schema "
                + "was applied, per complaint (tables and indexes; WAL not included).";
        }

        if (_options.Runs("recovery") && _options.Hosts > 1)
        {
            yield return $"Recovery with {_options.Hosts} hosts: the last host is killed (SIGKILL) and stays down; the other host(s) take over its grains "
                + "and clocks. Times are measured from the kill, and intake goes through the survivor(s) only.";
        }
    }

    public static async Task<BenchStorage> StartAsync(BenchOptions options, Action<string> say)
    {
        if (!options.IsPostgres)
        {
            return new BenchStorage(options, null, [], []);
        }

        say("postgres: starting a throwaway server");
        var server = await PostgresServer.StartAsync(durable: true, options.Statements ? [StatementProfile.ServerSetting] : []);
        try
        {
            var (code, output) = await HostCommand.RunAsync(options.HostDll, ["hash-password"], new Dictionary<string, string>(), input: "demo");
            if (code != 0)
            {
                throw new InvalidOperationException($"Complaints.Host.dll hash-password failed ({code}): {output}");
            }

            var hash = output.Trim();
            var cluster = "bench-" + Guid.NewGuid().ToString("N")[..8];
            var shared = new Dictionary<string, string>(Membership)
            {
                ["Storage:Provider"] = BenchOptions.Postgres,
                ["Auth:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
                ["Orleans:ClusterId"] = cluster,
                ["Orleans:ServiceId"] = cluster,
                ["Orleans:AdvertisedAddress"] = "127.0.0.1",
            };
            foreach (var (tenant, name, role) in Users)
            {
                shared[$"Tenants:{tenant}:Users:{name}:Role"] = role;
                shared[$"Tenants:{tenant}:Users:{name}:PasswordHash"] = hash;
            }

            var settings = new Dictionary<string, string>();
            await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
            {
                await connection.OpenAsync();
                foreach (var name in new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "max_connections" })
                {
                    await using var command = new NpgsqlCommand($"SHOW {name}", connection);
                    settings[name] = (string)(await command.ExecuteScalarAsync())!;
                }
            }

            if (options.Pinning is { } pinning)
            {
                CpuPinning.PinTree(server.PostmasterId(), pinning.Database);
            }

            var storage = new BenchStorage(options, server, shared, settings);
            say($"postgres: {storage.Description}, port {server.Port}");
            return storage;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    /// <summary>
    /// A fresh database for one scenario with the schema applied (postgres), and the settings every host of the scenario
    /// gets; for SQLite nothing (each host makes its own file).
    /// </summary>
    public async Task<ScenarioDatabase> PrepareAsync(string scenario)
    {
        if (_server is null)
        {
            return new ScenarioDatabase(null, new Dictionary<string, string>(), null);
        }

        var connectionString = await _server.CreateDatabaseAsync($"bench_{scenario}");
        try
        {
            var settings = new Dictionary<string, string>(_shared) { ["Storage:ConnectionString"] = connectionString };
            var (code, output) = await HostCommand.RunAsync(_options.HostDll, ["schema"], settings);
            if (code != 0)
            {
                throw new InvalidOperationException($"Complaints.Host.dll schema failed ({code}): {output}");
            }

            // A cluster has no demo users: the platform operator (whose memory diagnostics the scale scenario reads) is
            // made as a production install makes it.
            (code, output) = await HostCommand.RunAsync(
                _options.HostDll, ["create-user", "--login", "operator", "--role", "operator"], settings, input: PlatformClient.OperatorPassword);
            if (code != 0)
            {
                throw new InvalidOperationException($"Complaints.Host.dll create-user failed ({code}): {output}");
            }

            if (_options.Statements)
            {
                await StatementProfile.CreateExtensionAsync(connectionString);
            }

            var empty = StoreReader.Postgres(connectionString, 0).Bytes();
            return new ScenarioDatabase(connectionString, settings, _server, empty);
        }
        catch
        {
            await _server.DropDatabaseAsync(connectionString);
            throw;
        }
    }

    /// <summary>
    /// CPU seconds (user + system) the PostgreSQL server has used so far: the postmaster, its live children, and the
    /// children it has reaped (from /proc); NaN for SQLite or when it cannot be read.
    /// </summary>
    public double DatabaseCpuSeconds()
    {
        if (_server is null)
        {
            return double.NaN;
        }

        try
        {
            return ProcessTree.CpuSeconds([_server.PostmasterId()]); // the postmaster, its backends and those already gone
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    public ValueTask DisposeAsync()
    {
        _server?.Stop();
        return ValueTask.CompletedTask;
    }

    private string Setting(string name) => _serverSettings.TryGetValue(name, out var value) ? value : "?";
}

/// <summary>One scenario's database: its connection string and the hosts' settings (both empty for SQLite).</summary>
internal sealed class ScenarioDatabase(string? connectionString, IReadOnlyDictionary<string, string> settings, PostgresServer? server, long emptyBytes = 0) : IAsyncDisposable
{
    public string? ConnectionString => connectionString;

    public IReadOnlyDictionary<string, string> Settings => settings;

    /// <summary>How to read the store: this database, or the SQLite file at <paramref name="sqliteFile"/>.</summary>
    public StoreReader Reader(string sqliteFile) =>
        connectionString is null ? StoreReader.Sqlite(sqliteFile) : StoreReader.Postgres(connectionString, emptyBytes);

    public async ValueTask DisposeAsync()
    {
        if (server is not null && connectionString is not null)
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
