using System.Globalization;
using System.Text;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;
using static Complaints.Texts.TextKeys;

namespace Complaints.Reports;

/// <summary>One breach; <see cref="Person"/> is who the fine is charged to (the handler who had signed), null for the desk's clocks or before signing.</summary>
public sealed record OverdueItem(string Number, string Clock, DateTimeOffset DueAt, DateTimeOffset BreachedAt, int Points, decimal Fine, string? Person);

public sealed record DepartmentOverdue(string? Department, int Items, int Points, decimal Fines, IReadOnlyList<OverdueItem> Breaches);

/// <summary>The daily overdue list (逾期未处理明细表, seed 001 §6.2) with points and fines per department (§8).</summary>
public sealed record OverdueReport(string Date, int Items, int Points, decimal Fines, IReadOnlyList<DepartmentOverdue> Departments);

/// <summary>
/// The daily overdue list: every breach recorded on the day (China time), by department, with the points and fines
/// the tenant's policy charged when it was recorded. As JSON (<see cref="BuildAsync"/>), .xlsx and a printable page.
/// </summary>
public sealed class OverdueList(IClockRecords records, TenantDirectory tenants, TimeProvider time)
{
    /// <summary>The list for [<paramref name="from"/>, <paramref name="to"/>] (China dates; the API asks for one day), of one department when given.</summary>
    public async Task<OverdueReport> BuildAsync(string tenant, DateOnly from, DateOnly to, string? department, CancellationToken cancellationToken = default)
    {
        var breaches = await records.BreachesAsync(tenant, ChinaTime.StartOf(from), ChinaTime.StartOf(to.AddDays(1)), cancellationToken);
        if (department is not null)
        {
            breaches = [.. breaches.Where(b => b.Department == department)];
        }

        var departments = breaches
            .GroupBy(b => b.Department)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DepartmentOverdue(
                g.Key,
                g.Count(),
                g.Sum(b => b.Points),
                g.Sum(b => b.Fine),
                [.. g.Select(b => new OverdueItem(b.Number, b.Clock, b.DueAt, b.BreachedAt, b.Points, b.Fine, b.Person))]))
            .ToList();
        return new OverdueReport(
            from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            breaches.Count,
            departments.Sum(d => d.Points),
            departments.Sum(d => d.Fines),
            departments);
    }

    private static readonly string[] Headers =
    [
        Ledger.Header.Department, Ledger.Header.Number, DailyLists.Header.Clock, DailyLists.Header.DueAt, DailyLists.Header.BreachedAt,
        DailyLists.Header.Points, DailyLists.Header.Fine, DailyLists.Header.Person,
    ];

    /// <summary>One sheet: a row per breach, department by department.</summary>
    public async Task WriteSheetsAsync(Workbook workbook, string tenant, OverdueReport report, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var directory = Directory(tenant);
        await workbook.AddSheetAsync(ReportWords.Of(DailyLists.OverdueTitle, culture), [.. Headers.Select(h => ReportWords.Of(h, culture))], cancellationToken);
        foreach (var (department, item) in Rows(report))
        {
            await workbook.AddRowAsync(
                [ReportWords.Department(directory, department), item.Number, ReportWords.Clock(item.Clock, culture), item.DueAt, item.BreachedAt, item.Points, item.Fine, item.Person],
                cancellationToken);
        }
    }

    /// <summary>The printable page (A4): the title, the day, a ruled table and the totals.</summary>
    public string Html(string tenant, OverdueReport report, CultureInfo culture)
    {
        var directory = Directory(tenant);
        var title = ReportWords.Of(DailyLists.OverdueTitle, culture);
        var body = new StringBuilder();
        DailyPage.Heading(body, directory, title, report.Date, ChinaTime.Now(time), culture);
        DailyPage.TableStart(body, [.. Headers.Select(h => ReportWords.Of(h, culture))]);
        foreach (var (department, item) in Rows(report))
        {
            DailyPage.Row(body, [
                ReportWords.Department(directory, department), item.Number, ReportWords.Clock(item.Clock, culture), ReportWords.Time(item.DueAt),
                ReportWords.Time(item.BreachedAt), item.Points.ToString(CultureInfo.InvariantCulture), item.Fine.ToString("0.##", CultureInfo.InvariantCulture), item.Person]);
        }

        DailyPage.TableEnd(body, Headers.Length, report.Items == 0 ? ReportWords.Of(DailyLists.None, culture) : null);
        body.Append("<p class=\"footer\">")
            .Append(PrintPage.Encode(new Text(DailyLists.OverdueTotal, report.Items, report.Points, report.Fines.ToString("0.##", CultureInfo.InvariantCulture)).In(culture)))
            .Append("</p>");
        return PrintPage.Render(culture.Name, title, body.ToString());
    }

    private Tenant Directory(string tenant) => tenants.Find(tenant) ?? throw new ArgumentException($"No tenant '{tenant}'.", nameof(tenant));

    private static IEnumerable<(string? Department, OverdueItem Item)> Rows(OverdueReport report) =>
        report.Departments.SelectMany(d => d.Breaches.Select(b => (d.Department, b)));
}
