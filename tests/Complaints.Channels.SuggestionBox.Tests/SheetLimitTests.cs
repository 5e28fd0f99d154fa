using System.Globalization;

namespace Complaints.Channels.SuggestionBox.Tests;

/// <summary>
/// The bounds of a batch sheet are checked while it is read: each hostile workbook is refused with the bound it broke,
/// and reading it allocates less than <see cref="MemoryBound"/> on the importing thread (the upload size is 2 MiB;
/// the first report was 640 MB for 280 KiB).
/// </summary>
public sealed class SheetLimitTests
{
    private const long MemoryBound = 64L * 1024 * 1024;
    private static readonly string Date = DateTime.UtcNow.AddHours(8).Date.AddDays(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static readonly string Spaces = new(' ', 4096);

    private static (SheetException Refusal, long Allocated) Refuse(byte[] workbook)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Should.Throw<SheetException>(() => SheetReader.Read(workbook, "bomb.xlsx"));
        return (refusal, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_zip_bomb_that_declares_its_size_is_refused_before_inflating()
    {
        // 48 MiB of sheet in a few dozen KiB of zip.
        var bomb = Workbooks.Build("", Spaces, 12 * 1024, "");
        bomb.Length.ShouldBeLessThan(128 * 1024);

        var (refusal, allocated) = Refuse(bomb);

        refusal.Limit.ShouldBe(SheetLimit.Uncompressed);
        allocated.ShouldBeLessThan(MemoryBound);
    }

    [Fact]
    public void A_zip_bomb_that_lies_about_its_size_is_stopped_by_the_bytes_actually_inflated()
    {
        var bomb = Workbooks.DeclareLength(Workbooks.Build("", Spaces, 12 * 1024, ""), Workbooks.SheetPath, 1000);

        var (refusal, allocated) = Refuse(bomb);

        // The runtime's entry stream ends at the declared size (the sheet's XML is then cut short, a malformed
        // workbook); the reader's own count of inflated bytes stands behind it. Never a 48 MiB read.
        refusal.Limit.ShouldBeOneOf(SheetLimit.Uncompressed, SheetLimit.None);
        allocated.ShouldBeLessThan(MemoryBound);
    }

    [Fact]
    public void Shared_strings_past_their_bound_are_refused()
    {
        // 7 MiB of one-letter strings: under the unpacked bound, far over the number of strings a sheet can use.
        var bomb = Workbooks.Build("", "", 0, "", sharedStrings: "", sharedRepeated: "<si><t>x</t></si>", sharedRepeat: 7 * 1024 * 1024 / 16);

        var (refusal, allocated) = Refuse(bomb);

        refusal.Limit.ShouldBe(SheetLimit.SharedStrings);
        allocated.ShouldBeLessThan(MemoryBound);
    }

    [Fact]
    public void A_huge_cell_is_refused_at_the_cell_bound()
    {
        var bomb = Workbooks.Build("""<row r="1"><c r="A1" t="inlineStr"><is><t>""", new string('长', 1024), 2 * 1024, "</t></is></c></row>");

        var (refusal, allocated) = Refuse(bomb);

        refusal.Limit.ShouldBe(SheetLimit.CellLength);
        refusal.Message.ShouldContain("4000");
        allocated.ShouldBeLessThan(MemoryBound);
    }

    [Fact]
    public void A_cell_beyond_the_last_column_is_refused()
    {
        var sheet = Workbooks.Build("""<row r="1"><c r="XFD1" t="inlineStr"><is><t>far</t></is></c></row>""", "", 0, "");

        Refuse(sheet).Refusal.Limit.ShouldBe(SheetLimit.Columns);
    }

    [Fact]
    public void Blank_rows_past_their_bound_are_refused()
    {
        var sheet = Workbooks.Build("", "<row/>", 70_000, "");

        var (refusal, allocated) = Refuse(sheet);

        refusal.Limit.ShouldBe(SheetLimit.Rows);
        allocated.ShouldBeLessThan(MemoryBound);
    }

    [Fact]
    public void A_thousand_rows_are_read_and_the_thousand_and_first_is_refused()
    {
        SheetReader.Read(Workbooks.Rows(1000, Date), "full.xlsx").Count.ShouldBe(1000);

        var (refusal, allocated) = Refuse(Workbooks.Rows(1001, Date));

        refusal.Limit.ShouldBe(SheetLimit.Rows);
        refusal.Message.ShouldContain("1000");
        allocated.ShouldBeLessThan(MemoryBound);
    }

    [Fact]
    public void A_long_sheet_stops_at_the_first_row_over_the_bound()
    {
        // 50,000 rows: reading all of them would cost far more than reading 1,001.
        var (refusal, allocated) = Refuse(Workbooks.Rows(50_000, Date));

        refusal.Limit.ShouldBe(SheetLimit.Rows);
        allocated.ShouldBeLessThan(MemoryBound);
    }

    [Fact]
    public void Shared_strings_dates_and_numbers_are_read_as_text()
    {
        var sheet = Workbooks.Build(
            """<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>""",
            "",
            0,
            """<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="str"><v>2026-01-02</v></c><c r="C3" t="s"><v>5</v></c><c r="D3"><v>13912345678</v></c></row>""",
            sharedStrings: "<si><t>箱号</t></si><si><t>开箱日期</t></si><si><t>内容</t></si><si><t>电话</t></si><si><t>城东</t></si><si><r><t>富文本</t></r><r><t>意见</t></r><rPh><t>ふりがな</t></rPh></si>");

        var rows = SheetReader.Read(sheet, "ok.xlsx");

        rows.Count.ShouldBe(1);
        rows[0].Row.ShouldBe(3);
        rows[0].Item.Hall.ShouldBe("城东");
        rows[0].Item.ReceivedDate.ShouldBe("2026-01-02");
        rows[0].Item.Content.ShouldBe("富文本意见");
        rows[0].Item.Phone.ShouldBe("13912345678");
    }
}
