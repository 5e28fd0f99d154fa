using System.Globalization;
using Complaints.Storage;

namespace Complaints.Reports;

/// <summary>
/// The monthly and quarterly statistics in a snapshot (seed 002: monthly analysis, a quarterly statistics report): the
/// period by category, channel, department and target, each with its previous period, for the whole tenant.
/// </summary>
public sealed class StatisticsSection(StatisticsReports reports) : IReportSection
{
    /// <summary>The groupings a snapshot carries, in this order (one pair of sheets each).</summary>
    public static IReadOnlyList<StatisticsDimension> Groupings { get; } =
        [StatisticsDimension.Category, StatisticsDimension.Channel, StatisticsDimension.Department, StatisticsDimension.Target];

    public string Name => "statistics";

    public bool BelongsTo(SnapshotKind kind) => kind is SnapshotKind.Monthly or SnapshotKind.Quarterly;

    public async Task<ReportSection> ProduceAsync(string tenant, DateOnly from, DateOnly to, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var period = new StatisticsPeriod(from, to);
        var parts = new List<StatisticsReport>();
        foreach (var by in Groupings)
        {
            parts.Add(await reports.BuildAsync(tenant, period, by, department: null, culture, cancellationToken));
        }

        return new ReportSection(Name, parts, async (workbook, token) =>
        {
            foreach (var part in parts)
            {
                await StatisticsWorkbook.WriteAsync(workbook, part, culture, token);
            }
        });
    }
}
