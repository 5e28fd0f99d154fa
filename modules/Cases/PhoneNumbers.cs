using System.Text.RegularExpressions;

namespace Complaints.Cases;

/// <summary>
/// The numbers a complainant can be called back on: a mainland mobile (1[3-9] and 9 digits), a landline with its area
/// code (0 + 2–3 digits, then 7–8 digits) optionally with an extension (转 / ext / x / #, or a last '-'), either with
/// +86 or 0086 in front, or a 400/800 service number (companies such as property managers give those). Spaces and
/// '-' between groups are allowed. Not accepted: a landline without area code (a callback from another district
/// cannot reach it) and short service numbers such as 12345 or 95598 — they are platforms, never a caller's own line.
/// </summary>
public static partial class PhoneNumbers
{
    public static bool IsValid(string? phone) => phone is not null && Pattern().IsMatch(phone.Trim());

    [GeneratedRegex(@"^(?:(?:(?:\+86|0086)[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}|(?:(?:\+86|0086)[ -]?(?:\(0\)|0)?|0)[1-9][0-9]{1,2}[ -]?[0-9]{7,8}(?:[ -]?(?:转|ext\.?|x|#|-)[ -]?[0-9]{1,6})?|[48]00[ -]?[0-9]{3}[ -]?[0-9]{4})$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
