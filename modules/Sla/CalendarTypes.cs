namespace Complaints.Sla;

/// <summary>
/// One entry of an official holiday schedule (as published by the State Council each November):
/// a named day off, or a make-up workday (调休) when <paramref name="IsOffDay"/> is false.
/// </summary>
/// <param name="Name">The holiday the entry belongs to, e.g. 春节; shown as the note of a day off.</param>
/// <param name="Date">The date.</param>
/// <param name="IsOffDay">True for a day off; false for a make-up workday (usually a Saturday or Sunday).</param>
public sealed record ScheduleDay(string Name, DateOnly Date, bool IsOffDay);

/// <summary>
/// How the calendar sees one date, as the calendar API lists it: whether it is a working day and why not
/// (or why it is one although it falls on a weekend).
/// </summary>
/// <param name="Date">The date.</param>
/// <param name="Workday">True when deadlines counted in working days count this date.</param>
/// <param name="Note">
/// <see cref="CalendarNotes.Weekend"/>, <see cref="CalendarNotes.MakeUpWorkday"/>, the holiday's name, or null
/// for an ordinary Monday–Friday working day.
/// </param>
public sealed record CalendarDay(DateOnly Date, bool Workday, string? Note);

/// <summary>The fixed notes of <see cref="CalendarDay"/> (holidays use their own name instead).</summary>
public static class CalendarNotes
{
    /// <summary>An ordinary Saturday or Sunday.</summary>
    public const string Weekend = "weekend";

    /// <summary>A Saturday or Sunday worked in exchange for a longer holiday (调休).</summary>
    public const string MakeUpWorkday = "make-up workday";
}

/// <summary>
/// The only question deadline arithmetic asks a calendar. An interface so that tests and other modules
/// can supply their own calendar without the holiday tables.
/// </summary>
public interface IWorkingDayCalendar
{
    /// <summary>True when <paramref name="date"/> (a China local date) is a working day.</summary>
    bool IsWorkday(DateOnly date);
}
