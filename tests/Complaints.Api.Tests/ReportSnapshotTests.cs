using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Reports;
using Complaints.Sla;
using ExcelDataReader;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>
/// Scheduled snapshots on the real host: the tenant's schedule produces today's daily lists when their time comes (the
/// test hands the schedule that instant instead of waiting a day), the supervisors are told, the snapshot downloads as
/// JSON and .xlsx, stays as it was produced when its case changes later, and is not produced again by another run or
/// after a restart.
/// </summary>
public sealed class ReportSnapshotTests
{
    private const string Tenant = "fangyang-water";
    private const string Snapshots = $"/api/v1/tenants/{Tenant}/reports/snapshots";

    [Fact]
    public async Task A_daily_snapshot_is_produced_at_the_tenants_time_told_to_supervisors_kept_as_produced_and_never_made_twice()
    {
        await using var platform = await PlatformInstance.StartAsync(null, [.. RegisteredCasesSection.HostArgs, "--Tenants:fangyang-water:Reports:DailyAt", "07:00"]);
        var desk = new Desk(platform);
        var number = (await desk.RegisterAsync()).Str("number");
        var today = ChinaTime.DateOf(DateTimeOffset.UtcNow);
        var id = $"daily-{today:yyyy-MM-dd}";
        var tomorrow = today.AddDays(1);
        var schedule = platform.Services.GetRequiredService<IGrainFactory>().GetGrain<IReportScheduleGrain>(Tenant);

        var supervisor = await platform.LoginAsync("supervisor");
        await using var stream = await ServerSentEventsClient.OpenAsync(supervisor, $"/api/v1/tenants/{Tenant}/notifications/stream");

        // Today's lists fall due tomorrow at the tenant's 07:00, not before (a month's report may fall due then too).
        (await schedule.RunAsync(ChinaTime.At(tomorrow, new TimeOnly(6, 59)))).Produced.ShouldNotContain(id);
        (await schedule.RunAsync(ChinaTime.At(tomorrow, new TimeOnly(7, 0)))).Produced.ShouldContain(id);

        // The supervisors are told, in Chinese, with no case number (a report is about no one case), listed and pushed.
        var pushed = await stream.NotificationAsync(n => n.Str("id") == $"report:{Tenant}:{id}", TimeSpan.FromSeconds(30));
        pushed.Json.Str("number").ShouldBe("");
        pushed.Id.ShouldBe($"report:{Tenant}:{id}");
        var notices = await supervisor.GetAsync($"/api/v1/tenants/{Tenant}/notifications?pageSize=500").ExpectAsync(HttpStatusCode.OK);
        var notice = notices["items"]!.AsArray().Single(n => n.Str("id") == $"report:{Tenant}:{id}")!;
        notice.Str("type").ShouldBe("report-produced");
        notice.Str("number").ShouldBe("");
        notice.Str("message").ShouldBe($"每日报表（{today:yyyy-MM-dd} 至 {today:yyyy-MM-dd}）已生成并存档，可在报表快照中查看和下载（{id}）。");

        var listed = await supervisor.GetFromJsonAsync<JsonArray>($"{Snapshots}?kind=daily", TestContext.Current.CancellationToken);
        var entry = listed!.Single(s => s.Str("id") == id)!;
        entry.Str("kind").ShouldBe("daily");
        entry.Str("from").ShouldBe($"{today:yyyy-MM-dd}");
        entry.Str("to").ShouldBe($"{today:yyyy-MM-dd}");
        entry.Str("producedAt").ShouldEndWith("+08:00");
        (await supervisor.GetFromJsonAsync<JsonArray>($"{Snapshots}?kind=monthly", TestContext.Current.CancellationToken))!.ShouldNotContain(s => s.Str("id") == id);

        // As produced: the case as it stood, in the JSON and in the workbook.
        var json = await supervisor.GetStringAsync($"{Snapshots}/{id}", TestContext.Current.CancellationToken);
        var content = JsonNode.Parse(json)!;
        content.Str("kind").ShouldBe("daily");
        content.Str("from").ShouldBe($"{today:yyyy-MM-dd}");
        content.Str("to").ShouldBe($"{today:yyyy-MM-dd}");
        content["sections"]!["registered"]!["cases"]!.AsArray().Single(c => c.Str("number") == number)!.Str("status").ShouldBe("registered");
        var xlsx = await supervisor.GetAsync($"{Snapshots}/{id}.xlsx", TestContext.Current.CancellationToken);
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        xlsx.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        xlsx.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"每日报表-{id}.xlsx");
        var workbook = await xlsx.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        (await supervisor.GetByteArrayAsync($"{Snapshots}/{id}?format=xlsx", TestContext.Current.CancellationToken)).ShouldBe(workbook);
        var sheets = Read(workbook);
        // The cover, then every daily section's sheets: the platform's own (overdue list, callback register) and the test's.
        sheets[0].Name.ShouldBe("概况");
        sheets.Select(s => s.Name).ShouldBe(["概况", "客户投诉逾期未处理明细表", "已回访", "待回访", "登记"], ignoreOrder: true);
        sheets[0].Rows[0].ShouldBe(["报表", "起始日期", "截止日期", "生成时间", "内容"]);
        sheets[0].Rows[1][..3].ShouldBe(["每日报表", $"{today:yyyy-MM-dd}", $"{today:yyyy-MM-dd}"]);
        sheets[0].Rows[1][4].ShouldContain("registered");
        var registered = sheets.Single(s => s.Name == "登记");
        registered.Rows[0].ShouldBe(["编号", "状态"]);
        registered.Rows.Skip(1).ShouldContain(r => r[0] == number && r[1] == "registered");

