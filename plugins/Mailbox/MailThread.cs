namespace Complaints.Channels.Mailbox;

/// <summary>
/// Where a case's replies go: the sender's address and the message they answer, kept as the case's reply address in
/// the form of an RFC 6068 <c>mailto:</c> URI (<c>mailto:z@example.com?In-Reply-To=%3Cid%40host%3E&amp;subject=…</c>).
/// The Message-ID itself is needed because the case's external id is only its hash when the id is long.
/// </summary>
internal sealed record MailThread(string Address, string? MessageId, string? Subject)
{
    /// <summary>Longer ids are not threaded (no server sends one; the reply address stays indexable).</summary>
    public const int MaxMessageId = 900;

    public const int MaxSubject = 200;

    public string Format()
    {
        var query = new List<string>();
        if (MessageId is { Length: > 0 and <= MaxMessageId } id)
        {
            query.Add("In-Reply-To=" + Uri.EscapeDataString("<" + id + ">"));
        }

        if (!string.IsNullOrEmpty(Subject))
        {
            query.Add("subject=" + Uri.EscapeDataString(Shorten(Subject, MaxSubject)));
        }

        return "mailto:" + Uri.EscapeDataString(Address).Replace("%40", "@", StringComparison.Ordinal)
            + (query.Count == 0 ? "" : "?" + string.Join('&', query));
    }

    /// <summary>A reply address this plugin wrote, or a bare e-mail address; null for anything else.</summary>
    public static MailThread? Parse(string? replyTo)
    {
        if (string.IsNullOrWhiteSpace(replyTo))
        {
            return null;
        }

        if (!replyTo.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return replyTo.Contains('@', StringComparison.Ordinal) ? new MailThread(replyTo.Trim(), null, null) : null;
        }

        var rest = replyTo["mailto:".Length..];
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        var address = Uri.UnescapeDataString(q < 0 ? rest : rest[..q]);
        string? messageId = null, subject = null;
        if (q >= 0)
        {
            foreach (var pair in rest[(q + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    continue;
                }

                var value = Uri.UnescapeDataString(pair[(eq + 1)..]);
                switch (pair[..eq].ToUpperInvariant())
                {
                    case "IN-REPLY-TO":
                        messageId = value.Trim().TrimStart('<').TrimEnd('>');
                        break;
                    case "SUBJECT":
                        subject = value;
                        break;
                }
            }
        }

        return address.Contains('@', StringComparison.Ordinal) ? new MailThread(address, messageId, subject) : null;
    }

    /// <summary>At most <paramref name="max"/> characters, never cutting a surrogate pair in two.</summary>
    public static string Shorten(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return text[..cut];
    }

    /// <summary>The reply's subject: <c>Re: </c> before the original's, unless it is already a reply.</summary>
    public static string ReplySubject(string? original, string fallback)
    {
        var subject = string.IsNullOrWhiteSpace(original) ? fallback : original.Trim();
        return subject.StartsWith("Re:", StringComparison.OrdinalIgnoreCase) || subject.StartsWith("回复", StringComparison.Ordinal)
            ? subject
            : "Re: " + subject;
    }
}
