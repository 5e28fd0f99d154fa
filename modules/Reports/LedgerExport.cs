using System.Globalization;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;
using static Complaints.Texts.TextKeys.Ledger;

namespace Complaints.Reports;

/// <summary>
/// The ledger (台账, seed 000 art. 13) as .xlsx: one sheet, a header row, one row per case read from the ledger as a
/// stream and written as it comes, so a 100,000-case export holds one row at a time. Phones are the ledger's masked
/// ones unless the caller supplies the full number of a row (the API does, audited per case, for those who may).
/// </summary>
public sealed class LedgerExport(ILedger ledger, TenantDirectory tenants)
{
    /// <summary>The most rows an export with full contacts may hold: each one is a recorded contact view of its case.</summary>
    public const int MostRowsWithFullContacts = 500;

    /// <summary>The columns, in order (the fixed headers of docs/api.md, with the kind, target, address and times beside them).</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        Header.Number, Header.Complainant, Header.Phone, Header.Address, Header.ReceivedAt, Header.Channel, Header.Kind,
        Header.Content, Header.Category, Header.Target, Header.Location, Header.Department, Header.Handler, Header.Owner,
        Header.DispatchedAt, Header.ResolutionDueAt, Header.Result, Header.CallbackAt, Header.Satisfaction, Header.Status,
        Header.Overdue, Header.ClosedAt, Header.Redispatches, Header.RecomplaintOf,
    ];

    /// <summary>
    /// Writes the cases <paramref name="query"/> matches into <paramref name="output"/>. <paramref name="fullPhone"/>,
    /// when given, is asked for each row's unmasked phone (null keeps the masked one).
    /// </summary>
    public async Task WriteAsync(
        Stream output, LedgerQuery query, CultureInfo culture, Func<LedgerRow, CancellationToken, Task<string?>>? fullPhone, CancellationToken cancellationToken = default)
    {
        var tenant = tenants.Find(query.Tenant) ?? throw new ArgumentException($"No tenant '{query.Tenant}'.", nameof(query));
        await using var workbook = await Workbook.CreateAsync(output, cancellationToken);
        await workbook.AddSheetAsync(ReportWords.Of(Sheet, culture), [.. Headers.Select(h => ReportWords.Of(h, culture))], cancellationToken);
        await foreach (var row in ledger.StreamAsync(query, cancellationToken))
        {
            var phone = fullPhone is null ? null : await fullPhone(row, cancellationToken);
            await workbook.AddRowAsync(Values(row, tenant, culture, phone ?? row.ComplainantPhoneMasked), cancellationToken);
        }

        await workbook.FinishAsync(cancellationToken);
    }

    /// <summary>One case's cells, in the order of <see cref="Headers"/>.</summary>
    public static IReadOnlyList<object?> Values(LedgerRow row, Tenant tenant, CultureInfo culture, string? phone) =>
    [
        row.Number,
        row.ComplainantName,
        phone,
        row.Address,
        row.ReceivedAt,
        ReportWords.Channel(tenant, row.Channel),
        ReportWords.Kind(row.Kind, culture),
        row.Content,
        ReportWords.Category(tenant, row.Category),
        ReportWords.Target(row.TargetType, row.TargetName, culture),
        row.Location,
        ReportWords.Department(tenant, row.Department),
        row.Handler,
        row.Owner,
        row.DispatchedAt,
        row.ResolutionDueAt,
        row.Result,
        row.CallbackAt,
        ReportWords.Satisfaction(row.Satisfaction, culture),
        ReportWords.Status(row.Status, culture),
        ReportWords.YesNo(row.ResolutionBreached || row.Overdue, culture),
        row.ClosedAt,
        row.Redispatches,
        row.RecomplaintOf,
    ];

    /// <summary>The file's name: the ledger's word and the day it was made (China date).</summary>
    public static string FileName(DateOnly today, CultureInfo culture) =>
        $"{ReportWords.Of(FileNameKey, culture)}-{today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx";

    private const string FileNameKey = TextKeys.Ledger.FileName;
}
