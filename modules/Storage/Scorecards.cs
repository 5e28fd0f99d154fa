namespace Complaints.Storage;

/// <summary>
/// The figures of one period's scorecards (seed 001 §8, seed 004 §4.3): cases registered in [<see cref="From"/>,
/// <see cref="To"/>), breaches recorded in that window, and the breaches of [<see cref="YearFrom"/>, <see cref="To"/>)
/// for the same-mistake count (seed 001 §8.7). <see cref="Department"/> narrows everything but that count to one
/// department (a department's own scorecard).
/// </summary>
public sealed record ScorecardQuery(string Tenant, DateTimeOffset From, DateTimeOffset To, DateTimeOffset YearFrom)
{
    public string? Department { get; init; }

    /// <summary>When the report is made: a case whose resolution deadline is after it is still within its deadline.</summary>
    public required DateTimeOffset Now { get; init; }
}

/// <summary>
/// Counts per department and handler (承办人; null: the department's cases no one signed for), summed by the database;
/// the report adds them up per department and per person and applies the tenant's settings.
/// </summary>
public sealed record ScorecardFigures(
    IReadOnlyList<ScorecardCases> Cases,
    IReadOnlyList<ScorecardBreaches> Breaches,
    IReadOnlyList<ScorecardCharge> Recomplaints,
    IReadOnlyList<ScorecardCharge> Redispatches,
    IReadOnlyList<PersonBreaches> YearBreaches);

/// <summary>
/// The period's cases (not rejected) held by <see cref="Department"/> and signed for by <see cref="Handler"/>:
/// <see cref="Closed"/> closed now; <see cref="WithinDeadline"/> still open with no breached resolution clock and no
/// running clock breached; <see cref="OnTime"/> closed with no resolution clock breached; <see cref="Callbacks"/> with
/// a callback that recorded a satisfaction, <see cref="Satisfied"/> whose last one was satisfied or basically satisfied.
/// </summary>
public sealed record ScorecardCases(string Department, string? Handler, int Handled, int Closed, int WithinDeadline, int OnTime, int Callbacks, int Satisfied);

/// <summary>Breach records of the period charged to <see cref="Department"/> and <see cref="Person"/> (null: the department only), with what they cost.</summary>
public sealed record ScorecardBreaches(string Department, string? Person, int Items, int Points, decimal Fines);

/// <summary>
/// How many items of a kind are charged to <see cref="Department"/> and <see cref="Person"/>: re-complaints (a case of
/// the period, not rejected, about the same matter as a case the department handled), or re-dispatches and
/// escalations of the period's cases counted against the department whose result the customer rejected.
/// </summary>
public sealed record ScorecardCharge(string Department, string? Person, int Items);

/// <summary>How many breaches of one clock were charged to <see cref="Person"/> in the year window, per department.</summary>
public sealed record PersonBreaches(string Person, string? Department, string Clock, int Items);

/// <summary>Reads the figures of the scorecards in a few grouped queries (never one row per case).</summary>
public interface IScorecards
{
    Task<ScorecardFigures> ScorecardFiguresAsync(ScorecardQuery query, CancellationToken cancellationToken = default);
}
