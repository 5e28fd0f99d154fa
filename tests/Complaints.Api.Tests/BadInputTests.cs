using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>
/// Every write endpoint of the unified API against every kind of bad input (issue #12): control and bidi characters,
/// line breaks in one-line fields, over-long strings, dates outside 2000–2100, malformed and repeated JSON, wrong
/// types, bodies over 256 KB (with and without Content-Length), paging out of bounds. Each row asserts the status, the
/// field named in the problem details, and that nothing changed (the case, the ledger, the calendar year as before).
/// </summary>
public sealed class BadInputTests(BadInputTests.Cases cases) : IClassFixture<BadInputTests.Cases>
{
    /// <summary>The bad strings, as JSON string literals (escapes kept, so a lone surrogate reaches the server as sent).</summary>
    private static readonly (string Kind, string Json)[] AnywhereBad =
    [
        ("NUL", "\"a\\u0000b\""),
        ("ESC", "\"\\u001b[31mred\""),
        ("DEL", "\"a\\u007fb\""),
        ("C1 NEL", "\"a\\u0085b\""),
        ("RLO", "\"abc\\u202edef\""),
        ("LRI", "\"abc\\u2066def\""),
        ("zero-width space", "\"a\\u200bb\""),
        ("zero-width joiner", "\"a\\u200db\""),
        ("BOM", "\"\\ufeffabc\""),
        ("line separator", "\"a\\u2028b\""),
        ("lone surrogate", "\"a\\ud800b\""),
        ("lone CR", "\"a\\rforged log line\""),
    ];

    /// <summary>Refused in one-line fields only (long text keeps them).</summary>
    private static readonly (string Kind, string Json)[] LineBad =
    [
        ("LF", "\"a\\nb\""),
        ("CRLF", "\"a\\r\\nINFO forged\""),
        ("TAB", "\"a\\tb\""),
    ];

    /// <summary>A field of a write endpoint: where it sits in the body, whether it is one line, its limit.</summary>
    private sealed record Field(string Target, string Name, bool Line, int MaxLength, Func<string, string> Body);

    private static readonly Field[] Fields =
    [
        .. new (string Name, bool Line, int Max)[]
        {
            ("content", false, 4000), ("complainant.name", true, 100), ("complainant.phone", true, 32), ("complainant.address", true, 500),
            ("complainant.accountNo", true, 64), ("location", true, 500), ("externalId", true, 128), ("category", true, 64), ("channel", true, 64),
            ("target.name", true, 100), ("responsible", true, 100), ("kind", true, 64), ("complainant.email", true, 254),
        }.Select(f => new Field("register", f.Name, f.Line, f.Max, v => Registration(f.Name, v))),
        new("accept", "category", true, 64, v => $$"""{"category":{{v}}}"""),
        new("accept", "note", false, 4000, v => $$"""{"category":"general","note":{{v}}}"""),
        new("reclassify", "note", false, 4000, v => $$"""{"category":"general","note":{{v}}}"""),
        new("reject", "reason", false, 4000, v => $$"""{"reason":{{v}}}"""),
        new("answer", "reply", false, 4000, v => $$"""{"reply":{{v}},"customerAccepted":true}"""),
        new("flag", "responsible", true, 100, v => $$"""{"flags":["threat"],"responsible":{{v}}}"""),
        new("flag", "note", false, 4000, v => $$"""{"flags":[],"note":{{v}}}"""),
        new("supervise", "note", false, 4000, v => $$"""{"note":{{v}}}"""),
        new("return-to-source", "reason", false, 4000, v => $$"""{"reason":{{v}}}"""),
        new("dispatch", "department", true, 64, v => $$"""{"department":{{v}}}"""),
        new("dispatch", "note", false, 4000, v => $$"""{"department":"pipe-network","note":{{v}}}"""),
        new("approve-dispatch", "note", false, 4000, v => $$"""{"note":{{v}}}"""),
        new("approve-dispatch", "department", true, 64, v => $$"""{"note":"同意","department":{{v}}}"""),
        new("return", "reason", false, 4000, v => $$"""{"reason":{{v}}}"""),
        new("request-extension", "reason", false, 4000, v => $$"""{"until":"{{Future}}","reason":{{v}}}"""),
        new("decide-extension", "note", false, 4000, v => $$"""{"approve":false,"note":{{v}}}"""),
        new("report-result", "result", false, 4000, v => $$"""{"result":{{v}}}"""),
        new("report-result", "measures", false, 4000, v => $$"""{"result":"已处理","measures":{{v}}}"""),
        new("report-result", "accountability", false, 4000, v => $$"""{"result":"已处理","accountability":{{v}}}"""),
        new("report-result", "compensation", false, 4000, v => $$"""{"result":"已处理","compensation":{{v}}}"""),
        new("record-callback", "note", false, 4000, v => $$"""{"satisfaction":"satisfied","note":{{v}}}"""),
        new("record-callback", "redispatchTo", true, 64, v => $$"""{"satisfaction":"unsatisfied","redispatchTo":{{v}}}"""),
        new("users", "displayName", true, 100, v => $$"""{"login":"new.agent","displayName":{{v}},"role":"agent","password":"a-long-password-1"}"""),
        new("users", "login", true, 64, v => $$"""{"login":{{v}},"displayName":"王丽","role":"agent","password":"a-long-password-1"}"""),
        new("calendar", "days[0].name", true, 50, v => $$"""{"days":[{"name":{{v}},"date":"2031-01-01","isOffDay":true}]}"""),
        new("calendar", "papers[0]", true, 500, v => $$"""{"days":[{"name":"元旦","date":"2031-01-01","isOffDay":true}],"papers":[{{v}}]}"""),
    ];

