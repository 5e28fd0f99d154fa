using System.Globalization;

namespace Complaints.Texts;

/// <summary>How a stored string may be laid out.</summary>
public enum TextShape
{
    /// <summary>One line: a name, a phone, an address, an id. No line break, no tab.</summary>
    Line,

    /// <summary>Free text typed by a person (content, note, reason, result): line breaks (LF, CRLF) and tabs allowed.</summary>
    Block,
}

/// <summary>
/// Which characters a stored string may hold. Refused everywhere: C0 controls (Block text keeps LF, CRLF and tab), DEL,
/// C1 controls, zero-width and direction marks (U+200B–U+200F, U+061C), bidi embeddings and isolates (U+202A–U+202E,
/// U+2066–U+2069), line and paragraph separators (U+2028, U+2029), the BOM (U+FEFF) and lone surrogates. They forge log
/// lines, reorder what a reader sees, or hide text; no person types them into a complaint.
/// </summary>
public static class InputText
{
    /// <summary>Why <paramref name="value"/> may not be stored, or null when it may (null and empty may: required is the caller's rule).</summary>
    public static Text? Problem(string? value, InputLimit limit)
    {
        if (value is null)
        {
            return null;
        }

        if (FirstForbidden(value, limit.Shape) is { } at)
        {
            return Refusal(value, at);
        }

        return value.Length > limit.MaxLength ? new Text(TextKeys.Input.TooLong, limit.MaxLength) : null;
    }

    /// <summary>Whether <paramref name="value"/> holds no forbidden character for its shape.</summary>
    public static bool IsClean(string? value, TextShape shape) => value is null || FirstForbidden(value, shape) is null;

    /// <summary>The index of the first forbidden character, or null.</summary>
    public static int? FirstForbidden(string value, TextShape shape)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c) || IsForbidden(c, shape, i + 1 < value.Length ? value[i + 1] : '\0'))
            {
                return i;
            }
        }

        return null;
    }

    private static bool IsForbidden(char c, TextShape shape, char next) => c switch
    {
        '\n' or '\t' => shape == TextShape.Line,
        '\r' => shape == TextShape.Line || next != '\n', // a textarea sends CRLF; a lone CR rewrites a log line
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true,
        '\u061C' => true,
        >= '\u200B' and <= '\u200F' => true,
        >= '\u2028' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        '\uFEFF' => true,
        _ => false,
    };

    private static Text Refusal(string value, int at) =>
        new(TextKeys.Input.ControlCharacter, ((int)value[at]).ToString("X4", CultureInfo.InvariantCulture), at + 1);
}
