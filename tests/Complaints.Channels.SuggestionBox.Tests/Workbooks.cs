using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Complaints.Channels.SuggestionBox.Tests;

/// <summary>
/// Hand-made .xlsx files for the limit tests: the smallest valid workbook around a sheet and shared strings whose XML
/// is streamed into the zip (so a bomb of many megabytes never sits in the test's memory as text).
/// </summary>
internal static class Workbooks
{
    public const string SheetPath = "xl/worksheets/sheet1.xml";

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook whose sheet is <paramref name="sheetStart"/>, <paramref name="repeat"/> × <paramref name="repeated"/>, <paramref name="sheetEnd"/>.</summary>
    public static byte[] Build(string sheetStart, string repeated, int repeat, string sheetEnd, string? sharedStrings = null, string? sharedRepeated = null, int sharedRepeat = 0)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Write(zip, "xl/workbook.xml", $"""<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Write(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            if (sharedStrings is not null)
            {
                Write(zip, "xl/sharedStrings.xml", $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">{sharedStrings}""", sharedRepeated, sharedRepeat, "</sst>");
            }

            Write(zip, SheetPath, $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{sheetStart}""", repeated, repeat, sheetEnd + "</sheetData></worksheet>");
        }

        return output.ToArray();
    }

    /// <summary>A sheet of a header row (hall, receivedDate, content) and <paramref name="rows"/> rows of inline strings.</summary>
    public static byte[] Rows(int rows, string date) =>
        Build(
            """<row r="1"><c r="A1" t="inlineStr"><is><t>hall</t></is></c><c r="B1" t="inlineStr"><is><t>receivedDate</t></is></c><c r="C1" t="inlineStr"><is><t>content</t></is></c></row>""",
            $"""<row><c t="inlineStr"><is><t>城东营业厅</t></is></c><c t="inlineStr"><is><t>{date}</t></is></c><c t="inlineStr"><is><t>意见</t></is></c></row>""",
            rows,
            "");

    /// <summary>Rewrites the uncompressed size the zip declares for <paramref name="entry"/> (local header and central directory).</summary>
    public static byte[] DeclareLength(byte[] zip, string entry, uint length)
    {
        var data = (byte[])zip.Clone();
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 < data.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(i));
            if (signature == 0x04034b50 && data.AsSpan(i + 30).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(i + 22), length);
            }
            else if (signature == 0x02014b50 && data.AsSpan(i + 46).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(data.AsSpan(i + 24), length);
            }
        }

        return data;
    }

    private static void Write(ZipArchive zip, string path, string start, string? repeated = null, int repeat = 0, string end = "")
    {
        using var stream = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
        stream.Write(Encoding.UTF8.GetBytes(start));
        if (repeated is not null)
        {
            var chunk = Encoding.UTF8.GetBytes(repeated);
            for (var i = 0; i < repeat; i++)
            {
                stream.Write(chunk);
            }
        }

        stream.Write(Encoding.UTF8.GetBytes(end));
    }
}
