using System.Diagnostics;
using Npgsql;

namespace Complaints.Testing.Postgres;

/// <summary>
/// A real, throwaway PostgreSQL server for tests: Debian's <c>postgresql</c> package (installed with apt-get when it is
/// missing and the tests run as root), a new cluster in a temporary folder (owned by the <c>postgres</c> user when
/// running as root, since initdb refuses root), started on a free 127.0.0.1 port with its socket in that folder, trust
/// authentication, and removed when the test process ends. One server per test process (<see cref="SharedAsync"/>);
/// each test class or test takes its own database. Servers left behind by a test process that was killed are stopped
/// and removed by the next one.
/// </summary>
public sealed class PostgresServer
{
    private const string FolderPrefix = "complaints-pg-";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => StartAsync(durable: false));
    private static readonly SemaphoreSlim Admin = new(1, 1);

    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private readonly bool _durable;
    private readonly IReadOnlyList<string> _settings;
    private int _stopped;

    private PostgresServer(string bin, string folder, bool asPostgresUser, bool durable, IReadOnlyList<string> settings)
    {
        _bin = bin;
        Folder = folder;
        _asPostgresUser = asPostgresUser;
        _durable = durable;
        _settings = settings;
    }

    /// <summary>The temporary folder holding the cluster (<c>data/</c>), its socket and its log (<c>server.log</c>).</summary>
    public string Folder { get; }

    public int Port { get; private set; }

    private string DataDirectory => Path.Combine(Folder, "data");

    /// <summary>The server of this test process, started on first use and stopped when the process exits.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>
    /// A server of the caller's own (not the shared one), stopped by <see cref="Stop"/> or when the process exits.
    /// <paramref name="durable"/>: fsync and full-page writes on (PostgreSQL's defaults), for measurements such as the
    /// benchmark's; the shared test server runs without them. <paramref name="settings"/>: more server settings
    /// (<c>name=value</c>), e.g. <c>shared_preload_libraries=pg_stat_statements</c> for a profile.
    /// </summary>
    public static Task<PostgresServer> StartAsync(bool durable, IReadOnlyList<string>? settings = null) => StartServerAsync(durable, settings ?? []);

    /// <summary>The server's main process (the first line of its <c>postmaster.pid</c>).</summary>
    public int PostmasterId() => int.Parse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture);

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        Timeout = 30,
        CommandTimeout = 60,
    }.ConnectionString;

    /// <summary>Creates an empty database with a unique name starting with <paramref name="prefix"/>; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{Sanitize(prefix)}_{Guid.NewGuid():N}";
        await AdminAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing whatever is still connected to it.</summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>Stops the server at once and removes its folder (also done when the process exits).</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                Run(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"], _asPostgresUser, TimeSpan.FromSeconds(40), throwOnError: false);
            }
        }
        finally
        {
            DeleteQuietly(Folder);
        }
    }

    private static async Task<PostgresServer> StartServerAsync(bool durable, IReadOnlyList<string> settings)
    {
        var root = IsRoot();
        RemoveAbandonedServers(root);
        var bin = FindBinaries() ?? Install(root);
        var folder = Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "owner.pid"), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var server = new PostgresServer(bin, folder, root, durable, settings);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        try
        {
            if (root)
            {
                Run("chown", ["-R", "postgres:postgres", folder], asPostgresUser: false, TimeSpan.FromSeconds(30));
            }

            Run(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], root, TimeSpan.FromMinutes(2));
            await server.StartProcessAsync();
            return server;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    private async Task StartProcessAsync()
    {
        // A free port may be taken between finding and binding it: try a few.
        for (var attempt = 1; ; attempt++)
        {
            Port = Loopback.FreePort();
            var options = string.Join(' ',
                $"-p {Port}",
                "-c listen_addresses=127.0.0.1",
                $"-c unix_socket_directories={Folder}",
                "-c max_connections=300",
                // A test server: durability against power loss is not what these tests are about (unless asked for).
                _durable ? "" : "-c fsync=off -c full_page_writes=off",
                string.Join(' ', _settings.Select(setting => $"-c {setting}")));
            var (ok, output) = Run(
                Path.Combine(_bin, "pg_ctl"),
                ["-D", DataDirectory, "-l", Path.Combine(Folder, "server.log"), "-w", "-t", "60", "-o", options, "start"],
                _asPostgresUser,
                TimeSpan.FromSeconds(90),
                throwOnError: false);
            if (ok)
            {
                break;
            }

            if (attempt == 3)
            {
                throw new InvalidOperationException($"PostgreSQL did not start:\n{output}\n{ReadLog()}");
            }
        }

        await AdminAsync("SELECT 1");
    }

    private async Task AdminAsync(string sql)
    {
        await Admin.WaitAsync();
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false };
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        finally
        {
            Admin.Release();
        }
    }

    private string ReadLog()
    {
        try
        {
            return File.ReadAllText(Path.Combine(Folder, "server.log"));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>initdb and pg_ctl: the newest /usr/lib/postgresql/N/bin (Debian), else pg_config's bindir, else PATH.</summary>
    private static string? FindBinaries()
    {
        const string Debian = "/usr/lib/postgresql";
        if (Directory.Exists(Debian))
        {
            var newest = Directory.EnumerateDirectories(Debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")) && File.Exists(Path.Combine(d.Dir, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            {
                return dir;
            }
        }

        return null;
    }

    /// <summary>apt-get install postgresql, as root only, under a machine-wide lock (test processes start side by side).</summary>
    private static string Install(bool root)
    {
        if (!root)
        {
            throw new InvalidOperationException(
                "The PostgreSQL server is not installed (no initdb/pg_ctl under /usr/lib/postgresql/*/bin or on PATH) and the tests " +
                "are not running as root, so they cannot install it. Install it first: sudo apt-get install -y postgresql");
        }

        using var machineLock = InstallLock.Acquire(TimeSpan.FromMinutes(10));
        if (FindBinaries() is { } installed)
        {
            return installed;
        }

        Run("apt-get", ["update"], asPostgresUser: false, TimeSpan.FromMinutes(5));
        Run("apt-get", ["install", "-y", "--no-install-recommends", "postgresql"], asPostgresUser: false, TimeSpan.FromMinutes(10));
        return FindBinaries() ?? throw new InvalidOperationException("apt-get installed postgresql, but initdb and pg_ctl are still not found.");
    }

    /// <summary>Stops and removes servers whose test process is gone (killed before it could clean up).</summary>
    private static void RemoveAbandonedServers(bool root)
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var owner = Path.Combine(folder, "owner.pid");
            if (!File.Exists(owner) || !int.TryParse(File.ReadAllText(owner).Trim(), out var pid) || IsAlive(pid))
            {
                continue;
            }

            var data = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(data, "postmaster.pid")) && FindBinaries() is { } bin)
            {
                Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"], root, TimeSpan.FromSeconds(40), throwOnError: false);
            }

            DeleteQuietly(folder);
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsRoot() => Run("id", ["-u"], asPostgresUser: false, TimeSpan.FromSeconds(10)).Output.Trim() == "0";

    private static (bool Ok, string Output) Run(string file, IReadOnlyList<string> arguments, bool asPostgresUser, TimeSpan timeout, bool throwOnError = true)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgresUser ? "runuser" : file,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgresUser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish within {timeout}.");
        }

        var output = stdout.Result + stderr.Result;
        var ok = process.ExitCode == 0;
        if (!ok && throwOnError)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{output}");
        }

        return (ok, output);
    }

    private static string Sanitize(string prefix) =>
        new([.. prefix.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').Take(28)]);

    private static void DeleteQuietly(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the OS to clean up with the rest of the temp folder.
        }
    }
}

/// <summary>
/// One installer at a time on this machine: a named system mutex, waited on (no polling), released by the OS if the
/// process holding it dies. Like any mutex it belongs to the thread that took it: release it on that thread.
/// </summary>
public sealed class InstallLock : IDisposable
{
    private readonly Mutex _mutex;

    private InstallLock(Mutex mutex) => _mutex = mutex;

    public static InstallLock Acquire(TimeSpan patience)
    {
        var mutex = new Mutex(false, @"Global\complaints-tests-postgresql-install");
        try
        {
            if (!mutex.WaitOne(patience))
            {
                mutex.Dispose();
                throw new TimeoutException($"Another process has been installing PostgreSQL for more than {patience}.");
            }
        }
        catch (AbandonedMutexException)
        {
            // Its holder died mid-install: the lock is ours now, and the install is checked again.
        }

        return new InstallLock(mutex);
    }

    public void Dispose()
    {
        _mutex.ReleaseMutex();
        _mutex.Dispose();
    }
}
