using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Complaints.Channels.Mailbox.Tests;

/// <summary>
/// A real dovecot IMAP server (Debian's <c>dovecot-imapd</c>; <c>dotnet cake --target=Dovecot</c> installs it) of
/// its own: configuration, mail (maildir) and sockets in a temporary folder, plain log-in on a free loopback port,
/// users from a passwd file. Run as root (CI), its processes take dovecot's own unprivileged users; otherwise the
/// current user's. Stopped with SIGTERM.
/// </summary>
public sealed class DovecotServer : IAsyncLifetime
{
    public const string Password = "mailbox-test-password";
    private const int Users = 20;
    private const string Binary = "/usr/sbin/dovecot";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("complaints-dovecot-");
    private Process? _process;
    private int _nextUser;

    public int Port { get; private set; }

    /// <summary>A mailbox no other test uses: its user name (the password is <see cref="Password"/>).</summary>
    public string NewUser() => $"chairman{Interlocked.Increment(ref _nextUser)}";

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's dovecot-imapd (dotnet cake --target=Dovecot, as root).");
        }

        var root = Environment.UserName == "root";
        var (user, group) = root ? ("dovecot", "dovecot") : (Environment.UserName, Environment.UserName);
        var loginUser = root ? "dovenull" : Environment.UserName;
        var dir = _root.FullName;
        foreach (var sub in new[] { "run", "state", "mail", "home" })
        {
            Directory.CreateDirectory(Path.Combine(dir, sub));
        }

        // The mail processes run as the unprivileged user: they must be able to reach and write the mail folders.
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(dir, open & ~(UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
            File.SetUnixFileMode(Path.Combine(dir, "mail"), open);
            File.SetUnixFileMode(Path.Combine(dir, "home"), open);
        }

        await File.WriteAllLinesAsync(Path.Combine(dir, "users"), Enumerable.Range(1, Users).Select(i => $"chairman{i}:{{PLAIN}}{Password}"));
        Port = FreePort();
        var config = $$"""
            first_valid_uid = 1
            first_valid_gid = 1
            base_dir = {{dir}}/run
            state_dir = {{dir}}/state
            log_path = {{dir}}/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            default_internal_user = {{user}}
            default_internal_group = {{group}}
            default_login_user = {{loginUser}}
            mail_location = maildir:{{dir}}/mail/%u
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u {{dir}}/users
            }
            userdb {
              driver = static
              args = uid={{user}} gid={{group}} home={{dir}}/home/%u
            }
            service imap-login {
              chroot =
              inet_listener imap {
                address = 127.0.0.1
                port = {{Port}}
              }
            }
            service anvil {
              chroot =
            }
            """;
        var configPath = Path.Combine(dir, "dovecot.conf");
        await File.WriteAllTextAsync(configPath, config);
        _process = Process.Start(new ProcessStartInfo(Binary, ["-F", "-c", configPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var output = new StringBuilder();
        _process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        _process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitForGreetingAsync(output);
    }

    /// <summary>Ready once the server greets on its port (it takes a moment to start its login processes).</summary>
    private async Task WaitForGreetingAsync(StringBuilder output)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"dovecot exited ({_process.ExitCode}): {output}{Log()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                var line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5));
                if (line?.StartsWith("* OK", StringComparison.Ordinal) == true)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"dovecot did not greet on port {Port}: {output}{Log()}");
            }

            await Task.Delay(50);
        }
    }

    public string Log()
    {
        var path = Path.Combine(_root.FullName, "dovecot.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        _process?.Dispose();
        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A login process may still hold a socket file for a moment; the temporary folder is the system's to clean.
        }
        catch (UnauthorizedAccessException)
        {
            // Files the unprivileged mail user created: left to the system's temporary-folder cleaning.
        }
    }
}
