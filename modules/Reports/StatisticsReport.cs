using Complaints.Storage;

namespace Complaints.Reports;

/// <summary>
/// One group's figures (or the period's total), as docs/reports.md "Statistics" defines them. The rates are fractions
/// (0.9 = 90 %) rounded to 4 places and the average handling time is in hours rounded to 2; each is null when it would
/// divide by zero (no callbacks, nothing to complete, nothing closed).
/// </summary>
public sealed record StatisticsRow(
    string? Key,
    string Name,
    int Received,
    int Accepted,
    int Closed,
    int OnTime,
    int Overdue,
    int Callbacks,
    int Satisfied,
    int Redispatches,
    int Recomplaints,
    decimal? AverageHandlingHours,
    decimal? SatisfactionRate,
    decimal? CompletionRate)
{
    /// <summary>The figures of <paramref name="counts"/> taken together (one group, or all of them for the total).</summary>
    public static StatisticsRow Of(string? key, string name, IReadOnlyCollection<StatisticsCounts> counts)
    {
        int Sum(Func<StatisticsCounts, int> counter) => counts.Sum(counter);
        var closed = Sum(c => c.Closed);
        var callbacks = Sum(c => c.Callbacks);
        var satisfied = Sum(c => c.Satisfied);
        var due = Sum(c => c.Accepted) - Sum(c => c.WithinDeadline);
        var handling = counts.Sum(c => c.HandlingMilliseconds);
        return new StatisticsRow(
            key,
            name,
            Sum(c => c.Received),
            Sum(c => c.Accepted),
            closed,
            Sum(c => c.OnTime),
            Sum(c => c.Overdue),
            callbacks,
            satisfied,
            Sum(c => c.Redispatches),
            Sum(c => c.Recomplaints),
            closed == 0 ? null : Math.Round((decimal)(handling / closed / 3_600_000d), 2, MidpointRounding.AwayFromZero),
            Rate(satisfied, callbacks),
            Rate(closed, due));
    }

    private static decimal? Rate(int part, int whole) =>
        whole <= 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);
}

/// <summary>One period's groups and total: <see cref="From"/> and <see cref="To"/> are China dates, both included.</summary>
public sealed record StatisticsPeriodReport(string From, string To, IReadOnlyList<StatisticsRow> Rows, StatisticsRow Total);

/// <summary>
/// The statistics of a period grouped <see cref="By"/> (category, channel, department, kind, target, month), with the
/// previous period of equal length beside it (<see cref="StatisticsPeriod.Previous"/>). <see cref="Department"/> is
/// set when the figures are a department's own (a handler's view).
/// </summary>
public sealed record StatisticsReport(
    string From,
    string To,
    string By,
    string? Department,
    IReadOnlyList<StatisticsRow> Rows,
    StatisticsRow Total,
    StatisticsPeriodReport Previous);
