using System.Globalization;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;

namespace Complaints.Reports;

/// <summary>
/// Builds <see cref="StatisticsReport"/>s: one aggregate query per period (<see cref="IStatistics"/>), the groups named
/// in the reader's language (category, department and channel names from the tenant's directory; kinds, targets and
/// "none" from the texts; months as yyyy-MM).
/// </summary>
public sealed class StatisticsReports(IStatistics statistics, TenantDirectory tenants, TimeProvider time)
{
    /// <summary>The words of <c>by=</c>, in the order the docs list them.</summary>
    public static IReadOnlyList<string> Dimensions { get; } = ["category", "channel", "department", "kind", "target", "month"];

    public static bool TryDimension(string? word, out StatisticsDimension dimension)
    {
        var index = word is null ? -1 : Dimensions.ToList().IndexOf(word);
        dimension = index < 0 ? default : (StatisticsDimension)index;
        return index >= 0;
    }

    public static string Word(StatisticsDimension dimension) => Dimensions[(int)dimension];

    public async Task<StatisticsReport> BuildAsync(
        string tenant, StatisticsPeriod period, StatisticsDimension by, string? department, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var current = await PeriodAsync(tenant, period, by, department, now, culture, cancellationToken);
        var previous = await PeriodAsync(tenant, period.Previous(), by, department, now, culture, cancellationToken);
        return new StatisticsReport(current.From, current.To, Word(by), department, current.Rows, current.Total, previous);
    }

    private async Task<StatisticsPeriodReport> PeriodAsync(
        string tenant, StatisticsPeriod period, StatisticsDimension by, string? department, DateTimeOffset now, CultureInfo culture, CancellationToken cancellationToken)
    {
        var counts = await statistics.CountAsync(
            new StatisticsQuery
            {
                Tenant = tenant,
                From = ChinaTime.StartOf(period.From),
                To = ChinaTime.StartOf(period.To.AddDays(1)),
                By = by,
                Department = department,
                Now = now,
            },
            cancellationToken);
        var directory = tenants.Find(tenant);
        var rows = counts.Select(c => StatisticsRow.Of(c.Key, NameOf(directory, by, c.Key, culture), [c]));
        // Months in order; other groups the biggest first, then by key (no key last) so that equal ones keep one order.
        rows = by == StatisticsDimension.Month
            ? rows.OrderBy(r => r.Key, StringComparer.Ordinal)
            : rows.OrderByDescending(r => r.Received).ThenBy(r => r.Key is null).ThenBy(r => r.Key, StringComparer.Ordinal);
        return new StatisticsPeriodReport(
            Date(period.From),
            Date(period.To),
            [.. rows],
            StatisticsRow.Of(null, new Text(TextKeys.Statistics.Total).In(culture), counts));
    }

    /// <summary>The group's readable name: the directory's or the texts' word, or the key itself when neither knows it.</summary>
    public static string NameOf(Tenant? tenant, StatisticsDimension by, string? key, CultureInfo culture)
    {
        if (key is null)
        {
            return new Text(by switch
            {
                StatisticsDimension.Category => TextKeys.Statistics.NoCategory,
                StatisticsDimension.Department => TextKeys.Statistics.NoDepartment,
                StatisticsDimension.Target => TextKeys.Statistics.NoTarget,
                _ => TextKeys.Statistics.None,
            }).In(culture);
        }

        return by switch
        {
            StatisticsDimension.Category => tenant?.Categories.GetValueOrDefault(key)?.Name ?? key,
            StatisticsDimension.Department => tenant?.Departments.GetValueOrDefault(key)?.Name ?? key,
            StatisticsDimension.Channel => tenant?.Channels.GetValueOrDefault(key)?.Name ?? ChannelNames.Of(key),
            StatisticsDimension.Kind or StatisticsDimension.Target => Word(by == StatisticsDimension.Kind ? "kind" : "target", key, culture),
            _ => key,
        };
    }

    /// <summary>A vocabulary word as people read it (kind.complaint → 投诉), or the word itself when the texts lack it.</summary>
    private static string Word(string vocabulary, string word, CultureInfo culture)
    {
        var key = $"{vocabulary}.{word}";
        return PlatformTexts.Has(key) ? new Text(key).In(culture) : word;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
