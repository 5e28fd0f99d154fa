using System.Globalization;
using System.Net;
using System.Text;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace Complaints.Channels.Mailbox;

/// <summary>
/// One tenant's mailbox, read once at start-up from <c>Tenants:{tenant}:Channels:mailbox:…</c>: the IMAP mailbox it
/// polls, what a message becomes, and the SMTP server replies leave by. A wrong setting stops the start with the
/// setting's full name.
/// </summary>
internal sealed class MailboxSettings
{
    public required string Tenant { get; init; }

    public required string Host { get; init; }

    public required int Port { get; init; }

    public required SecureSocketOptions Security { get; init; }

    public required string User { get; init; }

    public required string Password { get; init; }

    /// <summary>The folder polled; <c>INBOX</c> unless set.</summary>
    public required string Folder { get; init; }

    /// <summary>Where a registered message is moved; null: it stays and is flagged \Seen.</summary>
    public string? ProcessedFolder { get; init; }

    public required TimeSpan PollInterval { get; init; }

    public required int MaxPerPoll { get; init; }

    /// <summary>How long one connection (connect, log in, each command) may take.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>The kind every message is registered as (<c>complaint</c> unless set).</summary>
    public required string Kind { get; init; }

    public string? Category { get; init; }

    /// <summary>How undeclared 8-bit header bytes are read when they are not UTF-8 (Chinese mailers send raw GBK).</summary>
    public required Encoding HeaderCharset { get; init; }

    /// <summary>The SMTP server; null: replies are not sent (skipped).</summary>
    public string? SmtpHost { get; init; }

    public required int SmtpPort { get; init; }

    public required SecureSocketOptions SmtpSecurity { get; init; }

    public string? SmtpUser { get; init; }

    public string? SmtpPassword { get; init; }

    /// <summary>The sender of replies (the mailbox's own address unless set).</summary>
    public MailboxAddress? From { get; init; }

    public static MailboxSettings Load(string tenant, IConfigurationSection settings)
    {
        string Where(string key) => $"Tenants:{tenant}:Channels:{MailboxPlugin.ChannelId}:{key}";
        string Required(string key) => Value(settings, key) ?? throw new InvalidOperationException($"{Where(key)} is required.");

        var host = Required("Host");
        var security = SecurityOf(settings, "Security", host, Where);
        var smtpHost = Value(settings, "SmtpHost");
        var smtpSecurity = smtpHost is null ? SecureSocketOptions.Auto : SecurityOf(settings, "SmtpSecurity", smtpHost, Where);
        var user = Required("User");
        var fromText = Value(settings, "From") ?? (user.Contains('@', StringComparison.Ordinal) ? user : null);
        MailboxAddress? from = null;
        if (fromText is not null)
        {
            from = MailboxAddress.TryParse(fromText, out var parsed) ? parsed : throw new InvalidOperationException($"{Where("From")} is not an e-mail address.");
            if (Value(settings, "FromName") is { } name)
            {
                from.Name = name;
            }
        }
        else if (smtpHost is not null)
        {
            throw new InvalidOperationException($"{Where("From")} is required for replies when {Where("User")} is not an e-mail address.");
        }

        var charsetName = Value(settings, "HeaderCharset") ?? "gb18030";
        Encoding charset;
        try
        {
            charset = Encoding.GetEncoding(charsetName);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException($"{Where("HeaderCharset")}: unknown charset '{charsetName}'.");
        }

        var poll = Duration(settings, "PollInterval", TimeSpan.FromMinutes(1), Where);
        if (poll < TimeSpan.FromMilliseconds(100))
        {
            throw new InvalidOperationException($"{Where("PollInterval")} must be at least 100 ms.");
        }

        return new MailboxSettings
        {
            Tenant = tenant,
            Host = host,
            Port = PortOf(settings, "Port", security == SecureSocketOptions.SslOnConnect ? 993 : 143, Where),
            Security = security,
            User = user,
            Password = Required("Password"),
            Folder = Value(settings, "Folder") ?? "INBOX",
            ProcessedFolder = Value(settings, "ProcessedFolder"),
            PollInterval = poll,
            MaxPerPoll = Value(settings, "MaxPerPoll") is { } max
                ? (int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m > 0 ? m : throw new InvalidOperationException($"{Where("MaxPerPoll")} must be a positive number."))
                : 50,
            Timeout = Duration(settings, "Timeout", TimeSpan.FromSeconds(30), Where),
            Kind = Value(settings, "Kind") ?? "complaint",
            Category = Value(settings, "Category"),
            HeaderCharset = charset,
            SmtpHost = smtpHost,
            SmtpPort = PortOf(settings, "SmtpPort", smtpSecurity == SecureSocketOptions.SslOnConnect ? 465 : 587, Where),
            SmtpSecurity = smtpSecurity,
            SmtpUser = Value(settings, "SmtpUser") ?? user,
            SmtpPassword = Value(settings, "SmtpUser") is null ? Required("Password") : Value(settings, "SmtpPassword"),
            From = from,
        };
    }

    /// <summary>
    /// <c>Auto</c> (TLS when the port or server offers it), <c>SslOnConnect</c>, <c>StartTls</c>,
    /// <c>StartTlsWhenAvailable</c>, or <c>None</c> — plain text, so only to a server on this machine (loopback):
    /// a password must not cross a network unencrypted.
    /// </summary>
    private static SecureSocketOptions SecurityOf(IConfigurationSection settings, string key, string host, Func<string, string> where)
    {
        var value = Value(settings, key) ?? nameof(SecureSocketOptions.Auto);
        if (!Enum.TryParse<SecureSocketOptions>(value, ignoreCase: true, out var security) || !Enum.IsDefined(security))
        {
            throw new InvalidOperationException($"{where(key)} must be one of {string.Join(", ", Enum.GetNames<SecureSocketOptions>())}, not '{value}'.");
        }

        if (security == SecureSocketOptions.None && !IsLoopback(host))
        {
            throw new InvalidOperationException($"{where(key)}: None (no TLS) is allowed only for a server on this machine, not '{host}'.");
        }

        return security;
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static int PortOf(IConfigurationSection settings, string key, int fallback, Func<string, string> where) =>
        Value(settings, key) is { } port
            ? (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535 ? p : throw new InvalidOperationException($"{where(key)} must be a port number."))
            : fallback;

    private static TimeSpan Duration(IConfigurationSection settings, string key, TimeSpan fallback, Func<string, string> where) =>
        Value(settings, key) is { } value
            ? (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : throw new InvalidOperationException($"{where(key)} must be a positive TimeSpan such as 00:01:00, not '{value}'."))
            : fallback;

    private static string? Value(IConfiguration settings, string key) => string.IsNullOrWhiteSpace(settings[key]) ? null : settings[key]!.Trim();
}
