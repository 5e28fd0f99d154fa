using System.Globalization;
using System.Net;
using System.Text;
using ExcelDataReader;

namespace Complaints.Api.Tests;

/// <summary>An .xlsx answer read back with ExcelDataReader (a reader independent of the writer): each sheet's rows of cell texts.</summary>
public static class Spreadsheets
{
    static Spreadsheets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static async Task<IReadOnlyList<IReadOnlyList<string?[]>>> ReadAsync(this Task<HttpResponseMessage> call)
    {
        var response = await call;
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe(ContentType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(bytes));
        var sheets = new List<IReadOnlyList<string?[]>>();
        do
        {
            var rows = new List<string?[]>();
            while (reader.Read())
            {
                var row = new string?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.GetValue(i) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
                }

                rows.Add(row);
            }

            sheets.Add(rows);
        }
        while (reader.NextResult());
        return sheets;
    }

    /// <summary>The rows of a sheet as header → value, one per row after the header row.</summary>
    public static IReadOnlyList<Dictionary<string, string?>> Records(IReadOnlyList<string?[]> sheet)
    {
        var headers = sheet[0];
        return [.. sheet.Skip(1).Select(r => headers.Select((h, i) => (h!, i < r.Length ? r[i] : null)).ToDictionary(p => p.Item1, p => p.Item2))];
    }

    /// <summary>A time of the API (ISO 8601 with offset) as the reports print it: China time, to the minute.</summary>
    public static string China(string? isoTime) =>
        DateTimeOffset.Parse(isoTime!, CultureInfo.InvariantCulture).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
