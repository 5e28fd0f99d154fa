using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace Complaints.Texts;

/// <summary>
/// The one resource set: <c>Texts.resx</c> holds zh-CN (the default), <c>Texts.en.resx</c> English. Keys are the
/// constants of <see cref="TextKeys"/>; a test fails when a key exists in one language only, when a constant has no
/// text, or when the two languages' placeholders differ.
/// </summary>
public static class PlatformTexts
{
    /// <summary>The platform's language when a reader states none: Simplified Chinese.</summary>
    public static readonly CultureInfo Default = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The languages a reader can choose (Accept-Language), the default first.</summary>
    public static readonly IReadOnlyList<CultureInfo> Supported = [Default, CultureInfo.GetCultureInfo("en")];

    private static readonly ResourceManager Resources = new("Complaints.Texts.Texts", typeof(PlatformTexts).Assembly);

    /// <summary>The text in <paramref name="culture"/>, falling back to zh-CN; a missing key throws, so tests see it.</summary>
    public static string Render(Text text, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        culture ??= Default;
        var format = Resources.GetString(text.Key, culture)
            ?? throw new KeyNotFoundException($"No text '{text.Key}' in the resource set.");
        return text.Args.Length == 0 ? format : string.Format(culture, format, text.RenderedArgs(culture));
    }

    /// <summary>Every key with its text in <paramref name="culture"/> only (no fallback): what the language tests compare.</summary>
    public static IReadOnlyDictionary<string, string> Entries(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        return set is null
            ? new Dictionary<string, string>()
            : set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }
}