    /// <summary>Query parameters: one-line, at most their limit.</summary>
    private static readonly (string Target, string Name, int MaxLength)[] QueryFields =
    [
        ("ledger", "q", 200), ("ledger", "department", 64), ("ledger", "category", 64), ("ledger", "channel", 64), ("ledger", "status", 64),
        ("form", "layout", 64), ("form", "contact", 64),
        ("ledger-xlsx", "q", 200), ("ledger-xlsx", "department", 64), ("ledger-xlsx", "category", 64), ("ledger-xlsx", "channel", 64), ("ledger-xlsx", "status", 64),
    ];

    /// <summary>Every JSON endpoint, with a body that it would accept, for the kinds that break the body itself.</summary>
    private static readonly (string Target, string Good)[] JsonEndpoints =
    [
        ("register", """{"channel":"hotline","kind":"complaint","content":"水压低"}"""),
        ("accept", """{"category":"general"}"""),
        ("reclassify", """{"category":"general"}"""),
        ("reject", """{"reason":"不属于受理范围"}"""),
        ("answer", """{"reply":"已解释","customerAccepted":true}"""),
        ("flag", """{"flags":[]}"""),
        ("supervise", """{"note":"请加快"}"""),
        ("return-to-source", """{"reason":"非本单位"}"""),
        ("dispatch", """{"department":"pipe-network"}"""),
        ("approve-dispatch", """{"note":"同意"}"""),
        ("sign", """{"note":"已签收"}"""),
        ("return", """{"reason":"派错"}"""),
        ("request-extension", $$"""{"until":"{{Future}}","reason":"配件未到"}"""),
        ("decide-extension", """{"approve":false}"""),
        ("report-result", """{"result":"已处理"}"""),
        ("record-callback", """{"satisfaction":"satisfied"}"""),
        ("token", """{"username":"agent","password":"not-the-password"}"""),
        ("refresh", """{"refreshToken":"not-a-refresh-token"}"""),
        ("users", """{"login":"new.agent","displayName":"王丽","role":"agent","password":"a-long-password-1"}"""),
        ("users-reset-password", """{"password":"another-long-password"}"""),
        ("calendar", """{"days":[{"name":"元旦","date":"2031-01-01","isOffDay":true}]}"""),
        ("calendar-import", """{"year":2031,"days":[{"name":"元旦","date":"2031-01-01","isOffDay":true}]}"""),
    ];

    private static string Future => DateTimeOffset.UtcNow.AddDays(3).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One bad request and what must come back.</summary>
    public sealed record Row(string Target, Func<string> Body, HttpStatusCode Status, string? Field, string? Query = null, bool Chunked = false);

    private static readonly Dictionary<string, Row> Table = BuildTable();

    public static TheoryData<string> Rows => [.. Table.Keys];

    /// <summary>The number of bad requests the table sends (the report's count).</summary>
    public static int Count => Table.Count;

