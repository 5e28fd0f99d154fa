using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;

namespace Complaints.Reports.HotSpots;

/// <summary>
/// The hot spots report for a period (热点问题, seed 002): read through <see cref="IHotSpots"/>, found by
/// <see cref="HotSpotFinder"/>, written as JSON by the API or as three sheets of a <see cref="Workbook"/>.
/// </summary>
public sealed class HotSpotReports(IHotSpots store, TenantDirectory tenants)
{
    /// <summary>The hot spots among the cases registered in [<paramref name="from"/>, <paramref name="to"/>] (China dates); with a department, only its cases.</summary>
    public async Task<HotSpotReport> BuildAsync(string tenant, DateOnly from, DateOnly to, string? department, HotSpotOptions options, CancellationToken cancellationToken = default)
    {
        var finder = new HotSpotFinder(options);
        var query = new HotSpotQuery(tenant, ChinaTime.StartOf(from), ChinaTime.StartOf(to.AddDays(1))) { Department = department };
        await foreach (var c in store.HotSpotCasesAsync(query, cancellationToken))
        {
            finder.Add(c);
        }

        var categories = tenants.Find(tenant)?.Categories;
        return finder.Finish(from, to, id => categories?.GetValueOrDefault(id)?.Name);
    }

    /// <summary>The declared keys of the status words (<c>status.dispatched</c>), by the status they name.</summary>
    private static readonly FrozenDictionary<string, string> StatusKeys = typeof(TextKeys.Words.Status)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToFrozenDictionary(key => key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..], StringComparer.Ordinal);

    /// <summary>A status as people read it (已派单（待签收）); a word without a text as stored.</summary>
    private static string StatusWord(string status, CultureInfo culture) =>
        StatusKeys.TryGetValue(status, out var key) ? new Text(key).In(culture) : status;

    /// <summary>One sheet per list, one row per listed case, the hot spot's columns repeated on each of its rows.</summary>
    public static async Task WriteSheetsAsync(Workbook workbook, HotSpotReport report, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        string T(string key) => new Text(key).In(culture);
        string[] caseColumns = [T(TextKeys.HotSpots.Number), T(TextKeys.HotSpots.RegisteredAt), T(TextKeys.HotSpots.Category), T(TextKeys.HotSpots.Status), T(TextKeys.HotSpots.Excerpt)];
        object?[] CaseCells(HotSpotCaseItem c) => [c.Number, c.RegisteredAt, c.CategoryName ?? c.Category, StatusWord(c.Status, culture), c.Excerpt];

        await workbook.AddSheetAsync(
            T(TextKeys.HotSpots.PlacesSheet),
            [T(TextKeys.HotSpots.Category), T(TextKeys.HotSpots.Place), T(TextKeys.HotSpots.PlaceKind), T(TextKeys.HotSpots.District), T(TextKeys.HotSpots.Count),
                T(TextKeys.HotSpots.First), T(TextKeys.HotSpots.Last), .. caseColumns],
            cancellationToken);
        foreach (var spot in report.Places)
        {
            var kind = T(spot.Kind switch { "road" => TextKeys.HotSpots.KindRoad, "community" => TextKeys.HotSpots.KindCommunity, _ => TextKeys.HotSpots.KindTown });
            foreach (var c in spot.Cases)
            {
                await workbook.AddRowAsync([spot.CategoryName ?? spot.Category, spot.Place, kind, spot.District, spot.Count, spot.First, spot.Last, .. CaseCells(c)], cancellationToken);
            }
        }

        await workbook.AddSheetAsync(
            T(TextKeys.HotSpots.RepeatSheet), [T(TextKeys.HotSpots.Name), T(TextKeys.HotSpots.Phone), T(TextKeys.HotSpots.Count), .. caseColumns], cancellationToken);
        foreach (var complainant in report.RepeatComplainants)
        {
            foreach (var c in complainant.Cases)
            {
                await workbook.AddRowAsync([complainant.Name, complainant.Phone, complainant.Count, .. CaseCells(c)], cancellationToken);
            }
        }

        await workbook.AddSheetAsync(T(TextKeys.HotSpots.TermsSheet), [T(TextKeys.HotSpots.Term), T(TextKeys.HotSpots.Count), .. caseColumns], cancellationToken);
        foreach (var term in report.Terms)
        {
            foreach (var c in term.Cases)
            {
                await workbook.AddRowAsync([term.Term, term.Count, .. CaseCells(c)], cancellationToken);
            }
        }
    }
}

/// <summary>The hot spots of the month in the monthly snapshot, for the whole tenant, with the default thresholds.</summary>
public sealed class HotSpotSection(HotSpotReports reports) : IReportSection
{
    public string Name => "hotspots";

    public bool BelongsTo(SnapshotKind kind) => kind == SnapshotKind.Monthly;

    public async Task<ReportSection> ProduceAsync(string tenant, DateOnly from, DateOnly to, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var report = await reports.BuildAsync(tenant, from, to, department: null, new HotSpotOptions(), cancellationToken);
        return new ReportSection(Name, report, (workbook, token) => HotSpotReports.WriteSheetsAsync(workbook, report, culture, token));
    }
}
