using System.Globalization;
using System.Text.Json;
using Complaints.Grains;
using Complaints.Storage;
using Complaints.Texts;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Complaints.Reports;

/// <summary>
/// Makes a snapshot of a tenant's period from every registered <see cref="IReportSection"/> that belongs to its kind, in
/// zh-CN: the JSON <c>{ kind, from, to, producedAt, sections: { name: data } }</c> (written with the API's JSON options,
/// times in +08:00, so a snapshot reads like the live report did) and one workbook: a cover sheet, then each section's
/// sheets. Who is told: the tenant's supervisors (<see cref="Notices"/>).
/// </summary>
public sealed class ReportSnapshotProducer(IEnumerable<IReportSection> sections, IOptions<JsonOptions> json)
{
    /// <summary>Snapshots are produced in the customer-service center's language.</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("zh-CN");

    /// <summary>The notification's type; it is about no case, so its number is empty (like the calendar's notice).</summary>
    public const string NotificationType = "report-produced";

    public async Task<ReportSnapshot> ProduceAsync(string tenant, ReportPeriod period, DateTimeOffset producedAt, CancellationToken cancellationToken = default)
    {
        var parts = new List<ReportSection>();
        foreach (var section in sections.Where(s => s.BelongsTo(period.Kind)))
        {
            parts.Add(await section.ProduceAsync(tenant, period.From, period.To, Culture, cancellationToken));
        }

        var kind = SnapshotKinds.Name(period.Kind);
        var content = JsonSerializer.Serialize(
            new SnapshotContent(kind, period.From, period.To, producedAt, parts.ToDictionary(p => p.Name, p => p.Data, StringComparer.Ordinal)),
            json.Value.SerializerOptions);

        using var stream = new MemoryStream();
        await using (var workbook = await Workbook.CreateAsync(stream, cancellationToken))
        {
            // The cover sheet names the report, so the file is complete and readable even when no section belongs to the kind.
            await workbook.AddSheetAsync(
                Say(TextKeys.Snapshots.Cover),
                [Say(TextKeys.Snapshots.Report), Say(TextKeys.Snapshots.From), Say(TextKeys.Snapshots.To), Say(TextKeys.Snapshots.ProducedAt), Say(TextKeys.Snapshots.Sections)],
                cancellationToken);
            await workbook.AddRowAsync([Say(SnapshotKinds.WordKey(period.Kind)), period.From, period.To, producedAt, string.Join(", ", parts.Select(p => p.Name))], cancellationToken);
            foreach (var part in parts)
            {
                await part.WriteSheetsAsync(workbook, cancellationToken);
            }

            await workbook.FinishAsync(cancellationToken);
        }

        return new ReportSnapshot(tenant, period.Id, kind, period.From, period.To, producedAt, content, stream.ToArray());
    }

    /// <summary>The supervisors' notification that <paramref name="period"/>'s snapshot was produced: one per snapshot (its id is fixed).</summary>
    public static IReadOnlyList<Notification> Notices(string tenant, ReportPeriod period, DateTimeOffset at)
    {
        var text = new TextRef(
            TextKeys.Snapshots.Produced,
            [TextArg.Word(SnapshotKinds.WordKey(period.Kind)), Date(period.From), Date(period.To), period.Id]);
        return [new Notification($"report:{tenant}:{period.Id}", tenant, $"role:{Roles.Supervisor}", "", NotificationType, null, null, at, text.Key) { Text = text }];
    }

    private static string Say(string key) => new Text(key).In(Culture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The snapshot's JSON, as the API lists it.</summary>
    private sealed record SnapshotContent(string Kind, DateOnly From, DateOnly To, DateTimeOffset ProducedAt, IReadOnlyDictionary<string, object> Sections);
}