    private static Dictionary<string, Row> BuildTable()
    {
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        void Add(string name, Row row) => rows.Add(name, row);

        foreach (var field in Fields)
        {
            foreach (var (kind, json) in field.Line ? [.. AnywhereBad, .. LineBad] : AnywhereBad)
            {
                Add($"{field.Target} {field.Name}: {kind}", new Row(field.Target, () => field.Body(json), HttpStatusCode.BadRequest, field.Name));
            }

            var tooLong = JsonSerializer.Serialize(new string('长', field.MaxLength + 1));
            Add($"{field.Target} {field.Name}: {field.MaxLength + 1} characters", new Row(field.Target, () => field.Body(tooLong), HttpStatusCode.BadRequest, field.Name));
        }

        foreach (var (target, name, max) in QueryFields)
        {
            foreach (var (kind, raw) in new[] { ("NUL", "a\0b"), ("ESC", "\u001b[31m"), ("RLO", "a\u202eb"), ("CRLF", "a\r\nb"), ("zero-width", "a\u200bb") })
            {
                Add($"{target} ?{name}: {kind}", new Row(target, () => "", HttpStatusCode.BadRequest, name, Query: $"{name}={Uri.EscapeDataString(raw)}"));
            }

            Add($"{target} ?{name}: {max + 1} characters", new Row(target, () => "", HttpStatusCode.BadRequest, name, Query: $"{name}={new string('a', max + 1)}"));
        }

        // The printed form takes only its own words; a refused contact=… records no contact read.
        Add("form ?layout: unknown", new Row("form", () => "", HttpStatusCode.BadRequest, "layout", Query: "layout=invoice"));
        Add("form ?contact: unknown", new Row("form", () => "", HttpStatusCode.BadRequest, "contact", Query: "contact=FULL"));

        Add("notification read: id with ESC", new Row("notification-read", () => "", HttpStatusCode.BadRequest, "id", Query: "a%1Bb"));
        Add("notification read: id with RLO", new Row("notification-read", () => "", HttpStatusCode.BadRequest, "id", Query: "a%E2%80%AEb"));
        Add("report snapshots ?kind: weekly", new Row("snapshots", () => "", HttpStatusCode.BadRequest, "kind", Query: "kind=weekly"));
        Add("report snapshots ?kind: ESC", new Row("snapshots", () => "", HttpStatusCode.BadRequest, "kind", Query: "kind=daily%1B"));
        Add("report snapshot: id with ESC", new Row("snapshot-esc", () => "", HttpStatusCode.BadRequest, "id"));
        Add("report snapshot: id with RLO", new Row("snapshot-rlo", () => "", HttpStatusCode.BadRequest, "id"));
        Add("report snapshot .xlsx: id with ESC", new Row("snapshot-xlsx-esc", () => "", HttpStatusCode.BadRequest, "id"));
        Add("report snapshot ?format: pdf", new Row("snapshot", () => "", HttpStatusCode.BadRequest, "format", Query: "format=pdf"));

        // Dates outside 2000-01-01 … 2100-12-31, and a source deadline before the item was received.
        foreach (var (kind, date) in new[] { ("0001", "0001-01-01T00:00:00Z"), ("9999", "9999-12-31T23:59:59+08:00"), ("1970", "1970-01-01T00:00:00+08:00"), ("1999", "1999-12-31T23:59:59+08:00"), ("2101", "2101-01-01T00:00:00+08:00") })
        {
            Add($"register receivedAt: {kind}", new Row("register", () => Registration("receivedAt", $"\"{date}\""), HttpStatusCode.BadRequest, "receivedAt"));
            Add($"register externalDeadline: {kind}", new Row("register", () => Registration("externalDeadline", $"\"{date}\""), HttpStatusCode.BadRequest, "externalDeadline"));
            Add($"request-extension until: {kind}", new Row("request-extension", () => $$"""{"until":"{{date}}","reason":"配件未到"}""", HttpStatusCode.BadRequest, "until"));
        }

        Add("register receivedAt: 0001 at +08:00 (before the first instant)", new Row("register", () => Registration("receivedAt", "\"0001-01-01T00:00:00+08:00\""), HttpStatusCode.BadRequest, "receivedAt"));
        Add("register externalDeadline: before receivedAt", new Row(
            "register",
            () => """{"channel":"gov-12345","kind":"complaint","content":"路灯不亮","receivedAt":"2026-03-02T09:00:00+08:00","externalDeadline":"2026-03-01T09:00:00+08:00"}""",
            HttpStatusCode.BadRequest,
            "externalDeadline"));
        Add("register externalDeadline: not a date", new Row("register", () => Registration("externalDeadline", "\"明天\""), HttpStatusCode.BadRequest, "externalDeadline"));
        foreach (var (kind, date) in new[] { ("0001", "0001-01-01"), ("9999", "9999-12-31"), ("1970", "1970-01-01") })
        {
            Add($"ledger ?from: {kind}", new Row("ledger", () => "", HttpStatusCode.BadRequest, "from", Query: $"from={date}"));
            Add($"ledger ?to: {kind}", new Row("ledger", () => "", HttpStatusCode.BadRequest, "to", Query: $"to={date}"));
            Add($"calendar days ?from: {kind}", new Row("calendar-days", () => "", HttpStatusCode.BadRequest, "from", Query: $"from={date}&to=2026-01-31"));
            Add($"calendar days ?to: {kind}", new Row("calendar-days", () => "", HttpStatusCode.BadRequest, "to", Query: $"from=2026-01-01&to={date}"));
            Add($"deadline ?from: {kind}", new Row("deadline", () => "", HttpStatusCode.BadRequest, "from", Query: $"from={date}T08:00:00%2B08:00&workingDays=5"));
            Add($"overdue report ?date: {kind}", new Row("overdue", () => "", HttpStatusCode.BadRequest, "date", Query: $"date={date}"));
            Add($"ledger.xlsx ?from: {kind}", new Row("ledger-xlsx", () => "", HttpStatusCode.BadRequest, "from", Query: $"from={date}"));
            Add($"ledger.xlsx ?to: {kind}", new Row("ledger-xlsx", () => "", HttpStatusCode.BadRequest, "to", Query: $"to={date}"));
            Add($"callback register ?date: {kind}", new Row("callbacks", () => "", HttpStatusCode.BadRequest, "date", Query: $"date={date}"));
            Add($"notifications ?since: {kind}", new Row("notifications", () => "", HttpStatusCode.BadRequest, "since", Query: $"since={date}T00:00:00Z"));
        }

        // The ledger export's own values and the daily lists' format (the same filters as the ledger list).
        foreach (var (target, kind, query, field) in new[]
        {
            ("ledger-xlsx", "status unknown", "status=finished", "status"), ("ledger-xlsx", "overdue not a boolean", "overdue=maybe", "overdue"),
            ("ledger-xlsx", "from not a date", "from=yesterday", "from"), ("ledger-xlsx", "to not a date", "to=2026-02-30", "to"),
            ("ledger-xlsx", "contacts unknown", "contacts=all", "contacts"), ("ledger-xlsx", "contacts full with a bad filter", "contacts=full&status=finished", "status"),
            ("overdue", "format unknown", "format=pdf", "format"), ("overdue", "format upper case", "format=XLSX", "format"),
            ("overdue", "date not a date", "date=2026-13-01", "date"), ("overdue", "format with a bad date", "date=2026-11-31&format=xlsx", "date"),
            ("callbacks", "format unknown", "format=csv", "format"), ("callbacks", "date not a date", "date=today", "date"),
        })
        {
            Add($"{target} ?{kind}", new Row(target, () => "", HttpStatusCode.BadRequest, field, Query: query));
        }

        // Statistics: both dates required and real, to not before from, at most a year; by and format from their lists.
        const string Month = "from=2026-11-01&to=2026-11-30";
        foreach (var (name, query, field) in new[]
        {
            ("no from", "to=2026-11-30", "from"),
            ("no to", "from=2026-11-01", "to"),
            ("from not a date", "from=2026-11&to=2026-11-30", "from"),
            ("from a date and time", "from=2026-11-01T00:00:00%2B08:00&to=2026-11-30", "from"),
            ("from 2026-02-30", "from=2026-02-30&to=2026-03-31", "from"),
            ("to not a date", "from=2026-11-01&to=tomorrow", "to"),
            ("from 1999", "from=1999-12-31&to=2000-01-31", "from"),
            ("to 2101", "from=2100-12-01&to=2101-01-01", "to"),
            ("to before from", "from=2026-11-30&to=2026-11-01", "to"),
            ("more than a year", "from=2025-01-01&to=2026-01-02", "to"),
            ("by unknown", $"{Month}&by=street", "by"),
            ("by upper case", $"{Month}&by=Category", "by"),
            ("by control character", $"{Month}&by=category%07", "by"),
            ("format unknown", $"{Month}&format=pdf", "format"),
            ("format too long", $"{Month}&format={new string('x', 200)}", "format"),
        })
        {
            Add($"statistics ?{name}", new Row("statistics", () => "", HttpStatusCode.BadRequest, field, Query: query));
        }

        // The scorecards: both dates required, in the window, in order, at most a year apart; JSON or xlsx.
        foreach (var (kind, query, field) in new[]
        {
            ("no from", "to=2026-11-30", "from"), ("no to", "from=2026-11-01", "to"), ("from not a date", "from=2026-11&to=2026-11-30", "from"),
            ("to not a date", "from=2026-11-01&to=30.11.2026", "to"), ("from 1999", "from=1999-12-31&to=2026-11-30", "from"),
            ("to 2101", "from=2026-11-01&to=2101-01-01", "to"), ("to before from", "from=2026-11-30&to=2026-11-01", "to"),
            ("367 days", "from=2025-01-01&to=2026-01-02", "to"), ("format=pdf", "from=2026-11-01&to=2026-11-30&format=pdf", "format"),
        })
        {
            Add($"scorecards ?{kind}", new Row("scorecards", () => "", HttpStatusCode.BadRequest, field, Query: query));
        }

        // The hot spots report: a period of real dates, first before last, at most 366 days; thresholds in their bounds.
        foreach (var (kind, query, field) in new[]
        {
            ("no from", "to=2026-11-30", "from"), ("no to", "from=2026-11-01", "to"), ("from 2026/11/01", "from=2026/11/01&to=2026-11-30", "from"),
            ("to 20261130", "from=2026-11-01&to=20261130", "to"), ("from 0001", "from=0001-01-01&to=2026-11-30", "from"),
            ("from 1999", "from=1999-12-31&to=2026-11-30", "from"), ("to 2101", "from=2026-11-01&to=2101-01-01", "to"),
            ("to before from", "from=2026-11-30&to=2026-11-01", "to"), ("367 days", "from=2025-01-01&to=2026-01-02", "to"),
            ("minCases=1", $"{Month}&minCases=1", "minCases"), ("minCases=1001", $"{Month}&minCases=1001", "minCases"),
            ("minCases=-3", $"{Month}&minCases=-3", "minCases"), ("minCases=three", $"{Month}&minCases=three", "minCases"),
            ("window=0", $"{Month}&window=0", "window"), ("window=367", $"{Month}&window=367", "window"), ("window=7.5", $"{Month}&window=7.5", "window"),
            ("terms=0", $"{Month}&terms=0", "terms"), ("terms=101", $"{Month}&terms=101", "terms"),
            ("format=pdf", $"{Month}&format=pdf", "format"), ("format with ESC", $"{Month}&format=%1B", "format"),
        })
        {
            Add($"hotspots ?{kind}", new Row("hotspots", () => "", HttpStatusCode.BadRequest, field, Query: query));
        }

        // An upload is multipart with a part named file (the multipart refusals are in AttachmentApiTests): anything else
        // names file and stores nothing.
        Add("attachments: a JSON body instead of multipart", new Row("attachments", () => """{"file":"aGVsbG8="}""", HttpStatusCode.BadRequest, "file"));
        Add("attachments: an empty JSON body", new Row("attachments", () => "", HttpStatusCode.BadRequest, "file"));

        // An e-mail contact is one address a reply can be sent to.
        foreach (var (kind, email) in new[] { ("a name", "\"张三\""), ("no domain", "\"zhangsan@\""), ("two addresses", "\"a@example.com,b@example.com\""), ("a display name", "\"张三 <z@example.com>\"") })
        {
            Add($"register complainant.email: {kind}", new Row("register", () => Registration("complainant.email", email), HttpStatusCode.BadRequest, "complainant.email"));
        }

        Add("calendar year 1999", new Row("calendar-1999", () => """{"days":[{"name":"元旦","date":"1999-01-01","isOffDay":true}]}""", HttpStatusCode.BadRequest, "year"));
        Add("calendar year 2101", new Row("calendar-2101", () => """{"days":[{"name":"元旦","date":"2101-01-01","isOffDay":true}]}""", HttpStatusCode.BadRequest, "year"));

        // Paging: bounded, so that page * pageSize cannot wrap around to page 1.
        foreach (var target in new[] { "ledger", "notifications" })
        {
            foreach (var (kind, query, field) in new[]
            {
                ("page=2147483647", "page=2147483647", "page"), ("page=100001", "page=100001", "page"), ("page=0", "page=0", "page"), ("page=-1", "page=-1", "page"),
                ("page=1e3", "page=1e3", "page"), ("pageSize=0", "pageSize=0", "pageSize"), ("pageSize=-5", "pageSize=-5", "pageSize"),
                ("pageSize=501", "pageSize=501", "pageSize"), ("pageSize=2147483647", "pageSize=2147483647", "pageSize"),
            })
            {
                Add($"{target} ?{kind}", new Row(target, () => "", HttpStatusCode.BadRequest, field, Query: query));
            }
        }

        // The body itself: malformed, repeated properties, wrong types, too large (with and without Content-Length).
        var large = new string('x', 300 * 1024);
        foreach (var (target, good) in JsonEndpoints)
        {
            var inner = good.TrimEnd('}');
            var comma = inner.Length > 1 ? "," : "";
            var repeated = good.Length > 2 ? good[1..good.IndexOf(':', StringComparison.Ordinal)] : "\"note\"";
            Add($"{target}: malformed JSON", new Row(target, () => good[..^1], HttpStatusCode.BadRequest, null));
            Add($"{target}: not JSON", new Row(target, () => "<xml/>", HttpStatusCode.BadRequest, "body"));
            Add($"{target}: repeated property", new Row(target, () => $"{inner}{comma}{repeated}:\"again\"}}", HttpStatusCode.BadRequest, repeated.Trim('"')));
            Add($"{target}: repeated property in other case", new Row(target, () => $"{inner}{comma}{repeated.ToUpperInvariant()}:\"again\"}}", HttpStatusCode.BadRequest, repeated.Trim('"').ToUpperInvariant()));
            Add($"{target}: an array instead of an object", new Row(target, () => "[]", HttpStatusCode.BadRequest, null));
            Add($"{target}: 300 KB body", new Row(target, () => $"{inner}{comma}\"padding\":\"{large}\"}}", HttpStatusCode.RequestEntityTooLarge, null));
            Add($"{target}: 300 KB chunked body", new Row(target, () => $"{inner}{comma}\"padding\":\"{large}\"}}", HttpStatusCode.RequestEntityTooLarge, null, Chunked: true));
        }

        foreach (var (target, body, field) in new[]
        {
            ("register", """{"channel":"hotline","kind":"complaint","content":42}""", "content"),
            ("register", """{"channel":"hotline","kind":"complaint","content":"水压低","complainant":"张三"}""", "complainant"),
            ("register", """{"channel":"hotline","kind":"complaint","content":"水压低","receivedAt":true}""", "receivedAt"),
            ("accept", """{"category":["general"]}""", "category"),
            ("request-extension", """{"until":1767225600,"reason":"配件未到"}""", "until"),
            ("decide-extension", """{"approve":"yes"}""", "approve"),
            ("answer", """{"reply":"已解释","customerAccepted":"true"}""", "customerAccepted"),
            ("calendar", """{"days":[{"name":"元旦","date":"2031-01-01","isOffDay":"yes"}]}""", "days[0].isOffDay"),
        })
        {
            Add($"{target} {field}: wrong type", new Row(target, () => body, HttpStatusCode.BadRequest, field));
        }

        return rows;
    }

