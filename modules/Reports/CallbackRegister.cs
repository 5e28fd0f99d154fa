using System.Globalization;
using System.Text;
using System.Text.Json;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;
using static Complaints.Texts.TextKeys;

namespace Complaints.Reports;

/// <summary>
/// A callback recorded on the day: the case's latest callback with a satisfaction (the ledger's 回访时间), who made it
/// and what they noted (phones in the note masked).
/// </summary>
public sealed record CalledBack(
    string Number, string? Name, string? Phone, string? Department, string? Result, string? Satisfaction, string? CalledBackBy, DateTimeOffset CalledBackAt, string? Note);

/// <summary>A resolved case whose callback clock is running: the desk still has to call this customer; <see cref="CallbackDueAt"/> is the clock's deadline.</summary>
public sealed record AwaitingCallback(string Number, string? Name, string? Phone, string? Department, string? Result, DateTimeOffset? CallbackDueAt);

/// <summary>The daily callback register (回访登记表, seed 001 §5.6 and §6.2): the day's callbacks and the cases awaiting one.</summary>
public sealed record CallbackRegisterReport(string Date, IReadOnlyList<CalledBack> CalledBack, IReadOnlyList<AwaitingCallback> Awaiting);

/// <summary>
/// Builds the callback register from the ledger: the cases whose latest callback with a satisfaction was recorded on
/// the day, and the cases resolved and awaiting their callback when the register is made. Who called back and the
/// note come from each called-back case's own history (a handful a day).
/// </summary>
public sealed class CallbackRegister(ICallbackLedger callbacks, ILedger ledger, ICaseEventStore events, TenantDirectory tenants, TimeProvider time)
{
    /// <summary>The stored name of a callback with a satisfaction (the case events' own word).</summary>
    private const string CallbackRecorded = "callback-recorded";

    /// <summary>The status of a case awaiting its callback.</summary>
    private const string Resolved = "resolved";

