using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>
/// The hotline's CTI push and the 12345 push, loaded from artifacts/plugins by the real host, against the same bad input
/// as the API: what the API refuses the intake refuses for every plugin, answered in each channel's own protocol (the
/// hotline: problem details naming its own field; 12345: its envelope, the order refused with the field), and nothing
/// is registered. The suggestion box's scans likewise: the row refused naming its column, or the upload naming its field.
/// </summary>
public sealed class ChannelBadInputTests(ChannelBadInputTests.Channels channels) : IClassFixture<ChannelBadInputTests.Channels>
{
    private const string Tenant = "fangyang-water";
    private const string CtiKey = "cti-bad-input-key";
    private const string PushKey = "push-bad-input-key";

    private static readonly (string Kind, string Json)[] AnywhereBad =
    [
        ("NUL", "\"a\\u0000b\""), ("ESC", "\"\\u001b[31mred\""), ("DEL", "\"a\\u007fb\""), ("C1 NEL", "\"a\\u0085b\""), ("RLO", "\"abc\\u202edef\""),
        ("LRI", "\"abc\\u2066def\""), ("zero-width space", "\"a\\u200bb\""), ("BOM", "\"a\\ufeffb\""), ("line separator", "\"a\\u2028b\""),
        ("lone surrogate", "\"a\\ud800b\""), ("lone CR", "\"a\\rforged\""),
    ];

    private static readonly (string Kind, string Json)[] LineBad = [("LF", "\"a\\nb\""), ("CRLF", "\"a\\r\\nINFO forged\""), ("TAB", "\"a\\tb\"")];

    /// <summary>One bad push: the channel, the body, the status, and the field its protocol names (null: status only).</summary>
    public sealed record Row(string Channel, Func<string> Body, HttpStatusCode Status, string? Field, bool Chunked = false);

    private static readonly Dictionary<string, Row> Table = BuildTable();

    public static TheoryData<string> Rows => [.. Table.Keys];

    private static Dictionary<string, Row> BuildTable()
    {
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);

        // The hotline: CTI field → the field its problem details name.
        foreach (var (field, line) in new[] { ("callerName", true), ("address", true), ("accountNo", true), ("category", true), ("content", false) })
        {
            foreach (var (kind, json) in line ? [.. AnywhereBad, .. LineBad] : AnywhereBad)
            {
                rows.Add($"hotline {field}: {kind}", new Row("hotline", () => Call(field, json), HttpStatusCode.BadRequest, field));
            }
        }

        foreach (var (kind, date) in new[] { ("0001", "0001-01-01T00:00:00+08:00"), ("9999", "9999-12-31T23:59:59+08:00"), ("1970", "1970-01-01T08:00:00+08:00"), ("1999", "1999-12-31T08:00:00+08:00") })
        {
            rows.Add($"hotline calledAt: {kind}", new Row("hotline", () => Call("calledAt", $"\"{date}\""), HttpStatusCode.BadRequest, "calledAt"));
        }

        var large = new string('x', 100 * 1024);
        rows.Add("hotline: repeated property", new Row("hotline", () => Call("content", "\"水压低\"").TrimEnd('}') + ",\"content\":\"again\"}", HttpStatusCode.BadRequest, "content"));
        rows.Add("hotline: malformed JSON", new Row("hotline", () => Call("content", "\"水压低\"")[..^1], HttpStatusCode.BadRequest, null));
        rows.Add("hotline: 100 KB body", new Row("hotline", () => Call("content", $"\"{large}\""), HttpStatusCode.RequestEntityTooLarge, null));
        rows.Add("hotline: 100 KB chunked body", new Row("hotline", () => Call("content", $"\"{large}\""), HttpStatusCode.RequestEntityTooLarge, null, Chunked: true));

        // 12345: order field → the intake's field named in the refused order.
        foreach (var (field, intakeField, line) in new[]
        {
            ("sqr", "complainant.name", true), ("lxdh", "complainant.phone", true), ("sqdz", "complainant.address", true), ("gdbh", "externalId", true), ("sqnr", "content", false),
        })
        {
            foreach (var (kind, json) in line ? [.. AnywhereBad, .. LineBad] : AnywhereBad)
            {
                // A string that cannot be decoded makes the whole push unreadable: refused before any order is submitted.
                rows.Add($"12345 {field}: {kind}", kind == "lone surrogate"
                    ? new Row("gov-12345", () => Order(field, json), HttpStatusCode.BadRequest, null)
                    : new Row("gov-12345", () => Order(field, json), HttpStatusCode.UnprocessableEntity, intakeField));
            }
        }

        foreach (var (kind, date, field) in new[]
        {
            ("9999", "9999-12-31 23:59:59", "externalDeadline"), ("1970", "1970-01-01 08:00:00", "externalDeadline"), ("2101", "2101-01-01 00:00:00", "externalDeadline"),
            ("unix 0", "0000000000", "externalDeadline"), ("0001", "0001-01-01 00:00:00", null),
        })
        {
            rows.Add($"12345 processlimited: {kind}", new Row("gov-12345", () => Order("processlimited", $"\"{date}\""), HttpStatusCode.UnprocessableEntity, field));
        }

