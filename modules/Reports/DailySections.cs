using System.Globalization;

namespace Complaints.Reports;

/// <summary>The daily overdue list in the daily snapshot (seed 001 §6.2).</summary>
public sealed class OverdueSection(OverdueList list) : IReportSection
{
    public string Name => "overdue";

    public bool BelongsTo(SnapshotKind kind) => kind == SnapshotKind.Daily;

    public async Task<ReportSection> ProduceAsync(string tenant, DateOnly from, DateOnly to, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var report = await list.BuildAsync(tenant, from, to, department: null, cancellationToken);
        return new ReportSection(Name, report, (workbook, token) => list.WriteSheetsAsync(workbook, tenant, report, culture, token));
    }
}

/// <summary>The daily callback register in the daily snapshot (seed 001 §6.2).</summary>
public sealed class CallbacksSection(CallbackRegister register) : IReportSection
{
    public string Name => "callbacks";

    public bool BelongsTo(SnapshotKind kind) => kind == SnapshotKind.Daily;

    public async Task<ReportSection> ProduceAsync(string tenant, DateOnly from, DateOnly to, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var report = await register.BuildAsync(tenant, from, to, department: null, cancellationToken);
        return new ReportSection(Name, report, (workbook, token) => register.WriteSheetsAsync(workbook, tenant, report, culture, token));
    }
}
