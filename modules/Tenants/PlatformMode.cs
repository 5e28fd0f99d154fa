using Microsoft.Extensions.Configuration;

namespace Complaints.Tenants;

/// <summary>
/// How the host was started: <c>Platform:Mode</c> = <c>production</c> (the default: no demo users, no demo channel
/// keys) or <c>demo</c> (the quick start's explicit demo: demo users, demo channel keys, simulators, loopback only).
/// </summary>
public static class PlatformMode
{
    public const string Key = "Platform:Mode";
    public const string Demo = "demo";
    public const string Production = "production";

    public static bool IsDemo(this IConfiguration configuration) =>
        string.Equals(configuration[Key], Demo, StringComparison.OrdinalIgnoreCase);
}
