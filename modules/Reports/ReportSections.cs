using System.Globalization;

namespace Complaints.Reports;

/// <summary>Which scheduled snapshot a report section goes into (seed 001 §6.2 daily lists; seed 002 monthly and quarterly).</summary>
public enum SnapshotKind { Daily, Monthly, Quarterly }

/// <summary>
/// One report as a scheduled snapshot carries it (the overdue list, the callback register, statistics, scorecards,
/// hot spots). Each report registers one in <see cref="ReportsModule.AddReports"/>; the schedule asks every section
/// that <see cref="BelongsTo"/> the snapshot's kind to produce its part, and keeps what they produced, unchanged.
/// </summary>
public interface IReportSection
{
    /// <summary>The section's name in a snapshot (<c>overdue</c>, <c>callbacks</c>, <c>statistics</c>, <c>scorecards</c>, <c>hotspots</c>).</summary>
    string Name { get; }

    bool BelongsTo(SnapshotKind kind);

    /// <summary>The section for the tenant's period [<paramref name="from"/>, <paramref name="to"/>] (China dates, both included), in the reader's language.</summary>
    Task<ReportSection> ProduceAsync(string tenant, DateOnly from, DateOnly to, CultureInfo culture, CancellationToken cancellationToken = default);
}

/// <summary>
/// What a section produced: <see cref="Data"/> is what its API answers as JSON (kept as it was), and
/// <see cref="WriteSheetsAsync"/> adds its sheets to the snapshot's workbook from that same data.
/// </summary>
public sealed record ReportSection(string Name, object Data, Func<Workbook, CancellationToken, Task> WriteSheetsAsync);
