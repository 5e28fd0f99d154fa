namespace Complaints.Channels;

/// <summary>
/// One setting of a tenant's channel section (<c>Tenants:{tenant}:Channels:{channel}:{Setting}</c>) that is a secret:
/// a key, token or password. Plugins list theirs in <see cref="IChannelPlugin.Secrets"/>, so the host checks every
/// channel the same way before the plugin sees its tenants: in production a tenant whose required secret is missing,
/// or whose secret equals a value shipped in the demo settings, does not get the channel (it is reported as refused).
/// </summary>
/// <param name="Setting">The setting's name inside the tenant's channel section, e.g. <c>Token</c>.</param>
public sealed record ChannelSecret(string Setting)
{
    /// <summary>Required only when this other setting is set (e.g. <c>AppSecret</c> when <c>AppId</c>); null: always.</summary>
    public string? RequiredWhen { get; init; }

    /// <summary>Not required when this other setting is set (an alternative credential, e.g. a bearer <c>Token</c>).</summary>
    public string? Unless { get; init; }

    /// <summary>Never required (the channel works without it); only a demo value is refused.</summary>
    public bool Optional { get; init; }

    /// <summary>Whether the tenant's section must carry this secret.</summary>
    public bool IsRequiredBy(Func<string, bool> isSet)
    {
        ArgumentNullException.ThrowIfNull(isSet);
        return !Optional && (RequiredWhen is null || isSet(RequiredWhen)) && (Unless is null || !isSet(Unless));
    }
}
