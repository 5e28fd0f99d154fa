using System.Globalization;
using Complaints.Texts;

namespace Complaints.Reports;

/// <summary>
/// A statistics report as .xlsx sheets: the period's groups and its total on one sheet, the previous period's on the
/// next, with the same columns; Chinese headers from the texts. Rates are written as percentages (91.67 for 0.9167).
/// </summary>
public static class StatisticsWorkbook
{
    public static async Task WriteAsync(Workbook workbook, StatisticsReport report, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        await SheetAsync(workbook, TextKeys.Statistics.Sheet, report.By, new StatisticsPeriodReport(report.From, report.To, report.Rows, report.Total), culture, cancellationToken);
        await SheetAsync(workbook, TextKeys.Statistics.PreviousSheet, report.By, report.Previous, culture, cancellationToken);
    }

    /// <summary>The column headers: the period, the group's name and key, then the figures in the JSON's order.</summary>
    public static IReadOnlyList<string> Headers(string by, CultureInfo culture) =>
    [
        .. new[]
        {
            TextKeys.Statistics.Period, ByKey(by), TextKeys.Statistics.Key, TextKeys.Statistics.Received, TextKeys.Statistics.Accepted,
            TextKeys.Statistics.Closed, TextKeys.Statistics.OnTime, TextKeys.Statistics.Overdue, TextKeys.Statistics.Callbacks,
            TextKeys.Statistics.Satisfied, TextKeys.Statistics.Redispatches, TextKeys.Statistics.Recomplaints,
            TextKeys.Statistics.AverageHandlingHours, TextKeys.Statistics.SatisfactionRate, TextKeys.Statistics.CompletionRate,
        }.Select(key => new Text(key).In(culture)),
    ];

    private static async Task SheetAsync(
        Workbook workbook, string sheet, string by, StatisticsPeriodReport period, CultureInfo culture, CancellationToken cancellationToken)
    {
        // Named with its grouping: a snapshot holds one pair of sheets per grouping, and sheet names are unique.
        var name = $"{new Text(sheet).In(culture)}（{new Text(ByKey(by)).In(culture)}）";
        await workbook.AddSheetAsync(name, Headers(by, culture), cancellationToken);
        var span = $"{period.From} ~ {period.To}";
        foreach (var row in period.Rows.Append(period.Total))
        {
            await workbook.AddRowAsync(
                [
                    span, row.Name, row.Key, row.Received, row.Accepted, row.Closed, row.OnTime, row.Overdue, row.Callbacks, row.Satisfied,
                    row.Redispatches, row.Recomplaints, row.AverageHandlingHours, Percent(row.SatisfactionRate), Percent(row.CompletionRate),
                ],
                cancellationToken);
        }
    }

    /// <summary>The header of the grouping's column (类别, 渠道, 处置部门, 诉求类型, 投诉对象, 月份).</summary>
    private static string ByKey(string by) => by switch
    {
        "category" => TextKeys.Statistics.ByCategory,
        "channel" => TextKeys.Statistics.ByChannel,
        "department" => TextKeys.Statistics.ByDepartment,
        "kind" => TextKeys.Statistics.ByKind,
        "target" => TextKeys.Statistics.ByTarget,
        _ => TextKeys.Statistics.ByMonth,
    };

    private static decimal? Percent(decimal? rate) => rate * 100;
}
