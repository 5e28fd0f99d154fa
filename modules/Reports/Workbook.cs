using System.Globalization;
using Complaints.Sla;
using SpreadCheetah;

namespace Complaints.Reports;

/// <summary>
/// An .xlsx workbook written straight to a stream (the HTTP response or a snapshot's bytes), one row at a time: a
/// 100,000-row ledger is never held in memory. Every report's Excel form goes through here, so they all read alike:
/// a header row, then one row per item; times in China time as text (<c>2026-11-30 08:15</c>), numbers as numbers.
/// </summary>
public sealed class Workbook : IAsyncDisposable
{
    private readonly Spreadsheet _spreadsheet;

    private Workbook(Spreadsheet spreadsheet) => _spreadsheet = spreadsheet;

    public static async Task<Workbook> CreateAsync(Stream output, CancellationToken cancellationToken = default) =>
        new(await Spreadsheet.CreateNewAsync(output, cancellationToken: cancellationToken));

    /// <summary>A new sheet (names are cut to Excel's 31 characters) with its header row.</summary>
    public async Task AddSheetAsync(string name, IReadOnlyList<string> headers, CancellationToken cancellationToken = default)
    {
        await _spreadsheet.StartWorksheetAsync(name.Length > 31 ? name[..31] : name, token: cancellationToken);
        await _spreadsheet.AddRowAsync([.. headers.Select(h => new Cell(h))], cancellationToken);
    }

    /// <summary>One row of the current sheet; see <see cref="CellOf"/> for how each value is written.</summary>
    public ValueTask AddRowAsync(IReadOnlyList<object?> values, CancellationToken cancellationToken = default) =>
        _spreadsheet.AddRowAsync([.. values.Select(CellOf)], cancellationToken);

    /// <summary>Writes the rows as they come (an async stream straight from the ledger).</summary>
    public async Task AddRowsAsync(IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken cancellationToken = default)
    {
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await AddRowAsync(row, cancellationToken);
        }
    }

    /// <summary>Ends the workbook: the stream holds a complete .xlsx after this.</summary>
    public ValueTask FinishAsync(CancellationToken cancellationToken = default) => _spreadsheet.FinishAsync(cancellationToken);

    public ValueTask DisposeAsync() => _spreadsheet.DisposeAsync();

    /// <summary>
    /// null → an empty cell; numbers → numbers; a time → China time as text (what an office reads and sorts);
    /// a date → <c>yyyy-MM-dd</c>; anything else → its text. Text starting with <c>= + - @</c> stays text: SpreadCheetah
    /// writes no formulas from strings, so a complaint's content cannot become one.
    /// </summary>
    public static Cell CellOf(object? value) => value switch
    {
        null => new Cell(),
        string s => new Cell(s),
        int i => new Cell(i),
        long l => new Cell(l),
        decimal m => new Cell(m),
        double d => new Cell(d),
        bool b => new Cell(b),
        DateTimeOffset t => new Cell(ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
        DateOnly d => new Cell(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => new Cell(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
