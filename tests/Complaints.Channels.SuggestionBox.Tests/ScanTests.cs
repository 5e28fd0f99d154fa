using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Api.Tests;

namespace Complaints.Channels.SuggestionBox.Tests;

/// <summary>
/// Scans of paper items through the real host, which loads the suggestion-box plugin from artifacts/plugins: the
/// platform's intake sniffs each scan, holds it to the tenant's attachment limits and stores it content-addressed
/// before the case refers to it. Every test writes contents of its own, so the rows never meet another test's.
/// </summary>
public sealed class ScanTests(ScanTests.Platform platform) : IClassFixture<ScanTests.Platform>
{
    private const string Tenant = "fangyang-water";
    private static readonly string Opened = DateTime.UtcNow.AddHours(8).Date.AddDays(-2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Unique(string text) => $"{text}（{Guid.NewGuid():N}）";

    private static MultipartFormDataContent Batch(string csv, params (string Name, byte[] Bytes)[] scans)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "意见箱.csv" } };
        foreach (var (name, bytes) in scans)
        {
            form.Add(new ByteArrayContent(bytes), "scans", name);
        }

        return form;
    }

    private async Task<JsonObject> PostAsync(string path, HttpContent content)
    {
        var response = await (await platform.Agent()).PostAsync($"/channels/suggestion-box/{Tenant}/{path}", content);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    private async Task<JsonArray> FilesAsync(string number) =>
        (await (await platform.Agent()).GetFromJsonAsync<JsonArray>($"/api/v1/tenants/{Tenant}/complaints/{number}/attachments"))!;

    private static List<JsonObject> Rows(JsonObject result) => [.. result["rows"]!.AsArray().Select(r => r!.AsObject())];

    private static void ShouldBeTheScan(JsonNode? file, string name, string contentType, byte[] bytes)
    {
        file.Str("name").ShouldBe(name);
        file.Str("contentType").ShouldBe(contentType);
        file!["size"]!.GetValue<long>().ShouldBe(bytes.LongLength);
        file.Str("sha256").ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        file.Str("addedBy").ShouldBe("channel:suggestion-box");
    }

    [Fact]
    public async Task Scans_beside_the_sheet_become_the_cases_attachments_and_the_same_upload_again_adds_nothing()
    {
        var png = ScanFiles.Png();
        var pdf = ScanFiles.Pdf();
        var csv = "箱号,开箱日期,内容,扫描件\n" +
            $"城东营业厅,{Opened},{Unique("营业厅空调坏了")},意见簿-01.png\n" +
            // The cell may give a path and another case than the uploaded name: the file's own name is matched.
            $"城西营业厅,{Opened},{Unique("抄表员态度差")},D:\\扫描\\意见簿-02.PDF\n";
        var before = await platform.TotalAsync();

        var first = await PostAsync("batches", Batch(csv, ("意见簿-01.png", png), ("意见簿-02.pdf", pdf)));

        var rows = Rows(first);
        rows.Select(r => r.Str("status")).ShouldBe(["accepted", "accepted"], first.ToJsonString());
        first["unusedScans"].ShouldBeNull();
        (await platform.TotalAsync()).ShouldBe(before + 2);
        ShouldBeTheScan((await FilesAsync(rows[0].Str("number"))).ShouldHaveSingleItem(), "意见簿-01.png", "image/png", png);
        ShouldBeTheScan((await FilesAsync(rows[1].Str("number"))).ShouldHaveSingleItem(), "意见簿-02.pdf", "application/pdf", pdf);

        var again = await PostAsync("batches", Batch(csv, ("意见簿-01.png", png), ("意见簿-02.pdf", pdf)));

        Rows(again).Select(r => r.Str("status")).ShouldBe(["existing", "existing"]);
        Rows(again).Select(r => r.Str("number")).ShouldBe(rows.Select(r => r.Str("number")));
        (await platform.TotalAsync()).ShouldBe(before + 2);
        (await FilesAsync(rows[0].Str("number"))).Count.ShouldBe(1);
        (await FilesAsync(rows[1].Str("number"))).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_scan_that_is_an_executable_named_jpg_is_refused_with_its_row_and_the_other_rows_go_on()
    {
        var png = ScanFiles.Png(7);
        var csv = "箱号,开箱日期,内容,扫描件\n" +
            $"城东营业厅,{Opened},{Unique("附了一个程序")},意见簿-03.jpg\n" +
            $"城东营业厅,{Opened},{Unique("正常的意见")},意见簿-04.png\n";
        var before = await platform.TotalAsync();

        var result = await PostAsync("batches", Batch(csv, ("意见簿-03.jpg", ScanFiles.Executable()), ("意见簿-04.png", png)));

        var rows = Rows(result);
        rows.Select(r => r.Str("status")).ShouldBe(["refused", "accepted"], result.ToJsonString());
        rows[0]["row"]!.GetValue<int>().ShouldBe(2);
        rows[0].Str("column").ShouldBe("scans");
        rows[0].Str("reason").ShouldContain("意见簿-03.jpg");
        rows[0].Str("reason").ShouldContain("application/octet-stream"); // what the content was sniffed to be: nothing known
        (await platform.TotalAsync()).ShouldBe(before + 1, "nothing of the refused row is registered");
        ShouldBeTheScan((await FilesAsync(rows[1].Str("number"))).ShouldHaveSingleItem(), "意见簿-04.png", "image/png", png);
    }

    [Fact]
    public async Task The_single_entry_form_takes_a_front_and_a_back_scan()
    {
        var front = ScanFiles.Png(3);
        var back = ScanFiles.Pdf();
        var content = Unique("手写意见：营业厅缺少老花镜");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("城南营业厅"), "hall" },
            { new StringContent(Opened), "receivedDate" },
            { new StringContent(content), "content" },
            { new ByteArrayContent(front), "scans", "正面.png" },
            { new ByteArrayContent(back), "scans", "背面.pdf" },
        };

        var result = await PostAsync("items", form);

        var row = Rows(result).ShouldHaveSingleItem();
        row.Str("status").ShouldBe("accepted", result.ToJsonString());
        var number = row.Str("number");
        var registered = await (await platform.Agent()).GetFromJsonAsync<JsonObject>($"/api/v1/tenants/{Tenant}/complaints/{number}");
        registered.Str("content").ShouldBe(content);
        registered.Str("channel").ShouldBe("suggestion-box");
        // Files registered with the case share its time; the list orders them by id then, not by upload order.
        var files = (await FilesAsync(number)).ToDictionary(f => f.Str("name"));
        files.Count.ShouldBe(2);
        ShouldBeTheScan(files["正面.png"], "正面.png", "image/png", front);
        ShouldBeTheScan(files["背面.pdf"], "背面.pdf", "application/pdf", back);
    }

    /// <summary>The real host with the bundled plugins and its demo staff; the agent's client is made once.</summary>
    public sealed class Platform : IAsyncLifetime
    {
        private HttpClient? _agent;

        public PlatformInstance Instance { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Instance = await PlatformInstance.StartAsync();

        public async ValueTask DisposeAsync() => await Instance.DisposeAsync();

        public async Task<HttpClient> Agent() => _agent ??= await Instance.LoginAsync("agent");

        public async Task<int> TotalAsync() =>
            (await (await Agent()).GetFromJsonAsync<JsonObject>($"/api/v1/tenants/{Tenant}/complaints?channel=suggestion-box&pageSize=1"))!["total"]!.GetValue<int>();
    }
}
