using System.Globalization;

namespace Complaints.Sla.Tests;

/// <summary>Short helpers so that test data reads like the documents.</summary>
internal static class TestTime
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IEnumerable<DateOnly> Range(string from, string to)
    {
        for (var d = D(from); d <= D(to); d = d.AddDays(1))
        {
            yield return d;
        }
    }
}

/// <summary>A clock that always says the same instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
}
