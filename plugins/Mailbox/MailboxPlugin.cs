using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Complaints.Channels.Mailbox;

/// <summary>
/// The <c>mailbox</c> channel (董事长信箱): every new message in a tenant's IMAP mailbox becomes one complaint
/// (idempotent on its Message-ID), and the case's replies go back by SMTP in the message's thread. Settings per tenant
/// under <c>Tenants:{tenant}:Channels:mailbox:</c> (docs/plugins.md, "The mailbox plugin").
/// </summary>
public sealed class MailboxPlugin : IChannelPlugin
{
    public const string ChannelId = "mailbox";

    static MailboxPlugin() =>
        // GB2312/GBK/GB18030 mail: the legacy code pages are not in .NET by default. The host registers them too;
        // registering again is harmless, and a plugin loaded by another host must not depend on it.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public string Id => ChannelId;

    /// <summary>The mailbox password always; the SMTP password only when a separate SMTP user is set.</summary>
    public IReadOnlyList<ChannelSecret> Secrets { get; } =
    [
        new("Password"),
        new("SmtpPassword") { RequiredWhen = "SmtpUser" },
    ];

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var mailboxes = ChannelSettings.TenantsOf(configuration, ChannelId)
            .ToDictionary(t => t.Tenant, t => MailboxSettings.Load(t.Tenant, t.Settings), StringComparer.OrdinalIgnoreCase);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new MailboxSettingsCatalog(mailboxes));
        services.AddSingleton<MailboxPoller>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MailboxPoller>());
        services.AddHealthChecks().AddCheck<MailboxPoller>(ChannelId);
        services.AddSingleton<IChannelReplySender, MailReplySender>();
    }

    /// <summary>No endpoints: the plugin pulls from the mailbox.</summary>
    public void MapEndpoints(IEndpointRouteBuilder channel)
    {
    }
}

/// <summary>The tenants' mailboxes, read once at start-up.</summary>
internal sealed class MailboxSettingsCatalog(IReadOnlyDictionary<string, MailboxSettings> mailboxes)
{
    public IReadOnlyDictionary<string, MailboxSettings> All => mailboxes;

    public MailboxSettings? Find(string tenant) => mailboxes.GetValueOrDefault(tenant);
}