        rows.Add("12345 pdsj: 1970", new Row("gov-12345", () => Order("pdsj", "\"1970-01-01 08:00:00\""), HttpStatusCode.UnprocessableEntity, "receivedAt"));
        rows.Add("12345 pdsj: 9999", new Row("gov-12345", () => Order("pdsj", "\"9999-12-31 23:59:59\""), HttpStatusCode.UnprocessableEntity, "receivedAt"));
        rows.Add("12345 processlimited: before pdsj", new Row(
            "gov-12345",
            () => Order("processlimited", "\"2026-03-01 09:00:00\"").TrimEnd('}') + ",\"pdsj\":\"2026-03-02 09:00:00\"}",
            HttpStatusCode.UnprocessableEntity,
            "externalDeadline"));
        rows.Add("12345: repeated property", new Row("gov-12345", () => Order("sqnr", "\"路灯不亮\"").TrimEnd('}') + ",\"sqnr\":\"again\"}", HttpStatusCode.BadRequest, null));
        rows.Add("12345: malformed JSON", new Row("gov-12345", () => Order("sqnr", "\"路灯不亮\"")[..^1], HttpStatusCode.BadRequest, null));
        rows.Add("12345: 300 KB chunked body", new Row("gov-12345", () => Order("sqnr", $"\"{new string('x', 300 * 1024)}\""), HttpStatusCode.RequestEntityTooLarge, null, Chunked: true));
        return rows;
    }

    private static string Call(string field, string value)
    {
        var call = new Dictionary<string, string>
        {
            ["callId"] = $"\"CALL-{Guid.NewGuid():N}\"",
            ["callerNumber"] = "\"13912345678\"",
            ["calledAt"] = "\"2026-03-02T09:15:00+08:00\"",
            ["agent"] = "\"坐席 07\"",
            ["content"] = "\"小区停水两天\"",
            ["kind"] = "\"complaint\"",
        };
        call[field] = value;
        return "{" + string.Join(",", call.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
    }

    private static string Order(string field, string value)
    {
        var order = new Dictionary<string, string>
        {
            ["gdbh"] = $"\"GD-{Guid.NewGuid():N}\"",
            ["sqnr"] = "\"路灯不亮\"",
            ["sqr"] = "\"王女士\"",
            ["lxdh"] = "\"13900001111\"",
        };
        order[field] = value;
        return "{" + string.Join(",", order.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_bad_push_is_refused_in_the_channels_protocol_and_registers_nothing(string name)
    {
        var row = Table[name];
        var before = await channels.LedgerTotalAsync();
        var (path, header, key) = row.Channel == "hotline"
            ? ($"/channels/hotline/{Tenant}/calls", "X-Cti-Key", CtiKey)
            : ($"/channels/gov-12345/{Tenant}/orders", "X-Push-Key", PushKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = row.Chunked
                ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(row.Body()))) { Headers = { ContentType = new("application/json") } }
                : new StringContent(row.Body(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(header, key);
        request.Headers.TransferEncodingChunked = row.Chunked;

        var response = await channels.Platform.Anonymous().SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(row.Status, text);
        if (row.Field is { } field && row.Channel == "hotline")
        {
            JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field, text);
        }
        else if (row.Status == HttpStatusCode.UnprocessableEntity)
        {
            var order = JsonNode.Parse(text)!["data"]!.AsArray().ShouldHaveSingleItem()!;
            order["status"]!.GetValue<string>().ShouldBe("refused", text);
            (order["field"]?.GetValue<string>()).ShouldBe(row.Field, text);
        }

        (await channels.LedgerTotalAsync()).ShouldBe(before, "nothing may be registered");
    }

    [Fact]
    public async Task Good_pushes_still_register_so_the_rows_above_can_fail()
    {
        var before = await channels.LedgerTotalAsync();
        var cti = channels.Platform.Anonymous();
        cti.DefaultRequestHeaders.Add("X-Cti-Key", CtiKey);
        await cti.PostAsync($"/channels/hotline/{Tenant}/calls", new StringContent(Call("content", "\"第一行\\r\\n第二行\""), Encoding.UTF8, "application/json"))
            .ExpectAsync(HttpStatusCode.Created);
        var push = channels.Platform.Anonymous();
        push.DefaultRequestHeaders.Add("X-Push-Key", PushKey);
        var answer = await push.PostAsync($"/channels/gov-12345/{Tenant}/orders", new StringContent(Order("sqr", "\"王女士\""), Encoding.UTF8, "application/json"))
            .ExpectAsync(HttpStatusCode.OK);
        answer["data"]![0]!["status"]!.GetValue<string>().ShouldBe("created");
        (await channels.LedgerTotalAsync()).ShouldBe(before + 2);
    }

    /// <summary>
    /// The suggestion box's scans: a scan's file name holding a character no name may hold, given alike in the sheet's
    /// 扫描件 cell and on the uploaded part, refuses its row naming the column (the intake's file-name rule); the whole
    /// upload is refused naming its field for a sheet with NUL, two scans of one name, a scan part without a name.
    /// </summary>
    public static TheoryData<string> ScanRows =>
    [
        .. AnywhereBad.Select(b => b.Kind).Where(k => k is not ("NUL" or "lone surrogate" or "lone CR")),
        "sheet: NUL", "scans: same name twice", "scans: no file name",
    ];

    private static HttpContent ScanUpload(string cell, params (string? Name, byte[] Bytes)[] scans)
    {
        var csv = $"箱号,开箱日期,内容,扫描件\n城东营业厅,{DateTime.UtcNow.AddHours(8).AddDays(-1):yyyy-MM-dd},扫描件测试 {Guid.NewGuid():N},{cell}\n";
        var boundary = "scan-" + Guid.NewGuid().ToString("N");
        var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"box.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n");
        foreach (var (name, bytes) in scans)
        {
            // The name as RFC 5987 encodes it, so that any character reaches the plugin as given.
            Write($"--{boundary}\r\nContent-Disposition: form-data; name=\"scans\"{(name is null ? "" : $"; filename*=UTF-8''{Uri.EscapeDataString(name)}")}\r\n\r\n");
            body.Write(bytes);
            Write("\r\n");
        }

        Write($"--{boundary}--\r\n");
        var content = new ByteArrayContent(body.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return content;
    }

    [Theory]
    [MemberData(nameof(ScanRows))]
    public async Task A_bad_scan_upload_to_the_suggestion_box_is_refused_naming_the_column_or_field_and_registers_nothing(string kind)
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        var (content, status, field) = kind switch
        {
            "sheet: NUL" => (ScanUpload("a\0b.png", ("a.png", png)), HttpStatusCode.BadRequest, "file"),
            "scans: same name twice" => (ScanUpload("a.png", ("a.png", png), ("A.png", png)), HttpStatusCode.BadRequest, "scans"),
            "scans: no file name" => (ScanUpload("a.png", (null, png)), HttpStatusCode.BadRequest, "scans"),
            _ => (ScanUpload($"扫描{JsonSerializer.Deserialize<string>(AnywhereBad.Single(b => b.Kind == kind).Json)}件.png", ($"扫描{JsonSerializer.Deserialize<string>(AnywhereBad.Single(b => b.Kind == kind).Json)}件.png", png)), HttpStatusCode.OK, "scans"),
        };
        var before = await channels.LedgerTotalAsync();
        var agent = await channels.Platform.LoginAsync("agent");

        var response = await agent.PostAsync($"/channels/suggestion-box/{Tenant}/batches", content);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        var answer = JsonNode.Parse(text)!;
        if (status == HttpStatusCode.OK)
        {
            var row = answer["rows"]!.AsArray().ShouldHaveSingleItem()!;
            row["status"]!.GetValue<string>().ShouldBe("refused", text);
            row["column"]!.GetValue<string>().ShouldBe(field, text);
        }
        else
        {
            answer["errors"]!.AsObject().Select(e => e.Key).ShouldContain(field, text);
        }

        (await channels.LedgerTotalAsync()).ShouldBe(before, "nothing may be registered");
    }

    [Fact]
    public async Task A_good_scan_still_registers_so_the_scan_rows_above_can_fail()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0];
        var before = await channels.LedgerTotalAsync();
        var agent = await channels.Platform.LoginAsync("agent");

        var answer = await agent.PostAsync($"/channels/suggestion-box/{Tenant}/batches", ScanUpload("扫描件.png", ("扫描件.png", png))).ExpectAsync(HttpStatusCode.OK);

        answer["rows"]![0]!["status"]!.GetValue<string>().ShouldBe("accepted", answer.ToJsonString());
        (await channels.LedgerTotalAsync()).ShouldBe(before + 1);
    }

    /// <summary>The real host with the hotline and 12345 plugins and keys of the test's own.</summary>
    public sealed class Channels : IAsyncLifetime
    {
        private HttpClient _agent = null!;

        public PlatformInstance Platform { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Platform = await PlatformInstance.StartAsync(
                null,
                $"--Tenants:{Tenant}:Channels:hotline:CtiKey", CtiKey,
                $"--Tenants:{Tenant}:Channels:gov-12345:PushKey", PushKey);
            _agent = await Platform.LoginAsync("agent");
        }

        public async ValueTask DisposeAsync() => await Platform.DisposeAsync();

        public async Task<int> LedgerTotalAsync() =>
            (await _agent.GetAsync($"/api/v1/tenants/{Tenant}/complaints?pageSize=1").ExpectAsync(HttpStatusCode.OK))["total"]!.GetValue<int>();
    }
}