        // A later change to the case changes the live report, never the snapshot.
        await desk.ActAsync(number, "accept", new { category = "water-pressure" }, "agent");
        (await desk.GetAsync(number)).Str("status").ShouldBe("accepted");
        var live = await platform.Services.GetServices<IReportSection>().Single(s => s.Name == "registered")
            .ProduceAsync(Tenant, today, today, ReportSnapshotProducer.Culture, TestContext.Current.CancellationToken);
        ((RegisteredCasesSection.RegisteredCases)live.Data).Cases.Single(c => c.Number == number).Status.ShouldBe("accepted");
        (await supervisor.GetStringAsync($"{Snapshots}/{id}", TestContext.Current.CancellationToken)).ShouldBe(json);
        (await supervisor.GetByteArrayAsync($"{Snapshots}/{id}.xlsx", TestContext.Current.CancellationToken)).ShouldBe(workbook);

        // Never made twice: not by another run, not after a restart (the store keeps one per tenant, kind and period).
        (await schedule.RunAsync(ChinaTime.At(tomorrow, new TimeOnly(7, 1)))).Produced.ShouldBeEmpty();
        await platform.RestartAsync();
        schedule = platform.Services.GetRequiredService<IGrainFactory>().GetGrain<IReportScheduleGrain>(Tenant);
        (await schedule.RunAsync(ChinaTime.At(tomorrow, new TimeOnly(7, 2)))).Produced.ShouldNotContain(id);
        supervisor = await platform.LoginAsync("supervisor");
        (await supervisor.GetFromJsonAsync<JsonArray>(Snapshots, TestContext.Current.CancellationToken))!.Count(s => s.Str("id") == id).ShouldBe(1);
        (await supervisor.GetStringAsync($"{Snapshots}/{id}", TestContext.Current.CancellationToken)).ShouldBe(json);
        var after = await supervisor.GetAsync($"/api/v1/tenants/{Tenant}/notifications?pageSize=500").ExpectAsync(HttpStatusCode.OK);
        after["items"]!.AsArray().Count(n => n.Str("id") == $"report:{Tenant}:{id}").ShouldBe(1);

        // A snapshot holds the whole tenant: leaders and administrators read it; the desk and a department do not.
        (await (await platform.LoginAsync("leader")).GetAsync($"{Snapshots}/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await platform.LoginAsync("admin")).GetAsync($"{Snapshots}/{id}.xlsx", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await platform.LoginAsync("agent")).GetAsync(Snapshots, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await platform.LoginAsync("pipe-network")).GetAsync($"{Snapshots}/{id}", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await supervisor.GetAsync($"{Snapshots}/daily-2001-01-01", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await supervisor.GetAsync($"{Snapshots}/daily-2001-01-01.xlsx", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_installation_produces_yesterdays_lists_at_start_and_no_older_period()
    {
        // Produced at midnight, China time: yesterday's lists are due whatever the hour the test starts (at the
        // default 08:30 they are not due yet between midnight and 08:30, and the test failed when run then).
        await using var platform = await PlatformInstance.StartAsync(null, $"--Tenants:{Tenant}:{TenantReportSchedule.DailyAtSetting}", "00:00");
        var supervisor = await platform.LoginAsync("supervisor");

        // At start the schedule catches up what fell due on its first day: yesterday's lists (as of the start's China date).
        var listed = await Eventually.Async(async () =>
        {
            var all = await supervisor.GetFromJsonAsync<JsonArray>($"{Snapshots}?kind=daily", TestContext.Current.CancellationToken);
            return all!.Count > 0 ? all : null;
        });
        var id = listed.Single()!.Str("id");
        var day = DateOnly.ParseExact(id["daily-".Length..], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        (ChinaTime.DateOf(DateTimeOffset.UtcNow).DayNumber - day.DayNumber).ShouldBeInRange(1, 2); // 2: the test crossed midnight
        var notices = await supervisor.GetAsync($"/api/v1/tenants/{Tenant}/notifications?pageSize=500").ExpectAsync(HttpStatusCode.OK);
        notices["items"]!.AsArray().ShouldContain(n => n.Str("id") == $"report:{Tenant}:{id}");
    }

    /// <summary>Each sheet's name and rows (cells as text), read with ExcelDataReader.</summary>
    private static List<(string Name, List<string[]> Rows)> Read(byte[] workbook)
    {
        // ExcelDataReader asks for code page 1252 even for .xlsx; .NET has it only through the code-pages provider.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        using var reader = ExcelReaderFactory.CreateOpenXmlReader(new MemoryStream(workbook));
        var sheets = new List<(string, List<string[]>)>();
        do
        {
            var rows = new List<string[]>();
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? "")]);
            }

            sheets.Add((reader.Name, rows));
        }
        while (reader.NextResult());
        return sheets;
    }
}
