using System.Globalization;

namespace Complaints.Texts;

/// <summary>The window every date the platform takes lies in: deadlines, receipt times, filters, calendar years.</summary>
public static class InputDates
{
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public static readonly DateOnly Latest = new(2100, 12, 31);

    public static bool InWindow(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool InWindow(int year) => year >= Earliest.Year && year <= Latest.Year;

    /// <summary>In the window by the calendar date at its own offset (a China time is judged as written).</summary>
    public static bool InWindow(DateTimeOffset time) => InWindow(DateOnly.FromDateTime(time.DateTime));

    /// <summary>Why a date is refused, or null when it is in the window.</summary>
    public static Text? Problem(DateTimeOffset? time) => time is { } t && !InWindow(t) ? OutsideWindow : null;

    /// <inheritdoc cref="Problem(DateTimeOffset?)"/>
    public static Text? Problem(DateOnly? date) => date is { } d && !InWindow(d) ? OutsideWindow : null;

    public static Text OutsideWindow => new(
        TextKeys.Input.DateWindow,
        Earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
