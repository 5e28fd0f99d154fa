namespace Complaints.Texts;

/// <summary>
/// The e-mail and WeChat OpenID maskers, beside <see cref="PhoneMask"/>: contacts are personal data (PIPL), shown
/// masked everywhere but the audited contact read. An e-mail keeps the first character of its local part and its
/// whole domain (<c>z***@example.com</c>): staff see which provider wrote, not who. An OpenID keeps its first 4 and
/// last 3 characters (<c>oAbc…xyz</c>): enough to tell two WeChat users apart on one screen, not to address one.
/// </summary>
public static class ContactMask
{
    /// <summary>The masked e-mail address; something that is not one (no <c>@</c>) is hidden whole as <c>***</c>.</summary>
    public static string? Email(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return email;
        }

        var e = email.Trim();
        var at = e.LastIndexOf('@');
        if (at <= 0 || at == e.Length - 1)
        {
            return "***";
        }

        return string.Concat(e.AsSpan(0, char.IsHighSurrogate(e[0]) && at > 1 ? 2 : 1), "***", e.AsSpan(at));
    }

    /// <summary>The masked OpenID (28 characters as WeChat issues them); one of 10 characters or fewer is hidden whole.</summary>
    public static string? OpenId(string? openId)
    {
        if (string.IsNullOrWhiteSpace(openId))
        {
            return openId;
        }

        var o = openId.Trim();
        return o.Length <= 10 ? "****" : string.Concat(o.AsSpan(0, 4), "…", o.AsSpan(o.Length - 3));
    }

    /// <summary>Whether <paramref name="masked"/> is what <see cref="OpenId"/> makes of <paramref name="openId"/>.</summary>
    public static bool IsOpenIdOf(string? masked, string? openId) =>
        masked is not null && openId is not null && string.Equals(OpenId(openId), masked, StringComparison.Ordinal);
}
