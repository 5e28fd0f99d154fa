namespace Complaints.Storage;

/// <summary>What the statistics group a period's cases by.</summary>
public enum StatisticsDimension
{
    Category,
    Channel,
    /// <summary>The case's current department (null before dispatch).</summary>
    Department,
    Kind,
    /// <summary>The target's type: company, department or staff (null when not given).</summary>
    Target,
    /// <summary>The month of registration in China time (yyyy-MM).</summary>
    Month,
}

/// <summary>The cases registered in [<see cref="From"/>, <see cref="To"/>), grouped by <see cref="By"/>.</summary>
public sealed record StatisticsQuery
{
    public required string Tenant { get; init; }

    /// <summary>Registered at or after.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>Registered before.</summary>
    public required DateTimeOffset To { get; init; }

    public required StatisticsDimension By { get; init; }

    /// <summary>Only the cases now with this department (a handler's own), or all.</summary>
    public string? Department { get; init; }

    /// <summary>When "still within its deadline" is judged (an open case whose resolution deadline has not passed).</summary>
    public required DateTimeOffset Now { get; init; }
}

/// <summary>
/// The counters of one group, as docs/reports.md "Statistics" defines them. <see cref="WithinDeadline"/> (open, not
/// breached, resolution deadline not passed or not started) and <see cref="HandlingMilliseconds"/> (the sum of
/// closed_at − registered_at over the closed ones) are what the completion rate and the average handling time are
/// computed from.
/// </summary>
public sealed record StatisticsCounts
{
    /// <summary>The group's key (category id, channel id, department id, kind, target type, yyyy-MM); null when the cases have none.</summary>
    public string? Key { get; init; }
    public int Received { get; init; }
    public int Accepted { get; init; }
    public int Closed { get; init; }
    public int OnTime { get; init; }
    public int Overdue { get; init; }
    public int Callbacks { get; init; }
    public int Satisfied { get; init; }
    public int Redispatches { get; init; }
    public int Recomplaints { get; init; }
    public int WithinDeadline { get; init; }
    public double HandlingMilliseconds { get; init; }
}

/// <summary>Counts a period's cases in the ledger, grouped (one aggregate query over (tenant, registered_at)).</summary>
public interface IStatistics
{
    Task<IReadOnlyList<StatisticsCounts>> CountAsync(StatisticsQuery query, CancellationToken cancellationToken = default);
}
