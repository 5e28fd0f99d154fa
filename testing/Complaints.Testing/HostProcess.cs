using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Testing;

/// <summary>
/// The real host as its own OS process (<c>dotnet Complaints.Host.dll</c>, started as <see cref="HostCommand.StartInfo"/>
/// does) on a loopback port and a data folder that both outlive restarts, settings in environment variables. The last
/// lines of its output are kept to explain a failure, and written to a log file when one is given. It can be killed
/// (SIGKILL), stopped gracefully (SIGTERM) and started again; its CPU time and resident memory are read from /proc.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private const int TailLines = 200;
    private static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(90);

    private readonly string _hostDll;
    private readonly Dictionary<string, string> _environment;
    private readonly string? _logPath;
    private readonly Queue<string> _tail = new();
    private readonly Lock _lock = new();
    private readonly List<HttpClient> _clients = [];
    private StreamWriter? _log;
    private Process? _process;

    /// <param name="name">What the host is called in failure messages.</param>
    /// <param name="hostDll">The built <c>Complaints.Host.dll</c>.</param>
    /// <param name="settings">Configuration keys (<c>a:b</c> or <c>a__b</c>).</param>
    /// <param name="dataDirectory">The host's data folder; a new temporary one when null. Removed on dispose.</param>
    /// <param name="logPath">A file that receives every line the host writes (appended across restarts).</param>
    public HostProcess(string name, string hostDll, IReadOnlyDictionary<string, string> settings, string? dataDirectory = null, string? logPath = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Name = name;
        _hostDll = hostDll;
        _logPath = logPath;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "complaints-hosts", $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(DataDirectory);
        BaseAddress = new Uri($"http://127.0.0.1:{Loopback.FreePort()}");
        _environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        _environment["Storage__DataDirectory"] = DataDirectory;
        // Tests log in many times a minute from one loopback address: the kit raises the login limits (unless a test sets them).
        _environment.TryAdd("Auth__LoginsPerUserPerMinute", "100000");
        _environment.TryAdd("Auth__LoginsPerAddressPerMinute", "100000");
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Whether the last started process has ended (false before the first start).</summary>
    public bool HasExited => _process is { HasExited: true };

    public int ExitCode => Current.ExitCode;

    public int ProcessId => Current.Id;

    private Process Current => _process ?? throw new InvalidOperationException($"{Name} was never started.");

    /// <summary>Starts the process and returns at once (see <see cref="WaitHealthyAsync"/>).</summary>
    public void Start()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Name} is already running.");
        }

        var start = HostCommand.StartInfo(_hostDll, ["--urls", BaseAddress.ToString().TrimEnd('/')]);
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }

        lock (_lock)
        {
            if (_logPath is not null)
            {
                _log ??= new StreamWriter(_logPath, append: true) { AutoFlush = true };
            }
        }

        _process?.Dispose();
        _process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Name}.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts the process and waits until it is healthy; returns the time that took.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan? patience = null)
    {
        var watch = Stopwatch.StartNew();
        Start();
        await WaitHealthyAsync(patience ?? DefaultPatience);
        return watch.Elapsed;
    }

    /// <summary>
    /// Waits until <c>/health</c> answers 200 (the silo is active and the store answers). Throws
    /// <see cref="InvalidOperationException"/> if the process exits first, <see cref="TimeoutException"/> after
    /// <paramref name="patience"/>; both messages carry the end of its output.
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan patience)
    {
        // A starting host on a busy machine can take seconds to answer; a shorter timeout would never see it healthy.
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (Current.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({Current.ExitCode}) before it was healthy{SeeLog()}:\n{Output()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
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

            // Polling is the only signal a separate process gives; short, so start-up times stay measurable.
            await Task.Delay(50);
        }

        throw new TimeoutException($"{Name} was not healthy within {patience}{SeeLog()}:\n{Output()}");
    }

    /// <summary>A client of this host, with <paramref name="token"/> as its bearer token; disposed with the host.</summary>
    public HttpClient Client(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        lock (_lock)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Logs in through <c>/api/v1/auth/token</c>; a client carrying the token, disposed with the host.</summary>
    public async Task<HttpClient> LoginAsync(string username, string password)
    {
        var client = Client();
        using var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"{Name}: login as {username} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: the process dies at once with whatever it had in flight, as in a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                throw new TimeoutException($"{Name} did not die within 10 s of SIGKILL.");
            }
        }
    }

    /// <summary>SIGTERM, so the host shuts down gracefully; SIGKILL if that takes more than 30 s.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>CPU time (user + system) the running process has used, in seconds, from /proc; NaN when it cannot be read.</summary>
    public double CpuSeconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{ProcessId}/stat");
            // The fields after the command's closing parenthesis; utime and stime (fields 14 and 15 of stat) in clock
            // ticks, 100 a second on Linux.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>The running process's resident set size in bytes, from /proc; -1 when it cannot be read.</summary>
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

    /// <summary>The last lines the host wrote (standard output and error).</summary>
    public string Output()
    {
        lock (_lock)
        {
            return string.Join('\n', _tail);
        }
    }

    /// <summary>Kills the process if it still runs (call <see cref="StopAsync"/> first for a graceful end), removes the data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }

        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
        lock (_lock)
        {
            _log?.Dispose();
            _log = null;
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the OS with the rest of the temporary folder.
        }
    }

    private string SeeLog() => _logPath is null ? "" : $" (log: {_logPath})";

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            _log?.WriteLine(line);
            _tail.Enqueue(line);
            while (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
