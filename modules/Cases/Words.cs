using System.Text.Json;
using Complaints.Texts;

namespace Complaints.Cases;

/// <summary>The API's words for enum values: lower-case kebab-case (in-progress, basically-satisfied).</summary>
public static class Words
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    /// <summary>
    /// The word for <paramref name="value"/> as people read it (待受理, 投诉, 满意…): a <see cref="TextKeys.Words"/> text,
    /// rendered in the reader's language. Every value of these vocabularies has one (a test checks).
    /// </summary>
    public static Text Text<T>(T value)
        where T : struct, Enum => new($"{VocabularyOf<T>()}.{Of(value)}");

    /// <summary>The vocabularies whose words people read, by the key prefix of their texts.</summary>
    public static IReadOnlyDictionary<Type, string> Readable { get; } = new Dictionary<Type, string>
    {
        [typeof(CaseStatus)] = "status",
        [typeof(ComplaintKind)] = "kind",
        [typeof(Satisfaction)] = "satisfaction",
        [typeof(TargetType)] = "target",
        [typeof(Role)] = "role",
        [typeof(ClockStatus)] = "clock-status",
    };

    private static string VocabularyOf<T>() =>
        Readable.TryGetValue(typeof(T), out var prefix)
            ? prefix
            : throw new InvalidOperationException($"'{typeof(T).Name}' is not a vocabulary people read; add it to {nameof(Words)}.{nameof(Readable)} and TextKeys.Words.");

    public static bool TryParse<T>(string? word, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), word, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static IEnumerable<string> All<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(Of);
}
