using System.Globalization;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;
using Microsoft.Extensions.Options;

namespace Complaints.Reports;

/// <summary>
/// The scorecards of a tenant's period (考核表): the figures from the store, the tenant's rules, the cards; and the
/// cards as two sheets (departments, people) of a workbook.
/// </summary>
public sealed class ScorecardReporter(IScorecards store, IUserAccounts users, TenantDirectory tenants, IOptions<ScorecardSettings> settings, TimeProvider time)
{
    /// <summary>The cards of [<paramref name="from"/>, <paramref name="to"/>] (China dates, both included); <paramref name="department"/>: that department's only.</summary>
    public async Task<ScorecardReport> ProduceAsync(string tenant, DateOnly from, DateOnly to, string? department, CancellationToken cancellationToken = default)
    {
        var query = new ScorecardQuery(tenant, ChinaTime.StartOf(from), ChinaTime.StartOf(to.AddDays(1)), ChinaTime.StartOf(Scorecards.YearFrom(to))) { Department = department, Now = time.GetUtcNow() };
        var figures = await store.ScorecardFiguresAsync(query, cancellationToken);
        var names = (await users.UsersAsync(tenant, cancellationToken))
            .Where(u => !string.IsNullOrWhiteSpace(u.DisplayName))
            .ToDictionary(u => $"{u.Login}@{tenant}", u => u.DisplayName, StringComparer.Ordinal);
        var known = tenants.Find(tenant)?.Departments.ToDictionary(d => d.Key, d => d.Value.Name, StringComparer.Ordinal) ?? [];
        return Scorecards.Build(from, to, figures, settings.Value.For(tenant), known, department, names, clock => ClockNames.Text(clock).In(PlatformTexts.Default));
    }

    /// <summary>The cards as the sheets 部门考核 and 人员考核, headers and words in <paramref name="culture"/>.</summary>
    public static async Task WriteAsync(Workbook workbook, ScorecardReport report, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        string T(string key, params object?[] args) => new Text(key, args).In(culture);
        string? Met(bool? met) => met is { } m ? T(m ? TextKeys.Scorecards.Met : TextKeys.Scorecards.NotMet) : null;
        string[] counters =
        [
            T(TextKeys.Scorecards.Handled), T(TextKeys.Scorecards.Closed), T(TextKeys.Scorecards.CompletionRate), T(TextKeys.Scorecards.OnTime),
            T(TextKeys.Scorecards.Overdue), T(TextKeys.Scorecards.Recomplaints), T(TextKeys.Scorecards.Points), T(TextKeys.Scorecards.Fines),
            T(TextKeys.Scorecards.Callbacks), T(TextKeys.Scorecards.Satisfied), T(TextKeys.Scorecards.SatisfactionRate),
            T(TextKeys.Scorecards.Redispatches), T(TextKeys.Scorecards.TargetsMet),
        ];

        await workbook.AddSheetAsync(T(TextKeys.Scorecards.DepartmentsSheet), [T(TextKeys.Scorecards.Department), .. counters], cancellationToken);
        foreach (var d in report.Departments)
        {
            await workbook.AddRowAsync(
                [d.Name, d.Handled, d.Closed, d.CompletionRate, d.OnTime, d.Overdue, d.Recomplaints, d.Points, d.Fines, d.Callbacks, d.Satisfied, d.SatisfactionRate, d.Redispatches, Met(d.TargetsMet)],
                cancellationToken);
        }

        var departmentNames = report.Departments.ToDictionary(d => d.Department, d => d.Name, StringComparer.Ordinal);
        await workbook.AddSheetAsync(
            T(TextKeys.Scorecards.PeopleSheet), [T(TextKeys.Scorecards.Person), T(TextKeys.Scorecards.Department), .. counters, T(TextKeys.Scorecards.Flagged)], cancellationToken);
        foreach (var p in report.People)
        {
            var repeated = string.Join("；", p.RepeatedBreaches.Select(r => T(TextKeys.Scorecards.Repeated, ClockNames.Text(r.Clock), r.Items)));
            await workbook.AddRowAsync(
                [p.Name, departmentNames.GetValueOrDefault(p.Department) ?? p.Department, p.Handled, p.Closed, p.CompletionRate, p.OnTime, p.Overdue, p.Recomplaints,
                    p.Points, p.Fines, p.Callbacks, p.Satisfied, p.SatisfactionRate, p.Redispatches, Met(p.TargetsMet), repeated.Length == 0 ? null : repeated],
                cancellationToken);
        }
    }

    /// <summary>The workbook's file name for the period, in <paramref name="culture"/>.</summary>
    public static string FileName(DateOnly from, DateOnly to, CultureInfo culture) =>
        new Text(TextKeys.Scorecards.FileName, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).In(culture);
}

/// <summary>The scorecards in the monthly and quarterly snapshots: the whole tenant's cards.</summary>
public sealed class ScorecardSection(ScorecardReporter reporter) : IReportSection
{
    public string Name => "scorecards";

    public bool BelongsTo(SnapshotKind kind) => kind is SnapshotKind.Monthly or SnapshotKind.Quarterly;

    public async Task<ReportSection> ProduceAsync(string tenant, DateOnly from, DateOnly to, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var report = await reporter.ProduceAsync(tenant, from, to, department: null, cancellationToken);
        return new ReportSection(Name, report, (workbook, token) => ScorecardReporter.WriteAsync(workbook, report, culture, token));
    }
}
