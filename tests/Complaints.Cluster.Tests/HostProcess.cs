using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Testing.Postgres;

namespace Complaints.Cluster.Tests;

/// <summary>
/// One real host: <c>dotnet Complaints.Host.dll</c> from the host project's build output, as its own OS process, with
/// settings in environment variables, on a free loopback port. Its output is kept (the last lines) to explain failures.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly List<HttpClient> _clients = [];

    private HostProcess(string name, Process process, Uri baseAddress, string dataDirectory)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The host's build output (same configuration as these tests), found from the repository root.</summary>
    public static string HostDll { get; } = FindHostDll();

    public static HostProcess Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), "complaints-cluster-tests", Guid.NewGuid().ToString("N"));
        var start = Command(["--urls", $"http://127.0.0.1:{port}"]);
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["Storage__DataDirectory"] = data;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        return new HostProcess(name, process, new Uri($"http://127.0.0.1:{port}"), data);
    }

    /// <summary>Waits until <c>/health</c> answers 200 (the silo is active and the store answers), or fails.</summary>
    public async Task WaitHealthyAsync(TimeSpan patience)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before it was healthy:\n{Output()}");
            }

            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
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
                // Too slow to answer yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{Name} was not healthy within {patience}:\n{Output()}");
    }

    public async Task<HttpClient> LoginAsync(string username, string password)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        _clients.Add(client);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { username, password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(15) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _clients.Add(client);
        return client;
    }

    /// <summary>SIGKILL: the process dies at once, with whatever it had in flight.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000).ShouldBeTrue($"{Name} did not die");
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join('\n', _output);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Left for the OS with the rest of the temp folder.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }

    private static ProcessStartInfo Command(IReadOnlyList<string> arguments) => HostCommand.StartInfo(HostDll, arguments);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindHostDll()
    {
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Complaints.Platform.sln")))
            {
                var dll = Path.Combine(dir.FullName, "host", "Complaints.Host", "bin", configuration, "net10.0", "Complaints.Host.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the host first ({configuration}).", dll);
            }
        }

        throw new DirectoryNotFoundException("The repository root (Complaints.Platform.sln) was not found above " + AppContext.BaseDirectory);
    }
}
