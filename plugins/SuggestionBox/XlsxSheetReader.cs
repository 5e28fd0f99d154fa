using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;

namespace Complaints.Channels.SuggestionBox;

/// <summary>
/// The first worksheet of an .xlsx, read part by part with <see cref="XmlReader"/> over the zip's inflating streams:
/// every bound of <see cref="SheetLimits"/> is checked while reading, so memory stays bounded whatever the workbook
/// declares (a general library loads the shared strings whole and sizes rows by the sheet's own dimension).
/// Cells come back as text: numbers invariant, date-formatted numbers as <c>yyyy-MM-dd[ HH:mm:ss]</c>.
/// </summary>
public static class XlsxSheetReader
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>Built-in number formats that show a date or time (ECMA-376 18.8.30, with the CJK ones).</summary>
    private static readonly HashSet<int> BuiltInDateFormats = [14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58];

    // Scratch space reused by every text read on this thread: a million tiny cells must not cost a million buffers.
    [ThreadStatic]
    private static char[]? _chunk;

    [ThreadStatic]
    private static StringBuilder? _text;

    [ThreadStatic]
    private static StringBuilder? _inline;

    /// <summary>Rows in sheet order: the row number and its cells by column (0-based); empty rows are left out.</summary>
    public static IEnumerable<(int Row, IReadOnlyDictionary<int, string> Cells)> Rows(Stream workbook, SheetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(limits);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            throw new SheetException($"Excel 工作簿无法读取 (malformed .xlsx): {e.GetType().Name}");
        }

        using (zip)
        {
            if (zip.Entries.Count > limits.MaxEntries)
            {
                throw new SheetException($"工作簿的部件超过 {limits.MaxEntries} 个 (at most {limits.MaxEntries} zip entries)", SheetLimit.Entries);
            }

            // The declared sizes first: a bomb that tells the truth is refused before anything is inflated.
            long declared = 0;
            foreach (var entry in zip.Entries)
            {
                declared += entry.Length;
                if (entry.Length < 0 || declared > limits.MaxUncompressedBytes)
                {
                    throw Uncompressed(limits);
                }
            }

            var budget = new InflateBudget(limits.MaxUncompressedBytes);
            var sheetPath = FirstSheetPath(zip, budget);
            var shared = SharedStrings(zip, budget, limits);
            var dateStyles = DateStyles(zip, budget);
            var sheet = zip.GetEntry(sheetPath) ?? throw new SheetException("工作簿中没有工作表 (the workbook has no worksheet)");
            foreach (var row in SheetRows(sheet, budget, limits, shared, dateStyles))
            {
                yield return row;
            }
        }
    }

    /// <summary>What the zip, inflate and XML readers throw on a damaged or unusual workbook (an unsupported compression method included).</summary>
    private static bool IsMalformed(Exception e) =>
        e is XmlException or InvalidDataException or FormatException or OverflowException or NotSupportedException or IOException;

    private static SheetException Uncompressed(SheetLimits limits) =>
        new($"工作簿解压后超过 {limits.MaxUncompressedBytes} 字节 (the workbook unpacks to more than {limits.MaxUncompressedBytes} bytes)", SheetLimit.Uncompressed);

    private static XmlReader Open(ZipArchiveEntry entry, InflateBudget budget)
    {
        Stream inflating;
        try
        {
            inflating = entry.Open();
        }
        catch (Exception e) when (IsMalformed(e))
        {
            throw new SheetException($"Excel 工作簿无法读取 (malformed .xlsx): {e.GetType().Name}");
        }

        return XmlReader.Create(new CountingStream(inflating, budget), new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        });
    }

    /// <summary>Runs <paramref name="read"/> over a part; malformed XML or zip data is a malformed workbook.</summary>
    private static T ReadPart<T>(ZipArchiveEntry entry, InflateBudget budget, Func<XmlReader, T> read)
    {
        try
        {
            using var xml = Open(entry, budget);
            return read(xml);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            throw new SheetException($"Excel 工作簿无法读取 (malformed .xlsx): {e.GetType().Name}");
        }
    }

    private static string FirstSheetPath(ZipArchive zip, InflateBudget budget)
    {
        const string fallback = "xl/worksheets/sheet1.xml";
        if (zip.GetEntry("xl/workbook.xml") is not { } workbook)
        {
            return fallback;
        }

        var relId = ReadPart(workbook, budget, xml => xml.ReadToFollowing("sheet", MainNs) ? xml.GetAttribute("id", RelNs) : null);
        if (relId is null || zip.GetEntry("xl/_rels/workbook.xml.rels") is not { } rels)
        {
            return fallback;
        }

        var target = ReadPart(rels, budget, xml =>
        {
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("Id") == relId)
                {
                    return xml.GetAttribute("Target");
                }
            }

            return null;
        });
        return target is null ? fallback : target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
    }

    private static List<string> SharedStrings(ZipArchive zip, InflateBudget budget, SheetLimits limits)
    {
        if (zip.GetEntry("xl/sharedStrings.xml") is not { } part)
        {
            return [];
        }

        return ReadPart(part, budget, xml =>
        {
            var strings = new List<string>();
            long total = 0;
            while (xml.Read())
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "si")
                {
                    continue;
                }

                var text = InlineText(xml, limits.MaxCellChars);
                total += text.Length;
                if (total > limits.MaxSharedStringChars || strings.Count >= limits.MaxSharedStrings)
                {
                    throw new SheetException($"共享字符串超过 {limits.MaxSharedStringChars} 字或 {limits.MaxSharedStrings} 条 (shared strings over {limits.MaxSharedStringChars} characters or {limits.MaxSharedStrings} strings)", SheetLimit.SharedStrings);
                }

                strings.Add(text);
            }

            return strings;
        });
    }

    /// <summary>The style indexes (<c>s</c>) whose number format shows a date.</summary>
    private static HashSet<int> DateStyles(ZipArchive zip, InflateBudget budget)
    {
        if (zip.GetEntry("xl/styles.xml") is not { } part)
        {
            return [];
        }

        return ReadPart(part, budget, xml =>
        {
            var customDates = new HashSet<int>();
            var styles = new HashSet<int>();
            var inCellXfs = false;
            var index = 0;
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
                {
                    inCellXfs = false;
                }

                if (xml.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                switch (xml.LocalName)
                {
                    case "numFmt" when int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && IsDateFormat(xml.GetAttribute("formatCode")):
                        customDates.Add(id);
                        break;
                    case "cellXfs":
                        inCellXfs = !xml.IsEmptyElement;
                        break;
                    case "xf" when inCellXfs:
                        if (int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var format) && (BuiltInDateFormats.Contains(format) || customDates.Contains(format)))
                        {
                            styles.Add(index);
                        }

                        index++;
                        break;
                }
            }

            return styles;
        });
    }

    /// <summary>A format code that shows a date or time: y, m, d, h or s outside quoted text and [..] sections.</summary>
    private static bool IsDateFormat(string? code)
    {
        if (code is null)
        {
            return false;
        }

        var quoted = false;
        var bracket = false;
        foreach (var c in code)
        {
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '[' when !quoted:
                    bracket = true;
                    break;
                case ']' when !quoted:
                    bracket = false;
                    break;
                default:
                    if (!quoted && !bracket && "ymdhsYMDHS".Contains(c, StringComparison.Ordinal))
                    {
                        return true;
                    }

                    break;
            }
        }

        return false;
    }

    private static IEnumerable<(int Row, IReadOnlyDictionary<int, string> Cells)> SheetRows(ZipArchiveEntry sheet, InflateBudget budget, SheetLimits limits, List<string> shared, HashSet<int> dateStyles)
    {
        XmlReader xml;
        try
        {
            xml = Open(sheet, budget);
        }
        catch (Exception e) when (IsMalformed(e))
        {
            throw new SheetException($"Excel 工作簿无法读取 (malformed .xlsx): {e.GetType().Name}");
        }

        using (xml)
        {
            var rowNumber = 0;
            var rowElements = 0;
            while (true)
            {
                (int, IReadOnlyDictionary<int, string>)? next;
                try
                {
                    next = NextRow(xml, limits, shared, dateStyles, ref rowNumber, ref rowElements);
                }
                catch (Exception e) when (IsMalformed(e))
                {
                    throw new SheetException($"Excel 工作簿无法读取 (malformed .xlsx): {e.GetType().Name}");
                }

                if (next is not { } row)
                {
                    yield break;
                }

                yield return row;
            }
        }
    }

    private static (int, IReadOnlyDictionary<int, string>)? NextRow(XmlReader xml, SheetLimits limits, List<string> shared, HashSet<int> dateStyles, ref int rowNumber, ref int rowElements)
    {
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "row")
            {
                continue;
            }

            if (++rowElements > limits.MaxRowElements)
            {
                throw new SheetException($"工作表超过 {limits.MaxRowElements} 行（含空行）(at most {limits.MaxRowElements} rows, blank ones included)", SheetLimit.Rows);
            }

            rowNumber = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > rowNumber ? r : rowNumber + 1;
            if (xml.IsEmptyElement)
            {
                continue;
            }

            Dictionary<int, string>? cells = null;
            var depth = xml.Depth;
            var column = -1;
            var count = 0;
            while (xml.Read() && xml.Depth > depth)
            {
                if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "c")
                {
                    continue;
                }

                column = ColumnIndex(xml.GetAttribute("r")) ?? column + 1;
                if (column >= limits.MaxColumns || ++count > limits.MaxColumns)
                {
                    throw new SheetException($"第 {rowNumber} 行超过 {limits.MaxColumns} 列 (at most {limits.MaxColumns} columns)", SheetLimit.Columns);
                }

                var value = Cell(xml, limits, shared, dateStyles, rowNumber);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    (cells ??= [])[column] = value;
                }
            }

            if (cells is not null)
            {
                return (rowNumber, cells);
            }
        }

        return null;
    }

    private static string? Cell(XmlReader xml, SheetLimits limits, List<string> shared, HashSet<int> dateStyles, int row)
    {
        var type = xml.GetAttribute("t");
        var date = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var style) && dateStyles.Contains(style);
        if (xml.IsEmptyElement)
        {
            return null;
        }

        string? raw = null;
        var depth = xml.Depth;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "v")
            {
                raw = Text(xml, limits.MaxCellChars, row);
            }
            else if (xml.LocalName == "is")
            {
                raw = InlineText(xml, limits.MaxCellChars, row);
            }
        }

        if (raw is null)
        {
            return null;
        }

        switch (type)
        {
            case "s":
                var index = int.Parse(raw, NumberStyles.None, CultureInfo.InvariantCulture);
                return index < shared.Count ? shared[index] : throw new FormatException("shared string index");
            case "b":
                return raw == "1" ? "TRUE" : "FALSE";
            case "str" or "inlineStr" or "e":
                return raw;
            default:
                var number = double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
                if (date && number is >= 0 and < 2958466)
                {
                    var d = DateTime.FromOADate(number);
                    return d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                }

                return number.ToString("0.##########", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>The text of an <c>si</c> or <c>is</c> element: its <c>t</c> runs, phonetic runs (<c>rPh</c>) left out.</summary>
    private static string InlineText(XmlReader xml, int maxChars, int row = 0)
    {
        if (xml.IsEmptyElement)
        {
            return "";
        }

        var text = _inline ??= new StringBuilder();
        text.Clear();
        var depth = xml.Depth;
        var phonetic = false;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.LocalName == "rPh")
            {
                phonetic = xml.NodeType == XmlNodeType.Element && !xml.IsEmptyElement;
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "t")
            {
                var run = Text(xml, maxChars - text.Length, row, maxChars);
                if (!phonetic)
                {
                    text.Append(run);
                }
            }
        }

        return text.ToString();
    }

    /// <summary>The text content of the current element, read in chunks and refused past <paramref name="room"/> characters.</summary>
    private static string Text(XmlReader xml, int room, int row, int? cellLimit = null)
    {
        var limit = cellLimit ?? room;
        if (xml.IsEmptyElement)
        {
            return "";
        }

        var text = _text ??= new StringBuilder();
        text.Clear();
        var chunk = _chunk ??= new char[1024];
        var depth = xml.Depth;
        while (xml.Read() && xml.Depth > depth)
        {
            if (xml.NodeType is not (XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace))
            {
                continue;
            }

            int read;
            while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                if (text.Length + read > room)
                {
                    var where = row > 0 ? $"第 {row} 行的" : "";
                    throw new SheetException($"{where}单元格超过 {limit} 字 (a cell holds at most {limit} characters)", SheetLimit.CellLength);
                }

                text.Append(chunk, 0, read);
            }
        }

        return text.ToString();
    }

    /// <summary>The 0-based column of a reference such as <c>AB12</c>; null when absent or not a reference.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        var i = 0;
        for (; i < reference.Length && char.IsAsciiLetterUpper(reference[i]); i++)
        {
            column = (column * 26) + (reference[i] - 'A' + 1);
            if (column > 1 << 20)
            {
                return int.MaxValue;
            }
        }

        return i == 0 ? null : column - 1;
    }

    /// <summary>The bytes all parts together may inflate to, counted as they are read (a declared size can lie).</summary>
    private sealed class InflateBudget(long max)
    {
        private long _used;

        public void Use(int bytes)
        {
            _used += bytes;
            if (_used > max)
            {
                throw new SheetException($"工作簿解压后超过 {max} 字节 (the workbook unpacks to more than {max} bytes)", SheetLimit.Uncompressed);
            }
        }
    }

    /// <summary>A read-only stream that charges every byte it hands out to the budget.</summary>
    private sealed class CountingStream(Stream inner, InflateBudget budget) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.Use(read);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
