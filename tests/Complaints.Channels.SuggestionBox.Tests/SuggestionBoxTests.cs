using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Testing.Channels;
using MiniExcelLibs;

namespace Complaints.Channels.SuggestionBox.Tests;

public sealed class SuggestionBoxTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTime Opened = DateTime.SpecifyKind(DateTime.UtcNow.AddHours(8).Date.AddDays(-3), DateTimeKind.Unspecified);
    private static readonly string OpenedText = Opened.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private PluginHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PluginHost.StartAsync(new SuggestionBoxPlugin(), new Dictionary<string, string?>
    {
        [$"Tenants:{Tenant}:Channels:suggestion-box:MaxUploadBytes"] = "65536",
        [$"Tenants:{Tenant}:Channels:suggestion-box:MaxUploadBytesWithScans"] = "262144",
        ["Tenants:fuyang-gas:Channels:suggestion-box:Enabled"] = "true",
    });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Staff(string role = "agent", string tenant = Tenant) => _host.Client(PluginHost.Token(tenant, role));

    private static MultipartFormDataContent Upload(byte[] data, string fileName)
    {
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(data), "file", fileName);
        return form;
    }

    private static byte[] Csv(string text) => Encoding.UTF8.GetBytes(text);

    private async Task<JsonObject> UploadAsync(byte[] data, string fileName, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Staff().PostAsync($"/channels/suggestion-box/{Tenant}/batches", Upload(data, fileName), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(expected, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private static List<JsonNode> Rows(JsonObject result) => [.. result["rows"]!.AsArray().Select(r => r!)];

    private string GoodCsv() =>
        "箱号,开箱日期,内容,姓名,联系电话,地址\n" +
        $"城东营业厅,{OpenedText},\"营业厅排队太久，\"\"叫号\"\"系统常坏\",张三,13912345678,方洋路 1 号\n" +
        $"城西营业厅,{OpenedText},\"多行意见：\n第一行\n第二行\",,,\n" +
        $"城西营业厅,2020-01-01,太久以前的意见,,,\n" +
        $"城西营业厅,{OpenedText},,,,\n" +
        $"城西营业厅,{OpenedText},电话写错了,李四,12345,\n" +
        $"城西营业厅,{DateTime.UtcNow.AddHours(8).Date.AddDays(2):yyyy-MM-dd},来自未来,,,\n";

    [Fact]
    public async Task A_csv_batch_answers_every_row_and_keeps_the_box_opening_date()
    {
        var result = await UploadAsync(Csv(GoodCsv()), "box.csv");

        var rows = Rows(result);
        rows.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["accepted", "accepted", "refused", "refused", "refused", "refused"]);
        rows.Select(r => r["row"]!.GetValue<int>()).ShouldBe([2, 3, 6, 7, 8, 9]);
        rows.Skip(2).Select(r => r["column"]!.GetValue<string>()).ShouldBe(["receivedDate", "content", "phone", "receivedDate"]);
        rows.Skip(2).ShouldAllBe(r => r["reason"]!.GetValue<string>().Length > 0);
        result["accepted"]!.GetValue<int>().ShouldBe(2);
        result["refused"]!.GetValue<int>().ShouldBe(4);

        var created = _host.Intake.Created;
        created.Count.ShouldBe(2);
        created[0].Content.ShouldBe("营业厅排队太久，\"叫号\"系统常坏");
        created[0].ReceivedAt.ShouldBe(new DateTimeOffset(Opened, China));
        created[0].ComplainantName.ShouldBe("张三");
        created[0].Phone.ShouldBe("13912345678");
        created[0].Anonymous.ShouldBeFalse();
        created[0].Location.ShouldBe("城东营业厅");
        created[0].Channel.ShouldBe("suggestion-box");
        created[0].Kind.ShouldBe("suggestion");
        created[1].Content.ShouldBe("多行意见：\n第一行\n第二行");
        created[1].Anonymous.ShouldBeTrue();
        created[1].ComplainantName.ShouldBeNull();
    }

    [Fact]
    public async Task The_same_rows_uploaded_again_are_not_imported_twice()
    {
        var first = Rows(await UploadAsync(Csv(GoodCsv()), "box.csv"));

        var again = await UploadAsync(Csv(GoodCsv()), "box-again.csv");

        var rows = Rows(again);
        rows.Take(2).ShouldAllBe(r => r["status"]!.GetValue<string>() == "existing");
        rows.Take(2).Select(r => r["number"]!.GetValue<string>()).ShouldBe(first.Take(2).Select(r => r["number"]!.GetValue<string>()));
        again["existing"]!.GetValue<int>().ShouldBe(2);
        _host.Intake.Created.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_row_id_keys_the_row_even_when_its_text_is_corrected()
    {
        await UploadAsync(Csv($"编号,箱号,开箱日期,内容\nB-7,城东营业厅,{OpenedText},原文\n"), "a.csv");

        var again = await UploadAsync(Csv($"编号,箱号,开箱日期,内容\nB-7,城东营业厅,{OpenedText},改过的文字\nB-8,城东营业厅,{OpenedText},原文\n"), "b.csv");

        Rows(again).Select(r => r["status"]!.GetValue<string>()).ShouldBe(["existing", "accepted"]);
        _host.Intake.Created.Select(c => c.ExternalId).ShouldBe(["row:B-7", "row:B-8"]);
    }

    [Fact]
    public async Task An_excel_sheet_is_read_with_its_date_cells()
    {
        var sheet = new List<Dictionary<string, object?>>
        {
            new() { ["hall"] = "城南营业厅", ["receivedDate"] = Opened, ["content"] = "表格里的意见", ["name"] = null, ["phone"] = 13912345678d },
            new() { ["hall"] = "城南营业厅", ["receivedDate"] = "不是日期", ["content"] = "坏日期", ["name"] = null, ["phone"] = null },
            new() { ["hall"] = "城南营业厅", ["receivedDate"] = OpenedText, ["content"] = "文字日期", ["name"] = "王五", ["phone"] = null },
        };
        using var stream = new MemoryStream();
        stream.SaveAs(sheet, excelType: ExcelType.XLSX);

        var result = await UploadAsync(stream.ToArray(), "box.xlsx");

        var rows = Rows(result);
        rows.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["accepted", "refused", "accepted"]);
        rows[1]["column"]!.GetValue<string>().ShouldBe("receivedDate");
        rows.Select(r => r["row"]!.GetValue<int>()).ShouldBe([2, 3, 4]);
        var created = _host.Intake.Created;
        created[0].ReceivedAt.ShouldBe(new DateTimeOffset(Opened, China));
        created[0].Phone.ShouldBe("13912345678");
        created[0].Anonymous.ShouldBeFalse();
        created[1].ComplainantName.ShouldBe("王五");
    }

    [Theory]
    [InlineData("箱号,开箱日期,内容\n城东,2026-01-01,\"没有闭合的引号\n", "file")]
    [InlineData("箱号,开箱日期,内容\n城东,2026-01-01,中间有\"引号\n", "file")]
    [InlineData("箱号,内容\n城东,缺开箱日期这一列\n", "file")]
    [InlineData("", "file")]
    public async Task A_malformed_csv_is_refused_whole_and_nothing_is_imported(string csv, string field)
    {
        var good = $"城东营业厅,{OpenedText},好的一行\n";
        var result = await UploadAsync(Csv(csv + good), "bad.csv", HttpStatusCode.BadRequest);

        result["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue();
        result["errors"]![field]![0]!.GetValue<string>().Length.ShouldBeGreaterThan(5);
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_corrupt_workbook_is_refused_whole()
    {
        var corrupt = "PK\u0003\u0004 this is not really a zip"u8.ToArray();

        var result = await UploadAsync(corrupt, "box.xlsx", HttpStatusCode.BadRequest);

        result["errors"]!.AsObject().ContainsKey("file").ShouldBeTrue();
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_oversize_upload_is_refused_with_413()
    {
        var big = new StringBuilder("箱号,开箱日期,内容\n");
        while (big.Length < 70_000)
        {
            big.Append(CultureInfo.InvariantCulture, $"城东营业厅,{OpenedText},很长的内容很长的内容\n");
        }

        await UploadAsync(Csv(big.ToString()), "big.csv", HttpStatusCode.RequestEntityTooLarge);

        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_agents_and_supervisors_of_the_tenant_may_enter_items()
    {
        var url = $"/channels/suggestion-box/{Tenant}/batches";
        (await _host.Client().PostAsync(url, Upload(Csv(GoodCsv()), "a.csv"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Staff(tenant: "fuyang-gas").PostAsync(url, Upload(Csv(GoodCsv()), "a.csv"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Staff(role: "department").PostAsync(url, Upload(Csv(GoodCsv()), "a.csv"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Staff(role: "department").PostAsJsonAsync($"/channels/suggestion-box/{Tenant}/items", new { items = new[] { new { hall = "a" } } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        _host.Intake.Created.ShouldBeEmpty();

        (await Staff(role: "supervisor").PostAsync(url, Upload(Csv(GoodCsv()), "a.csv"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Typed_in_items_are_answered_row_by_row()
    {
        var items = new
        {
            items = new object[]
            {
                new { hall = "城东营业厅", receivedDate = OpenedText, content = "手工录入的意见", phone = "0571-88886666" },
                new { hall = "城东营业厅", receivedDate = OpenedText, content = "手工录入的意见", phone = "0571-88886666" },
                new { hall = "", receivedDate = OpenedText, content = "没有箱号" },
                new { hall = "城东营业厅", receivedDate = OpenedText, content = "表扬", kind = "praise" },
            },
        };

        var response = await Staff().PostAsJsonAsync($"/channels/suggestion-box/{Tenant}/items", items, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = Rows(JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject());
        rows.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["accepted", "existing", "refused", "accepted"]);
        rows[2]["column"]!.GetValue<string>().ShouldBe("hall");
        _host.Intake.Created.Select(c => c.Kind).ShouldBe(["suggestion", "praise"]);
    }

    [Fact]
    public async Task A_zip_bomb_workbook_is_refused_with_413_naming_the_bound()
    {
        var bomb = Workbooks.Build("", new string(' ', 4096), 12 * 1024, "");

        var result = await UploadAsync(bomb, "bomb.xlsx", HttpStatusCode.RequestEntityTooLarge);

        result["limit"]!.GetValue<string>().ShouldBe("uncompressedBytes");
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_workbook_of_1001_rows_is_refused_whole()
    {
        var result = await UploadAsync(Workbooks.Rows(1001, OpenedText), "long.xlsx", HttpStatusCode.BadRequest);

        result["limit"]!.GetValue<string>().ShouldBe("rows");
        result["errors"]!["file"]![0]!.GetValue<string>().ShouldContain("1000");
        _host.Intake.Created.ShouldBeEmpty();
    }

    public static TheoryData<string, byte[]> Encoded()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var data = new TheoryData<string, byte[]>();
        foreach (var (name, encoding, preamble) in new (string, Encoding, bool)[]
        {
            ("utf-8", new UTF8Encoding(false), false),
            ("utf-8-bom", new UTF8Encoding(true), true),
            ("utf-16le-bom", new UnicodeEncoding(false, true), true),
            ("utf-16be-bom", new UnicodeEncoding(true, true), true),
            ("gbk", Encoding.GetEncoding(936), false),
            ("gb18030", Encoding.GetEncoding("GB18030"), false),
        })
        {
            data.Add(name, [.. (preamble ? encoding.GetPreamble() : []), .. encoding.GetBytes(EncodedCsv)]);
        }

        return data;
    }

    private static string EncodedCsv => $"箱号,开箱日期,内容\n城东营业厅,{OpenedText},水压太低，请尽快处理。“谢谢”\n";

    [Theory]
    [MemberData(nameof(Encoded))]
    public async Task A_csv_in_utf8_utf16_with_bom_or_gbk_is_read_as_written(string encoding, byte[] csv)
    {
        var result = await UploadAsync(csv, $"{encoding}.csv");

        result["accepted"]!.GetValue<int>().ShouldBe(1, encoding);
        _host.Intake.Created.Single().Content.ShouldBe("水压太低，请尽快处理。“谢谢”");
        _host.Intake.Created.Single().Location.ShouldBe("城东营业厅");
    }

    public static TheoryData<string, byte[]> Foreign()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var latin1 = Encoding.GetEncoding(28591);
        var shiftJis = Encoding.GetEncoding(932);
        return new TheoryData<string, byte[]>
        {
            { "latin1", latin1.GetBytes($"hall,receivedDate,content\nMüller café,{OpenedText},Crème brûlée à l'hôtel\n") },
            { "latin1-name", latin1.GetBytes($"hall,receivedDate,content,name\nbox 1,{OpenedText},water,Müller\n") },
            { "shift-jis", shiftJis.GetBytes($"hall,receivedDate,content\n東口,{OpenedText},日本語のテキスト\n") },
            { "shift-jis-katakana", shiftJis.GetBytes($"hall,receivedDate,content\nbox 1,{OpenedText},ｶﾀｶﾅ\n") },
        };
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task A_csv_in_another_encoding_is_refused_naming_the_file_not_imported_as_mojibake(string encoding, byte[] csv)
    {
        var result = await UploadAsync(csv, $"{encoding}.csv", HttpStatusCode.BadRequest);

        var message = result["errors"]!["file"]![0]!.GetValue<string>();
        message.ShouldContain($"{encoding}.csv");
        message.ShouldContain("GB18030");
        _host.Intake.Created.ShouldBeEmpty();
    }

    public static TheoryData<string, string, string> BrokenMultipart() => new()
    {
        { "truncated", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nhall,receivedDate,content\n" },
        { "no boundary", "multipart/form-data", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx\r\n--XYZ--\r\n" },
        { "wrong boundary", "multipart/form-data; boundary=ABC", "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nx\r\n--XYZ--\r\n" },
        { "bad part header", "multipart/form-data; boundary=XYZ", "--XYZ\r\nthis is no header\r\n\r\nx\r\n--XYZ--\r\n" },
        { "no file field", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--XYZ--\r\n" },
        { "file under another name", "multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; name=\"sheet\"; filename=\"a.csv\"\r\n\r\nhall,receivedDate,content\r\n--XYZ--\r\n" },
        { "json", "application/json", "{\"file\":\"a.csv\"}" },
        { "text", "text/csv", "hall,receivedDate,content\n" },
    };

    [Theory]
    [MemberData(nameof(BrokenMultipart))]
    public async Task A_broken_or_missing_multipart_body_is_a_400_problem_naming_the_file(string kind, string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await Staff().PostAsync($"/channels/suggestion-box/{Tenant}/batches", content, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{kind}: {text}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        JsonNode.Parse(text)!["errors"]!.AsObject().ContainsKey("file").ShouldBeTrue(kind);
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_chunked_upload_over_the_configured_limit_is_413()
    {
        var big = new byte[70_000];
        Array.Fill(big, (byte)'a');
        using var content = new MultipartFormDataContent { { new StreamContent(new MemoryStream(big)), "file", "big.csv" } };
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/suggestion-box/{Tenant}/batches") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await Staff().SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        _host.Intake.Created.ShouldBeEmpty();
    }

    private static MultipartFormDataContent WithScans(string csv, params (string Name, byte[] Bytes)[] scans)
    {
        var form = Upload(Csv(csv), "box.csv");
        foreach (var (name, bytes) in scans)
        {
            form.Add(new ByteArrayContent(bytes), "scans", name);
        }

        return form;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(HttpContent content, string path = "batches")
    {
        var response = await Staff().PostAsync($"/channels/suggestion-box/{Tenant}/{path}", content, Ct);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject());
    }

    [Fact]
    public async Task A_row_naming_a_scan_not_in_the_upload_is_refused_naming_the_column_and_the_other_rows_go_on()
    {
        byte[] front = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3];
        byte[] back = [.. "%PDF-1.4 back"u8];
        byte[] stray = [.. "%PDF-1.4 stray"u8];
        var csv = "箱号,开箱日期,内容,扫描件\n" +
            $"城东营业厅,{OpenedText},缺了扫描件,少了的.jpg\n" +
            $"城东营业厅,{OpenedText},两面都扫了,正面.png；背面.pdf\n" +
            $"城东营业厅,{OpenedText},没有扫描件,\n";

        var (status, result) = await PostAsync(WithScans(csv, ("正面.png", front), ("背面.pdf", back), ("多余.pdf", stray)));

        status.ShouldBe(HttpStatusCode.OK, result.ToJsonString());
        var rows = Rows(result);
        rows.Select(r => r["status"]!.GetValue<string>()).ShouldBe(["refused", "accepted", "accepted"]);
        rows[0]["column"]!.GetValue<string>().ShouldBe("scans");
        rows[0]["reason"]!.GetValue<string>().ShouldContain("少了的.jpg");
        result["unusedScans"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["多余.pdf"]);
        _host.Intake.Calls.Select(c => c.Content).ShouldBe(["两面都扫了", "没有扫描件"], "the refused row is never submitted");
        var files = _host.Intake.Created[0].Attachments;
        files.Select(f => f.Name).ShouldBe(["正面.png", "背面.pdf"]);
        files.Select(f => f.Content.ToArray()).ShouldBe([front, back]);
        _host.Intake.Created[1].Attachments.ShouldBeEmpty();
    }

    [Fact]
    public async Task Typed_in_json_cannot_carry_scans_so_an_item_naming_one_is_refused()
    {
        var (status, result) = await PostAsync(JsonContent.Create(new { items = new[] { new { hall = "城东营业厅", receivedDate = OpenedText, content = "JSON 里的扫描件", scans = "a.png" } } }), "items");

        status.ShouldBe(HttpStatusCode.OK);
        var row = Rows(result).ShouldHaveSingleItem();
        row["status"]!.GetValue<string>().ShouldBe("refused");
        row["column"]!.GetValue<string>().ShouldBe("scans");
        _host.Intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_scans_of_the_same_name_are_refused_whole_naming_the_field()
    {
        var csv = $"箱号,开箱日期,内容,扫描件\n城东营业厅,{OpenedText},重名,a.png\n";

        var (status, result) = await PostAsync(WithScans(csv, ("a.png", [1]), ("A.PNG", [2])));

        status.ShouldBe(HttpStatusCode.BadRequest);
        result["errors"]!["scans"]![0]!.GetValue<string>().ShouldContain("A.PNG");
        _host.Intake.Calls.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Scans_over_the_upload_bound_are_refused_whole_with_413_announced_or_chunked(bool chunked)
    {
        // The bound for an upload with scans is 256 KiB here: two scans of 140 KB each go over it, each alone would not.
        var scan = new byte[140_000];
        Array.Fill(scan, (byte)'s');
        var csv = $"箱号,开箱日期,内容,扫描件\n城东营业厅,{OpenedText},大扫描件,a.pdf;b.pdf\n";
        using var form = WithScans(csv, ("a.pdf", scan), ("b.pdf", scan));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/suggestion-box/{Tenant}/batches") { Content = form };
        if (chunked)
        {
            form.Headers.ContentLength = null;
            request.Headers.TransferEncodingChunked = true;
        }

        var response = await Staff().SendAsync(request, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, text);
        JsonNode.Parse(text)!["limit"]!.GetValue<string>().ShouldBe("uploadWithScansBytes");
        _host.Intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void A_cell_names_its_scans_separated_by_semicolons_or_commas_and_by_their_file_names()
    {
        ScanNames.Parse("a.png;b.pdf； c.jpg ，d.png、e.png,f.png\nD:\\扫描\\g.png;A.PNG").ShouldBe(["a.png", "b.pdf", "c.jpg", "d.png", "e.png", "f.png", "g.png"]);
        ScanNames.Parse("  ").ShouldBeEmpty();
        ScanNames.Parse(null).ShouldBeEmpty();
    }
}