    private static string Registration(string field, string value)
    {
        var body = new Dictionary<string, string>
        {
            ["channel"] = "\"hotline\"",
            ["kind"] = "\"complaint\"",
            ["content"] = "\"水压低\"",
        };
        var complainant = new Dictionary<string, string> { ["name"] = "\"张三\"", ["phone"] = "\"13812345678\"" };
        switch (field.Split('.'))
        {
            case ["complainant", var name]:
                complainant[name] = value;
                break;
            case ["target", _]:
                body["target"] = $$"""{"type":"staff","name":{{value}}}""";
                break;
            case ["responsible"]:
                body["flags"] = """["threat"]""";
                body["responsible"] = value;
                break;
            default:
                body[field] = value;
                break;
        }

        body["complainant"] = "{" + string.Join(",", complainant.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
        return "{" + string.Join(",", body.Select(p => $"\"{p.Key}\":{p.Value}")) + "}";
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task A_bad_request_is_refused_naming_the_field_and_changes_nothing(string name)
    {
        var row = Table[name];
        var target = await cases.TargetAsync(row.Target);
        var before = await target.SnapshotAsync();

        var response = await target.SendAsync(row.Body(), row.Query, row.Chunked);

        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(row.Status, text);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", text);
        var problem = JsonNode.Parse(text)!.AsObject();
        problem["title"]?.GetValue<string>().ShouldNotBeNullOrWhiteSpace(text);
        if (row.Field is { } field)
        {
            problem["errors"]?.AsObject().Select(e => e.Key).ShouldContain(field, text);
        }

        (await target.SnapshotAsync()).ShouldBe(before, "nothing may change on a refusal");
    }

    [Fact]
    public void The_table_covers_every_action_of_the_case()
    {
        var targets = Table.Values.Select(r => r.Target).ToHashSet(StringComparer.Ordinal);
        foreach (var action in Complaints.Grains.CaseActions.All)
        {
            targets.ShouldContain(action.Route);
        }

        Count.ShouldBeGreaterThan(600);
    }

    [Fact]
    public async Task Line_breaks_and_tabs_stay_allowed_in_long_text()
    {
        var client = await cases.Desk.As("agent");
        var created = await client.PostAsync(
            cases.Desk.Complaints,
            new StringContent("""{"channel":"hotline","kind":"complaint","content":"第一行\r\n第二行\n\t缩进","complainant":{"name":"张三"}}""", Encoding.UTF8, "application/json"))
            .ExpectAsync(HttpStatusCode.Created);
        created.Str("content").ShouldBe("第一行\r\n第二行\n\t缩进");
    }

    [Fact]
    public async Task Refusals_are_in_the_readers_language()
    {
        var client = await cases.Desk.As("agent");
        foreach (var (language, expected) in new[] { ("zh-CN", "控制字符"), ("en", "control") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, cases.Desk.Complaints)
            {
                Content = new StringContent(Registration("complainant.name", "\"\\u001b[2J\""), Encoding.UTF8, "application/json"),
            };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var problem = await client.SendAsync(request).ExpectAsync(HttpStatusCode.BadRequest);
            problem["errors"]!["complainant.name"]![0]!.GetValue<string>().ShouldContain(expected);
        }

        foreach (var (language, expected) in new[] { ("zh-CN", "256 KB"), ("en", "256 KB") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, cases.Desk.Complaints)
            {
                Content = new StringContent($$"""{"content":"{{new string('x', 300 * 1024)}}"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.AcceptLanguage.ParseAdd(language);
            var problem = await client.SendAsync(request).ExpectAsync(HttpStatusCode.RequestEntityTooLarge);
            problem.Str("detail").ShouldContain(expected);
            problem.Str("title").ShouldNotBeNullOrWhiteSpace();
        }
    }

    /// <summary>
    /// 50 MB sent chunked (no Content-Length) over a plain socket: the host answers 413 once it has counted 256 KB,
    /// without reading the rest into memory. Proved by the bytes the client had sent when the answer came (the client
    /// stops at the answer or when the host closes), and by the process's allocations.
    /// </summary>
    [Fact]
    public async Task A_50_MB_chunked_body_is_cut_at_the_limit_with_413()
    {
        const long total = 50L * 1024 * 1024;
        var token = (await cases.Desk.As("agent")).DefaultRequestHeaders.Authorization!.Parameter;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(cases.Platform.BaseAddress.Host, cases.Platform.BaseAddress.Port);
        var stream = tcp.GetStream();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {cases.Desk.Complaints} HTTP/1.1\r\nHost: {cases.Platform.BaseAddress.Authority}\r\nAuthorization: Bearer {token}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var answer = ReadStatusLineAsync(stream);

        var chunk = Encoding.ASCII.GetBytes($"10000\r\n{new string('x', 0x10000)}\r\n");
        long sent = 0;
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes("C\r\n{\"content\":\"\r\n"));
            while (sent < total && !answer.IsCompleted)
            {
                await stream.WriteAsync(chunk);
                sent += 0x10000;
            }
        }
        catch (IOException)
        {
            // The host answered and closed the connection: nothing more to send.
        }

        (await answer).ShouldStartWith("HTTP/1.1 413");
        sent.ShouldBeLessThan(total, "the host answered before the client finished sending");
        (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore).ShouldBeLessThan(total / 4, "the host did not read the body into memory");
    }

    [Fact]
    public async Task A_broken_chunked_body_is_a_400_not_a_500()
    {
        var token = (await cases.Desk.As("agent")).DefaultRequestHeaders.Authorization!.Parameter;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(cases.Platform.BaseAddress.Host, cases.Platform.BaseAddress.Port);
        var stream = tcp.GetStream();
        var before = await (await cases.TargetAsync("register")).SnapshotAsync();

        // The chunk says 13 bytes and brings 12 before its line end.
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {cases.Desk.Complaints} HTTP/1.1\r\nHost: {cases.Platform.BaseAddress.Authority}\r\nAuthorization: Bearer {token}\r\n" +
            "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nD\r\n{\"content\":\"\r\nzz\r\n0\r\n\r\n"));

        var answer = await ReadStatusLineAsync(stream);
        answer.ShouldStartWith("HTTP/1.1 400");
        answer.ShouldContain("application/problem+json");
        (await (await cases.TargetAsync("register")).SnapshotAsync()).ShouldBe(before);
    }

    /// <summary>The response's status line and headers, as they arrive.</summary>
    private static async Task<string> ReadStatusLineAsync(Stream stream)
    {
        var received = new StringBuilder();
        var buffer = new byte[4096];
        while (!received.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString();
    }

    /// <summary>One platform and a case in each status an action needs, made once for the whole table.</summary>
    public sealed class Cases : IAsyncLifetime
    {
        private readonly Dictionary<string, Target> _targets = new(StringComparer.Ordinal);

        public PlatformInstance Platform { get; private set; } = null!;

        public Desk Desk { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Platform = await PlatformInstance.StartAsync();
            Desk = new Desk(Platform);
            var gas = new Desk(Platform, "fuyang-gas");

            var registered = (await Desk.RegisterAsync()).Str("number");
            var fromPlatform = (await Desk.RegisterAsync(new { channel = "gov-12345", kind = "complaint", content = "路灯不亮", externalId = "GD-" + Guid.NewGuid() })).Str("number");
            var accepted = (await Desk.RegisterAsync()).Str("number");
            await Desk.ActAsync(accepted, "accept", new { category = "water-pressure" }, "agent");
            var dispatched = await Desk.DispatchedAsync();
            var extending = await Desk.DispatchedAsync();
            await Desk.ActAsync(extending, "sign", null, "pipe-network");
            await Desk.ActAsync(extending, "request-extension", new { until = DateTimeOffset.UtcNow.AddDays(5), reason = "配件未到" }, "pipe-network");
            var resolved = await Desk.DispatchedAsync();
            await Desk.ActAsync(resolved, "sign", null, "pipe-network");
            await Desk.ActAsync(resolved, "report-result", new { result = "已更换阀门" }, "pipe-network");
            var pending = (await gas.RegisterAsync(new { channel = "gov-12345", kind = "complaint", content = "燃气报装迟迟不来安装", externalId = "GD-" + Guid.NewGuid() })).Str("number");
            await gas.ActAsync(pending, "accept", new { category = "gas-installation" }, "agent");
            await gas.ActAsync(pending, "dispatch", new { department = "installation" }, "agent");

            var agent = await Desk.As("agent");
            var ledger = new Target(agent, HttpMethod.Post, Desk.Complaints, () => LedgerTotalAsync(agent));
            _targets["register"] = ledger;
            _targets["ledger"] = new Target(agent, HttpMethod.Get, Desk.Complaints, () => LedgerTotalAsync(agent));
            foreach (var (action, number, desk, user) in new[]
            {
                ("accept", registered, Desk, "agent"), ("reclassify", registered, Desk, "agent"), ("reject", registered, Desk, "agent"),
                ("answer", registered, Desk, "agent"), ("flag", registered, Desk, "agent"), ("supervise", registered, Desk, "supervisor"),
                ("return-to-source", fromPlatform, Desk, "agent"), ("dispatch", accepted, Desk, "agent"), ("approve-dispatch", pending, gas, "leader"),
                ("sign", dispatched, Desk, "pipe-network"), ("return", dispatched, Desk, "pipe-network"), ("request-extension", dispatched, Desk, "pipe-network"),
                ("decide-extension", extending, Desk, "supervisor"), ("report-result", extending, Desk, "pipe-network"), ("record-callback", resolved, Desk, "agent"),
            })
            {
                var client = await desk.As(user);
                var reader = await desk.As("agent");
                var path = $"{desk.Complaints}/{number}";
                _targets[action] = new Target(client, HttpMethod.Post, $"{path}/{action}", () => CaseAsync(reader, path));
            }

            var attachments = $"{Desk.Complaints}/{registered}/attachments";
            _targets["attachments"] = new Target(agent, HttpMethod.Post, attachments, () => agent.GetStringAsync(attachments));

            var formCase = $"{Desk.Complaints}/{registered}";
            _targets["form"] = new Target(agent, HttpMethod.Get, $"{formCase}/form", () => CaseAsync(agent, formCase));

            var anonymous = Platform.Anonymous();
            _targets["token"] = new Target(anonymous, HttpMethod.Post, "/api/v1/auth/token", () => Task.FromResult(""));
            _targets["refresh"] = new Target(anonymous, HttpMethod.Post, "/api/v1/auth/refresh", () => Task.FromResult(""));

            // The tenant admin's user management: the list of users is what a refusal must leave as it was.
            var tenantAdmin = await Desk.As("admin");
            var users = $"/api/v1/tenants/{Desk.Tenant}/users";
            _targets["users"] = new Target(tenantAdmin, HttpMethod.Post, users, () => UsersAsync(tenantAdmin, users));
            await tenantAdmin.PostAsJsonAsync(users, new { login = "kept.agent", displayName = "李四", role = "agent", password = "a-long-password-1" }).ExpectAsync(HttpStatusCode.Created);
            _targets["users-reset-password"] = new Target(tenantAdmin, HttpMethod.Post, $"{users}/kept.agent/reset-password", () => UsersAsync(tenantAdmin, users));

            var admin = await CalendarAdminAsync();
            _targets["calendar"] = new Target(admin, HttpMethod.Put, "/api/v1/calendar/years/2031", () => YearAsync(admin, 2031));
            _targets["calendar-import"] = new Target(admin, HttpMethod.Post, "/api/v1/calendar/years/2031/import", () => YearAsync(admin, 2031));
            _targets["calendar-1999"] = new Target(admin, HttpMethod.Put, "/api/v1/calendar/years/1999", () => YearAsync(admin, 1999));
            _targets["calendar-2101"] = new Target(admin, HttpMethod.Put, "/api/v1/calendar/years/2101", () => YearAsync(admin, 2101));
            var tenant = $"/api/v1/tenants/{Desk.Tenant}";
            _targets["calendar-days"] = new Target(agent, HttpMethod.Get, $"{tenant}/calendar/days", () => Task.FromResult(""));
            _targets["deadline"] = new Target(agent, HttpMethod.Get, $"{tenant}/calendar/deadline", () => Task.FromResult(""));
            _targets["overdue"] = new Target(agent, HttpMethod.Get, $"{tenant}/reports/overdue", () => Task.FromResult(""));
            _targets["callbacks"] = new Target(agent, HttpMethod.Get, $"{tenant}/reports/callbacks", () => Task.FromResult(""));
            _targets["ledger-xlsx"] = new Target(agent, HttpMethod.Get, $"{tenant}/ledger.xlsx", () => LedgerTotalAsync(agent));
            _targets["statistics"] = new Target(agent, HttpMethod.Get, $"{tenant}/reports/statistics", () => Task.FromResult(""));
            _targets["hotspots"] = new Target(agent, HttpMethod.Get, $"{tenant}/reports/hotspots", () => LedgerTotalAsync(agent));
            _targets["notifications"] = new Target(agent, HttpMethod.Get, $"{tenant}/notifications", () => Task.FromResult(""));
            _targets["scorecards"] = new Target(await Desk.As("supervisor"), HttpMethod.Get, $"{tenant}/reports/scorecards", () => Task.FromResult(""));
            _targets["notification-read"] = new Target(agent, HttpMethod.Post, $"{tenant}/notifications/", () => UnreadAsync(agent, tenant), QueryIsPath: true);
            var supervisor = await Desk.As("supervisor");
            var snapshots = $"{tenant}/reports/snapshots";
            Task<string> SnapshotList() => supervisor.GetStringAsync(snapshots);
            _targets["snapshots"] = new Target(supervisor, HttpMethod.Get, snapshots, SnapshotList);
            _targets["snapshot"] = new Target(supervisor, HttpMethod.Get, $"{snapshots}/daily-2026-11-29", SnapshotList);
            _targets["snapshot-esc"] = new Target(supervisor, HttpMethod.Get, $"{snapshots}/a%1Bb", SnapshotList);
            _targets["snapshot-rlo"] = new Target(supervisor, HttpMethod.Get, $"{snapshots}/a%E2%80%AEb", SnapshotList);
            _targets["snapshot-xlsx-esc"] = new Target(supervisor, HttpMethod.Get, $"{snapshots}/a%1Bb.xlsx", SnapshotList);
        }

        public async ValueTask DisposeAsync() => await Platform.DisposeAsync();

        public Task<Target> TargetAsync(string name) => Task.FromResult(_targets[name]);

        /// <summary>The platform operator where there is one, else the administrator who loads calendar years.</summary>
        private async Task<HttpClient> CalendarAdminAsync()
        {
            var probe = Platform.Anonymous();
            var login = await probe.PostAsJsonAsync("/api/v1/auth/token", new { username = "operator", password = "demo" });
            return login.IsSuccessStatusCode ? await Platform.LoginAsync("operator") : await Platform.LoginAsync("admin");
        }

        private static async Task<string> LedgerTotalAsync(HttpClient client) =>
            (await client.GetAsync("/api/v1/tenants/fangyang-water/complaints?pageSize=1").ExpectAsync(HttpStatusCode.OK))["total"]!.ToJsonString();

        /// <summary>
        /// The case as its desk reads it, without what the platform's clocks write on their own meanwhile (the clocks,
        /// their <c>sla</c> history entries): anything a request changed is still seen.
        /// </summary>
        private static async Task<string> CaseAsync(HttpClient client, string path)
        {
            var view = await client.GetAsync(path).ExpectAsync(HttpStatusCode.OK);
            view.Remove("clocks");
            var history = view["history"]!.AsArray();
            foreach (var entry in history.Where(h => h!["actor"]!.GetValue<string>() == "sla").ToList())
            {
                history.Remove(entry);
            }

            return view.ToJsonString();
        }

        private static async Task<string> UsersAsync(HttpClient client, string path) => await (await client.GetAsync(path)).Content.ReadAsStringAsync();

        private static async Task<string> YearAsync(HttpClient client, int year) => await (await client.GetAsync($"/api/v1/calendar/years/{year}")).Content.ReadAsStringAsync();

        private static async Task<string> UnreadAsync(HttpClient client, string tenant) =>
            (await client.GetAsync($"{tenant}/notifications?pageSize=1").ExpectAsync(HttpStatusCode.OK))["unreadCount"]!.ToJsonString();
    }

    /// <summary>Where a row's request goes, and how to read what it must not change.</summary>
    public sealed record Target(HttpClient Client, HttpMethod Method, string Path, Func<Task<string>> SnapshotAsync, bool QueryIsPath = false)
    {
        public Task<HttpResponseMessage> SendAsync(string body, string? query, bool chunked)
        {
            var uri = QueryIsPath ? $"{Path}{query}/read" : query is null ? Path : $"{Path}?{query}";
            var request = new HttpRequestMessage(Method, uri);
            if (Method != HttpMethod.Get)
            {
                request.Content = chunked
                    ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } }
                    : new StringContent(body, Encoding.UTF8, "application/json");
                request.Headers.TransferEncodingChunked = chunked;
            }

            return Client.SendAsync(request);
        }
    }
}
