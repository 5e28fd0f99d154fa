namespace Complaints.Storage;

/// <summary>
/// A report as the schedule produced it for a tenant's period: <see cref="Content"/> is the JSON of every section,
/// <see cref="Workbook"/> the one .xlsx with each section's sheets. Kept as produced, never changed.
/// </summary>
/// <param name="Id">The snapshot's name in its tenant (<c>daily-2026-11-29</c>, <c>monthly-2026-11</c>, <c>quarterly-2026-q4</c>).</param>
/// <param name="Kind"><c>daily</c>, <c>monthly</c> or <c>quarterly</c>.</param>
/// <param name="From">The period's first China date.</param>
/// <param name="To">The period's last China date (included).</param>
public sealed record ReportSnapshot(string Tenant, string Id, string Kind, DateOnly From, DateOnly To, DateTimeOffset ProducedAt, string Content, byte[] Workbook)
{
    /// <summary>The list entry of this snapshot (what it is, without its content).</summary>
    public ReportSnapshotEntry Entry => new(Id, Kind, From, To, ProducedAt);
}

/// <summary>One snapshot in a list: what it is and when it was produced.</summary>
public sealed record ReportSnapshotEntry(string Id, string Kind, DateOnly From, DateOnly To, DateTimeOffset ProducedAt);

/// <summary>
/// The scheduled report snapshots (docs/reports.md, "Scheduled snapshots"): added once, never updated; a period is
/// produced once per tenant whichever host produces it.
/// </summary>
public interface IReportSnapshots
{
    /// <summary>
    /// When the tenant's schedule started: the first time asked, <paramref name="at"/> is kept; every later call (any
    /// host, after any restart) answers that first time.
    /// </summary>
    Task<DateTimeOffset> ScheduleStartedAsync(string tenant, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps <paramref name="snapshot"/> and, in the same transaction, <paramref name="notices"/> (who is told it was
    /// produced). False, and nothing written, when the tenant already has a snapshot of that kind and period (or that id):
    /// the first one stays as it was.
    /// </summary>
    Task<bool> AddSnapshotAsync(ReportSnapshot snapshot, IReadOnlyList<Notification> notices, CancellationToken cancellationToken = default);

    /// <summary>The tenant's snapshots (of <paramref name="kind"/>, or every kind), newest period first.</summary>
    Task<IReadOnlyList<ReportSnapshotEntry>> SnapshotsAsync(string tenant, string? kind = null, CancellationToken cancellationToken = default);

    /// <summary>The snapshot's JSON as produced; null: no such snapshot.</summary>
    Task<string?> SnapshotContentAsync(string tenant, string id, CancellationToken cancellationToken = default);

    /// <summary>The snapshot's .xlsx as produced; null: no such snapshot.</summary>
    Task<byte[]?> SnapshotWorkbookAsync(string tenant, string id, CancellationToken cancellationToken = default);
}
