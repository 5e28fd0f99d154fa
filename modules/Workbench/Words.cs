using System.Globalization;
using Complaints.Sla;
using Complaints.Texts;

namespace Complaints.Workbench;

/// <summary>The pages' texts in the reader's language (the request's, then the circuit's culture), and China time.</summary>
public static class Words
{
    public static string T(string key, params object?[] args) => new Text(key, args).In(CultureInfo.CurrentUICulture);

    /// <summary>A word of the resource set, or <paramref name="fallback"/> when it has none (a status or event added later).</summary>
    public static string WordOr(string key, string fallback) => PlatformTexts.Has(key) ? T(key) : fallback;

    public static string Status(string status) => WordOr($"status.{status}", status);

    public static string Kind(string kind) => WordOr($"kind.{kind}", kind);

    public static string Clock(string clock) => WordOr(TextKeys.Words.Clock.Of(clock), clock);

    public static string ClockState(string state) => WordOr($"clock-status.{state}", state);

    public static string Event(string type) => WordOr(TextKeys.Workbench.Event.Of(type), type);

    /// <summary>An instant as staff read it: China time, to the second.</summary>
    public static string Time(DateTimeOffset? instant) =>
        instant is { } t ? ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";
}
