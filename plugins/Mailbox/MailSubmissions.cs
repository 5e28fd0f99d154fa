using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;

namespace Complaints.Channels.Mailbox;

/// <summary>
/// What one e-mail becomes (pure): the Message-ID as the external id (a SHA-256 when it is longer than the intake
/// takes, or when the message has none), the subject and the text as content (HTML read as text), the sender as
/// the complainant's name and e-mail contact, the Date (or the first Received header's time) as the received time,
/// the files as attachments, and the thread as the reply address.
/// </summary>
internal static partial class MailSubmissions
{
    public const string HashPrefix = "sha256:";

    /// <summary>The file that carries the whole text when the content had to be cut.</summary>
    public const string FullTextName = "message.txt";

    public static IntakeSubmission From(MailboxSettings settings, MimeMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(message);
        var sender = message.From.Mailboxes.FirstOrDefault() ?? message.Sender;
        var answerTo = message.ReplyTo.Mailboxes.FirstOrDefault() ?? sender;
        var subject = message.Subject?.Trim();
        var text = TextOf(message);
        var content = Tidy(string.IsNullOrEmpty(subject) ? text : string.IsNullOrEmpty(text) ? subject : subject + "\n\n" + text);

        var attachments = new List<IntakeAttachment>();
        if (content.Length > IntakeLimits.ContentMaxLength)
        {
            attachments.Add(new IntakeAttachment(FullTextName, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(content)));
            content = MailThread.Shorten(content, IntakeLimits.ContentMaxLength - 1) + "…";
        }

        attachments.AddRange(AttachmentsOf(message));
        return new IntakeSubmission
        {
            Tenant = settings.Tenant,
            Channel = MailboxPlugin.ChannelId,
            ExternalId = ExternalIdOf(message),
            Kind = settings.Kind,
            Category = settings.Category,
            Content = content,
            ReceivedAt = ReceivedAt(message, now),
            ComplainantName = string.IsNullOrWhiteSpace(sender?.Name) ? null : sender.Name.Trim(),
            Email = sender?.Address,
            ReplyTo = answerTo is null ? null : new MailThread(answerTo.Address, message.MessageId, subject).Format(),
            Attachments = attachments,
        };
    }

    /// <summary>
    /// The Message-ID without its angle brackets when it fits the intake's limit; otherwise, or when the message has
    /// none, <c>sha256:</c> and the hex SHA-256 of the id (or of the whole message): the same message always gets the
    /// same id, so a message seen twice is one case.
    /// </summary>
    public static string ExternalIdOf(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.MessageId is { Length: > 0 } id)
        {
            return id.Length <= IntakeLimits.ExternalIdMaxLength ? id : HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
        }

        using var raw = new MemoryStream();
        message.WriteTo(raw);
        return HashPrefix + Convert.ToHexStringLower(SHA256.HashData(raw.GetBuffer().AsSpan(0, (int)raw.Length)));
    }

    /// <summary>
    /// The Date header; without one, the time of the first (newest) Received header; without either, null (the intake
    /// takes the time of registration). A time in the future (a sender's wrong clock) becomes now: the intake refuses
    /// received times in the future.
    /// </summary>
    public static DateTimeOffset? ReceivedAt(MimeMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        DateTimeOffset? at = null;
        if (message.Headers.Contains(HeaderId.Date) && message.Date != DateTimeOffset.MinValue)
        {
            at = message.Date;
        }
        else if (message.Headers.FirstOrDefault(h => h.Id == HeaderId.Received) is { } received)
        {
            var semicolon = received.Value.LastIndexOf(';');
            if (semicolon >= 0 && DateUtils.TryParse(received.Value[(semicolon + 1)..].Trim(), out DateTimeOffset date))
            {
                at = date;
            }
        }

        return at > now ? now : at;
    }

    /// <summary>The plain-text body; for HTML-only mail, the HTML read as text.</summary>
    public static string TextOf(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.TextBody is { } plain && !string.IsNullOrWhiteSpace(plain))
        {
            return Tidy(plain);
        }

        return message.HtmlBody is { } html ? HtmlText.ToText(html) : "";
    }

    /// <summary>Every attached file (and forwarded message) with its name and decoded bytes.</summary>
    public static IEnumerable<IntakeAttachment> AttachmentsOf(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var index = 0;
        foreach (var entity in message.Attachments)
        {
            index++;
            using var content = new MemoryStream();
            string name;
            switch (entity)
            {
                case MessagePart forwarded:
                    forwarded.Message?.WriteTo(content);
                    var n = forwarded.ContentDisposition?.FileName ?? $"message-{index}";
                    name = n.EndsWith(".eml", StringComparison.OrdinalIgnoreCase) ? n : n + ".eml";
                    break;
                case MimePart part:
                    part.Content?.DecodeTo(content);
                    name = part.FileName ?? $"attachment-{index}";
                    break;
                default:
                    continue;
            }

            yield return new IntakeAttachment(name, entity.ContentType.MimeType, content.ToArray());
        }
    }

    /// <summary>Line ends as <c>\n</c>, no trailing blanks, at most one empty line in a row, trimmed.</summary>
    public static string Tidy(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd());
        return ManyEmptyLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex ManyEmptyLines();
}
