namespace Complaints.Storage.Relational;

/// <summary>
/// The reports' definitions over a ledger row, in SQL, one place for statistics and scorecards (docs/reports.md):
/// a case has ended when closed, answered or rejected; it counts as closed when closed or answered; satisfied when its
/// last callback was satisfied or basically satisfied; still within its deadline when it has not ended, no resolution
/// clock of it was ever breached and its resolution deadline (if it has one yet) is after <c>@Now</c>.
/// </summary>
internal static class ReportCounts
{
    public const string Closed = "status IN ('closed', 'answered')";

    public const string Ended = "status IN ('closed', 'answered', 'rejected')";

    public const string Satisfied = "satisfaction IN ('satisfied', 'basically-satisfied')";

    public static string WithinDeadline(RelationalDialect dialect) =>
        $"NOT {Ended} AND {dialect.IsFalse("resolution_breached")} AND (resolution_due_at IS NULL OR resolution_due_at > @Now)";
}
