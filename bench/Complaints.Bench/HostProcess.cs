using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Complaints.Bench;

/// <summary>
/// The real host as a separate process (<c>dotnet Complaints.Host.dll</c>) on a loopback port over a data folder
/// that outlives restarts; Serilog at Warning. It can be stopped gracefully or killed (SIGKILL).
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly string _hostDll;
    private readonly Dictionary<string, string> _settings;
    private readonly string _logPath;
    private readonly object _logLock = new();
    private StreamWriter? _log;
    private Process? _process;

    private HostProcess(string hostDll, string dataDirectory, int port, string logPath, Dictionary<string, string> settings)
    {
        _hostDll = hostDll;
        DataDirectory = dataDirectory;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _logPath = logPath;
        _settings = settings;
    }

    public string DataDirectory { get; }

    public Uri BaseAddress { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "complaints.db");

    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The host is not running.");

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>A new host over a fresh temporary data folder; <paramref name="settings"/> are configuration keys (a:b).</summary>
    public static HostProcess Create(BenchOptions options, string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "complaints-bench", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var all = new Dictionary<string, string>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Orleans:IdleMinutes"] = options.IdleMinutes.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        Directory.CreateDirectory(options.LogDirectory);
        return new HostProcess(options.HostDll, data, FreePort(), Path.Combine(options.LogDirectory, $"{name}.log"), all);
    }

    /// <summary>Starts the process and waits until <c>/health</c> answers 200; returns the time that took.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { _hostDll },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        info.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        info.Environment["Storage__DataDirectory"] = DataDirectory;
        foreach (var (key, value) in _settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        lock (_logLock)
        {
            _log ??= new StreamWriter(_logPath, append: true) { AutoFlush = true };
        }

        var watch = Stopwatch.StartNew();
        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the host.");
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}; see {_logPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return watch.Elapsed;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, but not answering yet.
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The host did not become healthy; see {_logPath}.");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>CPU time (user + system) the host process has used so far, from /proc (seconds), or NaN.</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{ProcessId}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of stat (utime, stime) in clock ticks; 100 per second on Linux.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>Resident set size of the host process from /proc (bytes), or -1.</summary>
    public long ResidentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{ProcessId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // Gone.
        }

        return -1;
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            // SIGTERM for a graceful stop; kill if it takes too long.
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _log?.WriteLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