    public async Task<CallbackRegisterReport> BuildAsync(string tenant, DateOnly from, DateOnly to, string? department, CancellationToken cancellationToken = default)
    {
        var rows = await callbacks.CalledBackAsync(tenant, ChinaTime.StartOf(from), ChinaTime.StartOf(to.AddDays(1)), department, cancellationToken);
        var calledBack = new List<CalledBack>(rows.Count);
        foreach (var row in rows)
        {
            var history = await events.ReadAsync(tenant, row.Number, cancellationToken);
            // The ledger keeps times to the millisecond (SQLite), the history to the tick.
            var callback = history.LastOrDefault(e => e.Type == CallbackRecorded && (e.At - row.CallbackAt!.Value).Duration() < TimeSpan.FromMilliseconds(1))
                ?? history.LastOrDefault(e => e.Type == CallbackRecorded);
            calledBack.Add(new CalledBack(
                row.Number, row.ComplainantName, row.ComplainantPhoneMasked, row.Department, row.Result, row.Satisfaction,
                callback?.Actor, callback?.At ?? row.CallbackAt!.Value, PhoneMask.InTextOrNull(NoteOf(callback))));
        }

        var awaiting = new List<AwaitingCallback>();
        await foreach (var row in ledger.StreamAsync(new LedgerQuery { Tenant = tenant, Status = Resolved, Department = department }, cancellationToken))
        {
            awaiting.Add(new AwaitingCallback(row.Number, row.ComplainantName, row.ComplainantPhoneMasked, row.Department, row.Result, row.NextDueAt));
        }

        return new CallbackRegisterReport(from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), calledBack, awaiting);
    }

    private static string? NoteOf(StoredEvent? callback)
    {
        if (callback is null)
        {
            return null;
        }

        using var data = JsonDocument.Parse(callback.Data);
        return data.RootElement.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String ? note.GetString() : null;
    }

    private static readonly string[] CalledBackHeaders =
    [
        Ledger.Header.Number, Ledger.Header.Complainant, Ledger.Header.Phone, Ledger.Header.Department, Ledger.Header.Result,
        Ledger.Header.Satisfaction, DailyLists.Header.CalledBackBy, Ledger.Header.CallbackAt, DailyLists.Header.Note,
    ];

    private static readonly string[] AwaitingHeaders =
    [
        Ledger.Header.Number, Ledger.Header.Complainant, Ledger.Header.Phone, Ledger.Header.Department, Ledger.Header.Result,
        DailyLists.Header.CallbackDueAt,
    ];

    /// <summary>Two sheets: the day's callbacks, then the cases awaiting one.</summary>
    public async Task WriteSheetsAsync(Workbook workbook, string tenant, CallbackRegisterReport report, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var directory = Directory(tenant);
        await workbook.AddSheetAsync(ReportWords.Of(DailyLists.CalledBackSheet, culture), [.. CalledBackHeaders.Select(h => ReportWords.Of(h, culture))], cancellationToken);
        foreach (var c in report.CalledBack)
        {
            await workbook.AddRowAsync(CalledBackCells(c, directory, culture), cancellationToken);
        }

        await workbook.AddSheetAsync(ReportWords.Of(DailyLists.AwaitingSheet, culture), [.. AwaitingHeaders.Select(h => ReportWords.Of(h, culture))], cancellationToken);
        foreach (var a in report.Awaiting)
        {
            await workbook.AddRowAsync(AwaitingCells(a, directory), cancellationToken);
        }
    }

    /// <summary>The printable page (A4): the day's callbacks, then the cases awaiting one.</summary>
    public string Html(string tenant, CallbackRegisterReport report, CultureInfo culture)
    {
        var directory = Directory(tenant);
        var title = ReportWords.Of(DailyLists.CallbacksTitle, culture);
        var none = ReportWords.Of(DailyLists.None, culture);
        var body = new StringBuilder();
        DailyPage.Heading(body, directory, title, report.Date, ChinaTime.Now(time), culture);
        DailyPage.SubHeading(body, ReportWords.Of(DailyLists.CalledBackSheet, culture));
        DailyPage.TableStart(body, [.. CalledBackHeaders.Select(h => ReportWords.Of(h, culture))]);
        foreach (var c in report.CalledBack)
        {
            DailyPage.Row(body, [.. CalledBackCells(c, directory, culture).Select(Printed)]);
        }

        DailyPage.TableEnd(body, CalledBackHeaders.Length, report.CalledBack.Count == 0 ? none : null);
        DailyPage.SubHeading(body, ReportWords.Of(DailyLists.AwaitingSheet, culture));
        DailyPage.TableStart(body, [.. AwaitingHeaders.Select(h => ReportWords.Of(h, culture))]);
        foreach (var a in report.Awaiting)
        {
            DailyPage.Row(body, [.. AwaitingCells(a, directory).Select(Printed)]);
        }

        DailyPage.TableEnd(body, AwaitingHeaders.Length, report.Awaiting.Count == 0 ? none : null);
        return PrintPage.Render(culture.Name, title, body.ToString());
    }

    private static object?[] CalledBackCells(CalledBack c, Tenant directory, CultureInfo culture) =>
        [c.Number, c.Name, c.Phone, ReportWords.Department(directory, c.Department), c.Result, ReportWords.Satisfaction(c.Satisfaction, culture), c.CalledBackBy, c.CalledBackAt, c.Note];

    private static object?[] AwaitingCells(AwaitingCallback a, Tenant directory) =>
        [a.Number, a.Name, a.Phone, ReportWords.Department(directory, a.Department), a.Result, a.CallbackDueAt];

    /// <summary>A cell as the printed page shows it (times in China time, like the workbook).</summary>
    private static string? Printed(object? value) => value switch
    {
        DateTimeOffset t => ReportWords.Time(t),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    private Tenant Directory(string tenant) => tenants.Find(tenant) ?? throw new ArgumentException($"No tenant '{tenant}'.", nameof(tenant));
}
