using System.Net;

namespace Complaints.Api.Tests;

/// <summary>The data directory, the database, the signing key and the logs are the platform account's alone (Unix).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFileTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode PrivateDirectory = Private | UnixFileMode.UserExecute;

    [Fact]
    public async Task A_fresh_installation_makes_its_directory_0700_and_every_file_0600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        await using var platform = await PlatformInstance.StartAsync();
        await new Desk(platform).RegisterAsync();
        var data = platform.DataDirectory;

        File.GetUnixFileMode(data).ShouldBe(PrivateDirectory);
        File.GetUnixFileMode(Path.Combine(data, "logs")).ShouldBe(PrivateDirectory);
        var files = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
        files.Select(Path.GetFileName).ShouldContain("complaints.db");
        files.Select(Path.GetFileName).ShouldContain("complaints.db-wal");
        files.Select(Path.GetFileName).ShouldContain("signing.key");
        files.ShouldContain(f => f.Contains(Path.DirectorySeparatorChar + "logs" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        files.Where(f => File.GetUnixFileMode(f) != Private).Select(f => $"{Path.GetFileName(f)}: {File.GetUnixFileMode(f)}").ShouldBeEmpty();
    }

    [Fact]
    public async Task An_older_installation_is_tightened_at_start_and_keeps_its_key()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes");
        var data = Path.Combine(Path.GetTempPath(), "complaints-tests", Guid.NewGuid().ToString("N"));
        const UnixFileMode open = Private | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Directory.CreateDirectory(Path.Combine(data, "logs"));
        File.SetUnixFileMode(data, PrivateDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        File.WriteAllText(Path.Combine(data, "signing.key"), key);
        File.WriteAllText(Path.Combine(data, "logs", "platform-20261101.log"), "an old line\n");
        foreach (var file in Directory.GetFiles(data, "*", SearchOption.AllDirectories))
        {
            File.SetUnixFileMode(file, open);
        }

        await using var platform = await PlatformInstance.StartAsync(data);
        (await (await platform.LoginAsync("agent")).GetAsync("/api/v1/tenants/fangyang-water/complaints", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        File.GetUnixFileMode(data).ShouldBe(PrivateDirectory);
        File.ReadAllText(Path.Combine(data, "signing.key")).ShouldBe(key);
        Directory.GetFiles(data, "*", SearchOption.AllDirectories).Where(f => File.GetUnixFileMode(f) != Private)
            .Select(f => $"{Path.GetFileName(f)}: {File.GetUnixFileMode(f)}").ShouldBeEmpty();
    }
}
