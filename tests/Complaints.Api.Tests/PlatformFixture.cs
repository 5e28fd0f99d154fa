namespace Complaints.Api.Tests;

/// <summary>One platform shared by the tests of a class (tests use their own cases, so they do not interfere).</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public PlatformInstance Platform { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Platform = await PlatformInstance.StartAsync();

    public async ValueTask DisposeAsync() => await Platform.DisposeAsync();
}
