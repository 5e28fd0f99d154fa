using Microsoft.Extensions.Configuration;

namespace Complaints.Channels;

/// <summary>A tenant that enables a channel but is not given it, and why (the setting named, never its value).</summary>
public sealed record ChannelRefusal(string Channel, string Tenant, string Setting, string Reason)
{
    public const string Missing = "missing";
    public const string DemoValue = "demo-value";
}

/// <summary>
/// Decides which tenants are refused a channel because of its secrets (<see cref="IChannelPlugin.Secrets"/>): a
/// required secret missing, or, outside demo mode, a secret equal to a value shipped in the demo settings. Pure: the
/// configuration and the demo values in, the refusals out; <see cref="ChannelsModule"/> applies them.
/// </summary>
public static class ChannelRefusals
{
    public static IReadOnlyList<ChannelRefusal> Decide(
        IConfiguration configuration,
        string channel,
        IReadOnlyList<ChannelSecret> secrets,
        IReadOnlySet<string> demoValues,
        bool demo)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(demoValues);
        var refusals = new List<ChannelRefusal>();
        foreach (var (tenant, settings) in ChannelSettings.TenantsOf(configuration, channel))
        {
            bool IsSet(string key) => !string.IsNullOrWhiteSpace(settings[key]);
            foreach (var secret in secrets)
            {
                var value = settings[secret.Setting]?.Trim();
                if (string.IsNullOrEmpty(value))
                {
                    if (secret.IsRequiredBy(IsSet))
                    {
                        refusals.Add(new ChannelRefusal(channel, tenant, secret.Setting, ChannelRefusal.Missing));
                        break;
                    }
                }
                else if (!demo && demoValues.Contains(value))
                {
                    refusals.Add(new ChannelRefusal(channel, tenant, secret.Setting, ChannelRefusal.DemoValue));
                    break;
                }
            }
        }

        return refusals;
    }
}
