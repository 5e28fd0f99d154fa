namespace Complaints.Storage.Tests;

/// <summary>The data directory's private files (0600), as hosts that share a folder create them.</summary>
public sealed class PrivateFilesTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("complaints-private-").FullName;

    [Fact]
    public async Task Hosts_creating_the_same_file_at_once_all_find_it_private()
    {
        var path = Path.Combine(_folder, "complaints.db");
        using var start = new Barrier(8);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait(TestContext.Current.CancellationToken);
            PrivateFiles.Create(path);
        }, TestContext.Current.CancellationToken)));

        File.Exists(path).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(path).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
