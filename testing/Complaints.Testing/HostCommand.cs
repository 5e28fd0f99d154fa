using System.Diagnostics;
using System.Text;

namespace Complaints.Testing;

/// <summary>
/// Runs one of the host's command-line modes that prepare cluster mode — <c>schema</c> (the PostgreSQL tables) and
/// <c>hash-password</c> (configured users) — to completion, for the cluster tests and the benchmark alike.
/// </summary>
public static class HostCommand
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    /// <summary>How to start the host (<c>dotnet Complaints.Host.dll …</c> beside its files, output captured, Serilog at Warning).</summary>
    public static ProcessStartInfo StartInfo(string hostDll, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
        };
        start.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        return start;
    }

    /// <param name="hostDll">The built <c>Complaints.Host.dll</c>.</param>
    /// <param name="arguments">The mode and its arguments.</param>
    /// <param name="settings">Configuration keys (<c>a:b</c> or <c>a__b</c>), passed as environment variables.</param>
    /// <param name="input">One line for its standard input (the password to hash).</param>
    public static async Task<(int ExitCode, string Output)> RunAsync(string hostDll, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> settings, string? input = null)
    {
        var start = StartInfo(hostDll, arguments);
        start.RedirectStandardInput = true;
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Complaints.Host.dll {string.Join(' ', arguments)} did not finish within {Patience.TotalMinutes} minutes.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
