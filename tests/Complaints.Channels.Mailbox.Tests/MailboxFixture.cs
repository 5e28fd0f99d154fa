using System.Text;
using Complaints.Testing.Channels;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Complaints.Channels.Mailbox.Tests;

/// <summary>One tenant's mailbox on the test's dovecot, the plugin's services built as the host builds them (no hosted loop), and an SMTP receiver.</summary>
internal sealed class MailboxUnderTest : IAsyncDisposable
{
    public const string Tenant = "fangyang-water";
    public const string From = "dongshizhang@fangyang-water.example";

    private readonly ServiceProvider _services;

    static MailboxUnderTest() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private MailboxUnderTest(DovecotServer server, string user, SmtpReceiver smtp, ServiceProvider services, RecordingIntake intake)
    {
        Server = server;
        User = user;
        Smtp = smtp;
        _services = services;
        Intake = intake;
    }

    public DovecotServer Server { get; }

    public string User { get; }

    public SmtpReceiver Smtp { get; }

    public RecordingIntake Intake { get; }

    public MailboxPoller Poller => _services.GetRequiredService<MailboxPoller>();

    public MailboxSettings Settings => _services.GetRequiredService<MailboxSettingsCatalog>().Find(Tenant)!;

    public IChannelReplySender Sender => _services.GetServices<IChannelReplySender>().Single(s => s.ChannelId == "mailbox");

    public static Dictionary<string, string?> SettingsFor(DovecotServer server, string user, int smtpPort) => new()
    {
        [$"Tenants:{Tenant}:Channels:mailbox:Host"] = "127.0.0.1",
        [$"Tenants:{Tenant}:Channels:mailbox:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Tenants:{Tenant}:Channels:mailbox:Security"] = "None",
        [$"Tenants:{Tenant}:Channels:mailbox:User"] = user,
        [$"Tenants:{Tenant}:Channels:mailbox:Password"] = DovecotServer.Password,
        [$"Tenants:{Tenant}:Channels:mailbox:PollInterval"] = "01:00:00",
        [$"Tenants:{Tenant}:Channels:mailbox:Timeout"] = "00:00:10",
        [$"Tenants:{Tenant}:Channels:mailbox:From"] = From,
        [$"Tenants:{Tenant}:Channels:mailbox:FromName"] = "方阳水务董事长信箱",
        [$"Tenants:{Tenant}:Channels:mailbox:SmtpHost"] = "127.0.0.1",
        [$"Tenants:{Tenant}:Channels:mailbox:SmtpPort"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Tenants:{Tenant}:Channels:mailbox:SmtpSecurity"] = "None",
    };

    public static MailboxUnderTest Start(DovecotServer server, IDictionary<string, string?>? extra = null, string? user = null)
    {
        user ??= server.NewUser();
        var smtp = new SmtpReceiver();
        var settings = SettingsFor(server, user, smtp.Port);
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[$"Tenants:{Tenant}:Channels:mailbox:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var intake = new RecordingIntake();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IChannelIntake>(intake);
        new MailboxPlugin().ConfigureServices(services, configuration);
        return new MailboxUnderTest(server, user, smtp, services.BuildServiceProvider(), intake);
    }

    public Task<int> PollAsync() => Poller.PollOnceAsync(Settings, CancellationToken.None);

    /// <summary>Puts <paramref name="message"/> into the inbox as a mail server would (IMAP APPEND), unread.</summary>
    public async Task DeliverAsync(MimeMessage message, string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await target.AppendAsync(message, MessageFlags.None);
        await client.DisconnectAsync(true);
    }

    /// <summary>The flags of every message in <paramref name="folder"/>, in order.</summary>
    public async Task<IReadOnlyList<MessageFlags>> FlagsAsync(string folder = "INBOX")
    {
        using var client = await ConnectAsync();
        var target = folder == "INBOX" ? client.Inbox : await client.GetFolderAsync(folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        var summaries = target.Count == 0 ? [] : await target.FetchAsync(0, -1, MessageSummaryItems.Flags | MessageSummaryItems.UniqueId);
        await client.DisconnectAsync(true);
        return [.. summaries.OrderBy(s => s.UniqueId).Select(s => s.Flags ?? MessageFlags.None)];
    }

    public async Task CreateFolderAsync(string name)
    {
        using var client = await ConnectAsync();
        await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync(name, true);
        await client.DisconnectAsync(true);
    }

    private async Task<ImapClient> ConnectAsync()
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(User, DovecotServer.Password);
        return client;
    }

    /// <summary>A message from 张三 with a text body in <paramref name="charset"/> (base64, as Chinese mailers send it).</summary>
    public static MimeMessage Letter(string subject, string body, string charset = "utf-8", string? messageId = null, DateTimeOffset? date = null)
    {
        var encoding = Encoding.GetEncoding(charset);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("张三", "zhangsan@example.com"));
        message.To.Add(new MailboxAddress("董事长信箱", From));
        message.Headers.Replace(HeaderId.Subject, encoding, subject);
        message.MessageId = messageId ?? $"{Guid.NewGuid():N}@mail.example.com";
        message.Date = date ?? new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.FromHours(8));
        var text = new TextPart("plain") { ContentTransferEncoding = ContentEncoding.Base64 };
        text.SetText(encoding, body);
        text.ContentType.Charset = charset;
        message.Body = text;
        return message;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
