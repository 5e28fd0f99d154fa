using System.Text.RegularExpressions;

namespace Complaints.Texts;

/// <summary>
/// The one phone masker (personal data, PIPL): the complainant's phone field, phones typed into free text (content,
/// names, addresses, results, notes), notifications and log lines all go through it.
/// A mainland mobile keeps its first 3 and last 4 digits (138****5678) whatever form it was typed in; a landline keeps
/// its area code and last 4 digits (0571-****1234; last 3 of a 7-digit local number), so four digits are always hidden.
/// </summary>
/// <remarks>
/// Recognised in text: mobiles as 13812345678, 138 1234 5678, 138-1234-5678, with +86, 0086 or (+86) in front; landlines
/// with area code as 0571-88881234, 0571 8888 1234, (0571)88881234, 021-12345678, +86 571 8888 1234. Not phones: a run
/// of digits inside a longer one (ID, bank card), amounts (13812345678.50), dates (2026-11-30), case numbers
/// (FYW-2026-000001). Ambiguous on purpose: a bare 11-digit number starting 13–19, or a 10–12 digit one starting with an
/// area code, is masked even when it is an account number — hiding a few digits of an account costs nothing, showing a
/// phone is a leak.
/// </remarks>
public static partial class PhoneMask
{
    /// <summary>
    /// The complainant's phone field: a recognised phone as in text; anything else by length — a local number of 8 to
    /// 10 characters shows only its last 4 (****5678), shorter ones only their last 2, longer ones 3 + **** + 4.
    /// </summary>
    public static string? Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        var p = phone.Trim();
        if (Phone().Match(p) is { Success: true } m && m.Length == p.Length)
        {
            return Masked(m);
        }

        return p.Length switch
        {
            >= 11 => string.Concat(p.AsSpan(0, 3), "****", p.AsSpan(p.Length - 4)),
            >= 8 => string.Concat("****", p.AsSpan(p.Length - 4)),
            <= 2 => new string('*', p.Length),
            _ => string.Concat(new string('*', p.Length - 2), p.AsSpan(p.Length - 2)),
        };
    }

    /// <summary>Every phone in <paramref name="text"/> masked, the rest unchanged.</summary>
    public static string InText(string text) => string.IsNullOrEmpty(text) ? text : Phone().Replace(text, Masked);

    /// <summary>Every phone in <paramref name="text"/> masked; null stays null.</summary>
    public static string? InTextOrNull(string? text) => text is null ? null : InText(text);

    /// <summary>Whether <paramref name="text"/> holds a phone (cheap test before building a masked copy).</summary>
    public static bool HasPhone(string? text) => !string.IsNullOrEmpty(text) && Phone().IsMatch(text);

    private static string Masked(Match m)
    {
        if (m.Groups["mobile"] is { Success: true } mobile)
        {
            var digits = Digits(mobile.Value);
            return string.Concat(digits.AsSpan(0, 3), "****", digits.AsSpan(digits.Length - 4));
        }

        var area = m.Groups["area"].Value;
        var local = Digits(m.Groups["local"].Value);
        var shown = local.Length >= 8 ? 4 : 3;
        return string.Concat(area.StartsWith('0') ? area : "0" + area, "-****", local.AsSpan(local.Length - shown));
    }

    private static string Digits(string s) => string.Concat(s.Where(char.IsAsciiDigit));

    /// <summary>
    /// Not next to another digit (nor to "1." or "1," — an amount); a country code (+86, 0086, (+86)); then a mobile
    /// (1[3-9]x xxxx xxxx) or a landline: an area code (010, 02x, 0xxx; in brackets, or after +86 without its 0) and a
    /// local number of 7 or 8 digits. Spaces or dashes may separate the groups.
    /// </summary>
    [GeneratedRegex(
        @"(?<![0-9])(?<![0-9][.,])" +
        @"(?:" +
            @"(?:(?:\+|00)86[ -]?|[(（]\+?86[)）][ -]?)?(?<mobile>1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4})" +
        @"|" +
            @"(?:(?:\+|00)86[ -]?(?:\(0\))?|[(（]\+?86[)）][ -]?)(?<area>10|2[0-9]|[3-9][0-9]{2})[ -]?(?<local>[1-9][0-9]{2,3}[ -]?[0-9]{4})" +
        @"|" +
            @"(?:[(（](?<area>0(?:10|2[0-9]|[3-9][0-9]{2}))[)）]|(?<area>0(?:10|2[0-9]|[3-9][0-9]{2})))[ -]?(?<local>[1-9][0-9]{2,3}[ -]?[0-9]{4})" +
        @")" +
        @"(?![0-9])(?![.,][0-9])",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Phone();
}
