namespace Complaints.Reports;

/// <summary>
/// A statistics period: China dates, both ends included. Its <see cref="Previous"/> is the period of equal length just
/// before it: whole calendar months go back as many months (a month → the month before, a quarter → the quarter
/// before, a year → the year before, whatever their days), any other range the same number of days.
/// </summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>From the first of a month to the last day of a month (the same or a later one).</summary>
    public bool IsWholeMonths => From.Day == 1 && To.AddDays(1).Day == 1;

    public StatisticsPeriod Previous()
    {
        if (IsWholeMonths)
        {
            var months = ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;
            return new StatisticsPeriod(From.AddMonths(-months), From.AddDays(-1));
        }

        return new StatisticsPeriod(From.AddDays(-Days), From.AddDays(-1));
    }
}
