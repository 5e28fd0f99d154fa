using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Sla;
using ExcelDataReader;

namespace Complaints.Api.Tests;

/// <summary>
/// The hot spots report over the real host, on cases registered through the API: three on 黄河路 about the water
/// pressure, one complainant three times, contents repeating 停水 and 水压. Every figure below is counted by hand from
/// the cases as registered here.
/// </summary>
public sealed class HotSpotsApiTests(HotSpotsApiTests.Month month) : IClassFixture<HotSpotsApiTests.Month>
{
    private const string LiSiPhone = "13900001111";
    private const string WangWuPhone = "13700002222";

    /// <summary>One platform with the five cases, registered, accepted and dispatched once for the class.</summary>
    public sealed class Month : IAsyncLifetime
    {
        public PlatformInstance Platform { get; private set; } = null!;

        public Desk Desk { get; private set; } = null!;

        public string[] Numbers { get; private set; } = [];

        public async ValueTask InitializeAsync()
        {
            Platform = await PlatformInstance.StartAsync();
            Desk = new Desk(Platform);
            var cases = new (string Content, string Name, string Phone, string Address, string? Location, string Category, string Department)[]
            {
                ("黄河路一带停水，水压很低", "李四", LiSiPhone, "开发区黄河路1号", null, "water-pressure", "pipe-network"),
                ("家里停水两天了，请回电" + LiSiPhone, "李四", LiSiPhone, "开发区黄河路15号", null, "water-pressure", "pipe-network"),
                ("水压不够，洗澡都困难", "王五", WangWuPhone, "新浦区长江路2号", "黄河路与长江路交叉口", "water-pressure", "pipe-network"),
                ("水费太高，怀疑水表有问题", "李四", LiSiPhone, "开发区黄河路3号", null, "billing-dispute", "billing"),
                ("停水了，什么时候来水", "赵六", "13600003333", "海州区幸福里小区", null, "water-pressure", "pipe-network"),
            };
            var numbers = new List<string>();
            foreach (var c in cases)
            {
                var number = (await Desk.RegisterAsync(new
                {
                    channel = "hotline",
                    kind = "complaint",
                    content = c.Content,
                    location = c.Location,
                    complainant = new { name = c.Name, phone = c.Phone, address = c.Address },
                })).Str("number");
                await Desk.ActAsync(number, "accept", new { category = c.Category }, "agent");
                await Desk.ActAsync(number, "dispatch", new { department = c.Department }, "agent");
                numbers.Add(number);
            }

            Numbers = [.. numbers];
        }

        public async ValueTask DisposeAsync() => await Platform.DisposeAsync();
    }

    private string Period
    {
        get
        {
            var today = ChinaTime.Today(TimeProvider.System);
            return $"from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}";
        }
    }

    private async Task<(JsonObject Report, string Text)> ReportAsync(string user, string query = "")
    {
        var client = await month.Desk.As(user);
        var response = await client.GetAsync($"/api/v1/tenants/{month.Desk.Tenant}/reports/hotspots?{Period}{query}");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return (JsonNode.Parse(text)!.AsObject(), text);
    }

    private static string[] NumbersOf(JsonNode? spot) => [.. spot!["cases"]!.AsArray().Select(c => c.Str("number"))];

    [Fact]
    public async Task The_supervisor_gets_the_street_the_repeat_complainant_and_the_terms_counted_by_hand()
    {
        var n = month.Numbers;
        var (report, text) = await ReportAsync("supervisor");

        report["cases"]!.GetValue<int>().ShouldBe(5);
        report["minCases"]!.GetValue<int>().ShouldBe(3);
        report["window"]!.GetValue<int>().ShouldBe(7);

        // 黄河路, water pressure: cases 1 and 2 by the address, 3 by its location; 4 is another category, 5 elsewhere.
        var place = report["places"]!.AsArray().ShouldHaveSingleItem();
        (place.Str("category"), place.Str("categoryName"), place.Str("kind"), place.Str("place"), place.Str("district"))
            .ShouldBe(("water-pressure", "水压问题", "road", "黄河路", "开发区"));
        place!["count"]!.GetValue<int>().ShouldBe(3);
        NumbersOf(place).ShouldBe([n[0], n[1], n[2]]);
        place["cases"]![0]!.Str("status").ShouldBe("dispatched");
        place["cases"]![0]!.Str("categoryName").ShouldBe("水压问题");
        place["cases"]![0]!.Str("excerpt").ShouldBe("黄河路一带停水，水压很低");

        // 李四 called three times (cases 1, 2, 4); everyone else once.
        var repeat = report["repeatComplainants"]!.AsArray().ShouldHaveSingleItem();
        (repeat.Str("name"), repeat.Str("phone"), repeat!["count"]!.GetValue<int>()).ShouldBe(("李四", "139****1111", 3));
        NumbersOf(repeat).ShouldBe([n[0], n[1], n[3]]);

        // 停水 in cases 1, 2 and 5; 水压 in 1 and 3; no other term in two cases.
        var terms = report["terms"]!.AsArray();
        terms.Select(t => (t.Str("term"), t!["count"]!.GetValue<int>())).ShouldBe([("停水", 3), ("水压", 2)]);
        NumbersOf(terms[0]).ShouldBe([n[0], n[1], n[4]]);
        NumbersOf(terms[1]).ShouldBe([n[0], n[2]]);

        text.ShouldNotContain(LiSiPhone);
        text.ShouldNotContain(WangWuPhone);
        text.ShouldNotContain("13600003333");
    }

