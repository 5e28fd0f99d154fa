using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using Complaints.Testing;

namespace Complaints.Api.Tests;

/// <summary>The README's quick start as a user types it: the run command and the hand-run example.</summary>
public sealed class QuickStartTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_hand_run_example_in_the_readme_closes_a_complaint_as_written()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var script = ReadmeBlock("## A complaint, by hand")
            .Replace("http://localhost:5080", platform.BaseAddress.ToString().TrimEnd('/'), StringComparison.Ordinal);

        var (exit, output) = await RunAsync("bash", ["-euo", "pipefail", "-c", script], Repository.Root, new Dictionary<string, string>());

        exit.ShouldBe(0, output);
        // The number is echoed on its own line; curl prints each answer without a line break after it.
        var number = output[..output.IndexOf('\n', StringComparison.Ordinal)].Trim();
        number.ShouldStartWith("FYW-");
        output.ShouldNotContain("\"status\":4");
        var ledger = output[output.LastIndexOf("{\"items\":", StringComparison.Ordinal)..];
        output.ShouldContain("\"status\":\"closed\"");
        ledger.ShouldContain($"\"number\":\"{number}\"");
        ledger.ShouldContain("\"total\":1");
    }

    [Fact]
    public async Task The_run_command_starts_the_explicit_demo_listens_and_keeps_its_data_where_the_environment_says()
    {
        var data = Path.Combine(Path.GetTempPath(), "complaints-tests", Guid.NewGuid().ToString("N"));
        // Port 0: the host takes a free port itself and says which; a port picked here could be taken by another test in
        // the seconds cake needs to start.
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Storage__DataDirectory"] = data,
            ["Serilog__MinimumLevel__Default"] = "Warning",
            ["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Information",
        };

        // --exclusive: the test command has built everything already; this is the README's `dotnet cake --target=Run`.
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var run = Start("dotnet", ["cake", "--target=Run", "--exclusive"], Repository.Root, environment, output.Enqueue);
        try
        {
            const string listening = "Now listening on: ";
            var address = await Eventually.Async<string>(
                () =>
                {
                    run.HasExited.ShouldBeFalse($"the run command ended before the platform listened:\n{string.Join('\n', output)}");
                    var line = output.FirstOrDefault(l => l.Contains(listening, StringComparison.Ordinal));
                    return Task.FromResult(line?[(line.IndexOf(listening, StringComparison.Ordinal) + listening.Length)..].Trim());
                },
                seconds: (int)Patience.TotalSeconds);
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            var healthy = await Eventually.Async<string>(
                async () =>
                {
                    run.HasExited.ShouldBeFalse($"the platform ended:\n{string.Join('\n', output)}");
                    try
                    {
                        return (await http.GetAsync("/health")).IsSuccessStatusCode ? "up" : null;
                    }
                    catch (HttpRequestException)
                    {
                        return null;
                    }
                },
                seconds: 30);

            healthy.ShouldBe("up");
            // The demo, and it says so: its users log in (a production start has none).
            (await http.PostAsJsonAsync("/api/v1/auth/token", new { username = "operator", password = "demo" })).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            (await Eventually.Async(() => Task.FromResult(output.FirstOrDefault(l => l.Contains("Demo mode (Platform:Mode=demo)", StringComparison.Ordinal))))).ShouldContain("loopback only");
            File.Exists(Path.Combine(data, "complaints.db")).ShouldBeTrue();
            Directory.Exists(Path.Combine(data, "logs")).ShouldBeTrue();
        }
        finally
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }
    }

    private static string ReadmeBlock(string heading)
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var start = readme.IndexOf("```sh\n", readme.IndexOf(heading, StringComparison.Ordinal), StringComparison.Ordinal) + "```sh\n".Length;
        return readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
    }

    private static Process Start(string file, IReadOnlyList<string> arguments, string directory, IReadOnlyDictionary<string, string> environment, Action<string> line)
    {
        var process = Process.Start(StartInfo(file, arguments, directory, environment)) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, e) => line(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => line(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, string directory, IReadOnlyDictionary<string, string> environment)
    {
        using var process = Process.Start(StartInfo(file, arguments, directory, environment)) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static ProcessStartInfo StartInfo(string file, IReadOnlyList<string> arguments, string directory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}
