using System.Text;

namespace Complaints.Channels.SuggestionBox;

/// <summary>A sheet that cannot be read as a whole, or goes over a <see cref="SheetLimits"/> bound: nothing of it is imported.</summary>
public sealed class SheetException(string message, SheetLimit limit = SheetLimit.None) : Exception(message)
{
    public SheetLimit Limit { get; } = limit;
}

/// <summary>
/// Reads a batch sheet (CSV in an encoding <see cref="CsvEncoding"/> accepts, or the first sheet of an .xlsx) into rows
/// numbered as the sheet numbers them (the header is row 1). Headers may be English or Chinese; unknown columns are
/// ignored. The bounds of <see cref="SheetLimits"/> are checked while reading.
/// </summary>
public static class SheetReader
{
    private static readonly Dictionary<string, string> Columns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hall"] = "hall", ["box"] = "hall", ["箱号"] = "hall", ["意见箱"] = "hall", ["服务厅"] = "hall", ["营业厅"] = "hall",
        ["receivedDate"] = "receivedDate", ["received date"] = "receivedDate", ["received"] = "receivedDate", ["开箱日期"] = "receivedDate", ["收到日期"] = "receivedDate",
        ["content"] = "content", ["内容"] = "content", ["意见内容"] = "content",
        ["name"] = "name", ["姓名"] = "name",
        ["phone"] = "phone", ["电话"] = "phone", ["联系电话"] = "phone",
        ["address"] = "address", ["地址"] = "address",
        ["rowId"] = "rowId", ["row id"] = "rowId", ["id"] = "rowId", ["编号"] = "rowId",
        ["kind"] = "kind", ["类型"] = "kind",
        ["scans"] = "scans", ["scan"] = "scans", ["扫描件"] = "scans",
    };

    private static readonly string[] Required = ["hall", "receivedDate", "content"];

    public static bool LooksLikeXlsx(ReadOnlySpan<byte> data) => data.StartsWith("PK\u0003\u0004"u8);

    public static IReadOnlyList<(int Row, BoxRow Item)> Read(byte[] data, string? fileName, SheetLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        limits ??= SheetLimits.Default;
        var xlsx = LooksLikeXlsx(data);
        if (fileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true && !xlsx)
        {
            throw new SheetException("文件扩展名为 .xlsx，但内容不是 Excel 工作簿 (not an .xlsx workbook)");
        }

        return xlsx ? ReadXlsx(data, limits) : ReadCsv(data, fileName, limits);
    }

    private static List<(int, BoxRow)> ReadCsv(byte[] data, string? fileName, SheetLimits limits)
    {
        var (text, _) = CsvEncoding.Decode(data, fileName);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new SheetException("不是文本 CSV 文件 (not a text CSV file)");
        }

        var rows = new List<(int, BoxRow)>();
        Dictionary<string, int>? header = null;
        var firstLine = text.AsSpan(0, Math.Max(0, text.IndexOf('\n', StringComparison.Ordinal) is var nl and >= 0 ? nl : text.Length));
        var delimiter = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',';
        foreach (var (line, record) in ParseCsv(text, delimiter))
        {
            if (header is null)
            {
                header = Header(record.Select(h => h.Trim()));
                continue;
            }

            if (record.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (record.Count > limits.MaxColumns)
            {
                throw new SheetException($"第 {line} 行超过 {limits.MaxColumns} 列 (at most {limits.MaxColumns} columns)", SheetLimit.Columns);
            }

            if (record.FirstOrDefault(f => f.Length > limits.MaxCellChars) is not null)
            {
                throw new SheetException($"第 {line} 行的单元格超过 {limits.MaxCellChars} 字 (a cell holds at most {limits.MaxCellChars} characters)", SheetLimit.CellLength);
            }

            rows.Add((line, ToRow(header, i => i < record.Count ? record[i] : null)));
            EnsureRowCount(rows.Count, limits);
        }

        return header is null ? throw new SheetException("文件为空，没有表头 (empty: no header row)") : rows;
    }

    /// <summary>
    /// RFC 4180: fields separated by <paramref name="delimiter"/>, records by CRLF or LF, quoted fields may hold
    /// delimiters, line breaks and doubled quotes. Strict: a quote inside an unquoted field, text after a closing
    /// quote, or a quote never closed is a malformed sheet. Yields each record with the line it starts on.
    /// </summary>
    public static IEnumerable<(int Line, List<string> Fields)> ParseCsv(string text, char delimiter = ',')
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            while (true)
            {
                if (i < text.Length && text[i] == '"')
                {
                    var quoteLine = line;
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            throw new SheetException($"CSV 第 {quoteLine} 行的引号没有闭合 (malformed CSV: a quote opened on line {quoteLine} is never closed)");
                        }

                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        if (text[i] == '\n')
                        {
                            line++;
                        }

                        field.Append(text[i++]);
                    }

                    if (i < text.Length && text[i] != delimiter && text[i] != '\r' && text[i] != '\n')
                    {
                        throw new SheetException($"CSV 第 {line} 行引号后有多余字符 (malformed CSV: text after a closing quote on line {line})");
                    }
                }
                else
                {
                    while (i < text.Length && text[i] != delimiter && text[i] != '\r' && text[i] != '\n')
                    {
                        if (text[i] == '"')
                        {
                            throw new SheetException($"CSV 第 {line} 行有未加引号的引号 (malformed CSV: a quote inside an unquoted field on line {line})");
                        }

                        field.Append(text[i++]);
                    }
                }

                fields.Add(field.ToString());
                field.Clear();
                if (i < text.Length && text[i] == delimiter)
                {
                    i++;
                    continue;
                }

                if (i < text.Length && text[i] == '\r')
                {
                    i++;
                }

                if (i < text.Length && text[i] == '\n')
                {
                    i++;
                }

                line++;
                break;
            }

            yield return (start, fields);
        }
    }

    private static List<(int, BoxRow)> ReadXlsx(byte[] data, SheetLimits limits)
    {
        using var stream = new MemoryStream(data, writable: false);
        Dictionary<string, int>? header = null;
        var rows = new List<(int, BoxRow)>();
        foreach (var (row, cells) in XlsxSheetReader.Rows(stream, limits))
        {
            if (header is null)
            {
                var width = cells.Keys.Max() + 1;
                header = Header(Enumerable.Range(0, width).Select(c => cells.GetValueOrDefault(c) ?? ""));
                continue;
            }

            rows.Add((row, ToRow(header, c => cells.GetValueOrDefault(c))));
            EnsureRowCount(rows.Count, limits);
        }

        return header is null ? throw new SheetException("工作表为空，没有表头 (empty: no header row)") : rows;
    }

    /// <summary>Stops reading at the first row over the bound, so a long sheet costs no more than a full one.</summary>
    private static void EnsureRowCount(int rows, SheetLimits limits)
    {
        if (rows > limits.MaxRows)
        {
            throw new SheetException($"一次最多 {limits.MaxRows} 行 (at most {limits.MaxRows} rows per batch)", SheetLimit.Rows);
        }
    }

    private static Dictionary<string, int> Header(IEnumerable<string> names)
    {
        var header = new Dictionary<string, int>(StringComparer.Ordinal);
        var index = 0;
        foreach (var name in names)
        {
            if (Columns.TryGetValue(name.Trim(), out var column) && !header.TryAdd(column, index))
            {
                throw new SheetException($"列 {column} 出现了两次 (the column {column} appears twice)");
            }

            index++;
        }

        var missing = Required.Where(r => !header.ContainsKey(r)).ToList();
        return missing.Count > 0
            ? throw new SheetException($"缺少列：{string.Join(", ", missing)} (missing columns; the header row needs hall, receivedDate, content)")
            : header;
    }

    private static BoxRow ToRow(Dictionary<string, int> header, Func<int, string?> cell)
    {
        string? Get(string column) => header.TryGetValue(column, out var i) ? cell(i) : null;
        return new BoxRow
        {
            Hall = Get("hall"),
            ReceivedDate = Get("receivedDate"),
            Content = Get("content"),
            Name = Get("name"),
            Phone = Get("phone"),
            Address = Get("address"),
            RowId = Get("rowId"),
            Kind = Get("kind"),
            Scans = Get("scans"),
        };
    }
}
