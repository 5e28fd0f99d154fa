using System.Globalization;

namespace Complaints.Texts;

/// <summary>
/// A message for a person, not yet in their language: a key of the resource set and its arguments. An argument may
/// itself be a <see cref="Text"/> (a status word inside a sentence); anything else is written with the reader's culture.
/// Render it where the reader is known (<see cref="PlatformTexts.Render"/>), never earlier.
/// </summary>
public sealed record Text(string Key, params object?[] Args)
{
    /// <summary>The text in <paramref name="culture"/> (zh-CN when null).</summary>
    public string In(CultureInfo? culture = null) => PlatformTexts.Render(this, culture);

    /// <summary>The arguments as strings, each nested text rendered in <paramref name="culture"/>.</summary>
    public string[] RenderedArgs(CultureInfo? culture = null) =>
        [.. Args.Select(arg => arg switch
        {
            Text nested => nested.In(culture),
            IFormattable formattable => formattable.ToString(null, culture ?? PlatformTexts.Default),
            _ => arg?.ToString() ?? string.Empty,
        })];

    /// <summary>Zh-CN, for logs and debuggers; a reader gets <see cref="In"/>.</summary>
    public override string ToString() => In(PlatformTexts.Default);
}
