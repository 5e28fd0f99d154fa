using Complaints.Channels;
using Complaints.Sla;
using Complaints.Texts;

namespace Complaints.Host;

/// <summary>
/// A channel enabled for a tenant whose policy gives its complaints no first-reply clock: nobody is told when the
/// customer has waited too long for a first answer. Said once at start, one line per tenant and channel, with the
/// policy key that gives the clock (<c>Tenants:{t}:Policy:Channels:{id}:FirstReply</c>).
/// </summary>
public static class ChannelClockCheck
{
    /// <summary>The enabled (tenant, channel) pairs of <paramref name="channels"/> without a first-reply clock for a complaint.</summary>
    public static IReadOnlyList<(string Tenant, string Channel)> WithoutFirstReply(IConfiguration configuration, IEnumerable<string> channels) =>
        [.. channels.SelectMany(channel => ChannelSettings.TenantsOf(configuration, channel)
            .Where(t => !HasFirstReply(configuration.GetSection($"Tenants:{t.Tenant}:Policy").Get<SlaPolicy>(), channel))
            .Select(t => (t.Tenant, channel)))
            .OrderBy(p => p.Tenant, StringComparer.Ordinal).ThenBy(p => p.channel, StringComparer.Ordinal)];

    /// <summary>The start-up line for one pair, in the platform's language.</summary>
    public static string Warning(string tenant, string channel) =>
        new Text(TextKeys.ChannelSdk.NoFirstReplyClock, channel, tenant, $"Tenants:{tenant}:Policy:Channels:{channel}:FirstReply").In();

    /// <summary>Logs one warning per enabled channel without a first-reply clock among the loaded plugins.</summary>
    public static void WarnChannelsWithoutFirstReply(this WebApplication app)
    {
        var loaded = app.Services.GetRequiredService<PluginCatalog>().Loaded.Select(p => p.Id);
        foreach (var (tenant, channel) in WithoutFirstReply(app.Configuration, loaded))
        {
            app.Logger.LogWarning("{Warning}", Warning(tenant, channel));
        }
    }

    private static bool HasFirstReply(SlaPolicy? policy, string channel) =>
        policy is { Clocks.Count: > 0 } && new SlaPolicyEvaluator(policy).Evaluate(channel, "complaint", null).Any(c => c.Name == ClockNames.FirstReply);
}