    [Fact]
    public async Task Thresholds_change_what_is_a_hot_spot()
    {
        // With two cases enough, 黄河路 still has its three; no other category and place has two.
        var (two, _) = await ReportAsync("leader", "&minCases=2&terms=1");
        two["places"]!.AsArray().Select(p => (p.Str("place"), p!["count"]!.GetValue<int>())).ShouldBe([("黄河路", 3)]);
        two["terms"]!.AsArray().Select(t => t.Str("term")).ShouldBe(["停水"]);

        var (four, _) = await ReportAsync("admin", "&minCases=4");
        four["places"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_handler_sees_the_hot_spots_of_its_own_department_only()
    {
        var n = month.Numbers;
        var (pipes, _) = await ReportAsync("pipe-network");
        pipes["cases"]!.GetValue<int>().ShouldBe(4);
        NumbersOf(pipes["places"]!.AsArray().ShouldHaveSingleItem()).ShouldBe([n[0], n[1], n[2]]);
        var repeat = pipes["repeatComplainants"]!.AsArray().ShouldHaveSingleItem();
        NumbersOf(repeat).ShouldBe([n[0], n[1]]);

        var (billing, _) = await ReportAsync("billing");
        billing["cases"]!.GetValue<int>().ShouldBe(1);
        billing["places"]!.AsArray().ShouldBeEmpty();
        billing["repeatComplainants"]!.AsArray().ShouldBeEmpty();
        billing["terms"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task The_agent_reads_the_whole_tenant_like_the_ledger()
    {
        var (report, _) = await ReportAsync("agent");
        report["cases"]!.GetValue<int>().ShouldBe(5);
    }

    [Fact]
    public async Task The_workbook_has_one_sheet_per_list_with_the_same_figures_and_no_phone()
    {
        var n = month.Numbers;
        var client = await month.Desk.As("supervisor");
        var response = await client.GetAsync($"/api/v1/tenants/{month.Desk.Tenant}/reports/hotspots?{Period}&format=xlsx");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldStartWith("热点问题-");

        var sheets = Read(await response.Content.ReadAsByteArrayAsync());
        sheets.Keys.ShouldBe(["热点地点", "重复来电", "高频词"]);

        var places = sheets["热点地点"];
        places[0].ShouldBe(["类别", "地点", "地点类型", "区县", "件数", "首次登记", "最近登记", "受理编号", "登记时间", "类别", "状态", "内容摘要"]);
        places.Skip(1).Select(r => (r[0], r[1], r[2], r[3], r[4], r[7])).ShouldBe(
            [.. new[] { n[0], n[1], n[2] }.Select(number => ("水压问题", "黄河路", "道路", "开发区", "3", number))]);
        (places[1][9], places[1][10]).ShouldBe(("水压问题", "已派单（待签收）"));

        var repeat = sheets["重复来电"];
        repeat[0].ShouldBe(["来电人", "联系电话", "件数", "受理编号", "登记时间", "类别", "状态", "内容摘要"]);
        repeat.Skip(1).Select(r => (r[0], r[1], r[2], r[3])).ShouldBe(
            [.. new[] { n[0], n[1], n[3] }.Select(number => ("李四", "139****1111", "3", number))]);

        var terms = sheets["高频词"];
        terms[0].ShouldBe(["词语", "件数", "受理编号", "登记时间", "类别", "状态", "内容摘要"]);
        terms.Skip(1).Select(r => (r[0], r[1], r[2])).ShouldBe(
            [("停水", "3", n[0]), ("停水", "3", n[1]), ("停水", "3", n[4]), ("水压", "2", n[0]), ("水压", "2", n[2])]);

        var cells = sheets.Values.SelectMany(rows => rows).SelectMany(row => row).ToList();
        cells.ShouldNotContain(c => c.Contains(LiSiPhone) || c.Contains(WangWuPhone) || c.Contains("13600003333"));
    }

    /// <summary>Every sheet's rows as text, read back with ExcelDataReader (independent of the writer).</summary>
    private static Dictionary<string, List<string[]>> Read(byte[] xlsx)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        using var reader = ExcelReaderFactory.CreateReader(new MemoryStream(xlsx));
        var sheets = new Dictionary<string, List<string[]>>();
        do
        {
            var rows = new List<string[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "")]);
            }

            sheets[reader.Name] = rows;
        }
        while (reader.NextResult());
        return sheets;
    }
}
