using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>
/// Phones typed into free text are masked for every role that may not read the case's contact (leaders, admins), in
/// every list, in notifications and in the log file; the stored case keeps what was typed.
/// </summary>
public sealed class PhoneMaskingTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string Typed = "+86 138 1234 5678";

    private readonly Desk _desk = new(fixture.Platform);

    private async Task<string> RegisteredWithPhonesInTextAsync() => (await _desk.RegisterAsync(new
    {
        channel = "hotline",
        kind = "complaint",
        content = $"停水两天，请打 {Typed} 或家里 0571-88881234 联系",
        complainant = new { name = "张三 139-8765-4321", phone = "13812345678", address = "黄河路 1 号，物业 (0571)88885555" },
    })).Str("number");

    [Fact]
    public async Task A_leader_sees_phones_in_the_cases_free_text_masked_while_the_stored_case_keeps_them()
    {
        var number = await RegisteredWithPhonesInTextAsync();
        await _desk.ActAsync(number, "accept", new { category = "water-pressure" }, "agent");
        await _desk.ActAsync(number, "supervise", new { note = $"记者来电 {Typed}" }, "supervisor");

        var leader = await _desk.GetAsync(number, "leader");
        var shown = leader.ToJsonString();
        leader.Str("content").ShouldBe("停水两天，请打 138****5678 或家里 0571-****1234 联系");
        leader["complainant"].Str("name").ShouldBe("张三 139****4321");
        leader["complainant"].Str("address").ShouldBe("黄河路 1 号，物业 0571-****5555");
        leader["complainant"].Str("phone").ShouldBe("138****5678");
        Note(leader).ShouldBe("记者来电 138****5678");
        shown.ShouldNotContain("1234 5678");
        shown.ShouldNotContain("8765-4321");
        shown.ShouldNotContain("88881234");

        var agent = await _desk.GetAsync(number, "agent");
        agent.Str("content").ShouldBe($"停水两天，请打 {Typed} 或家里 0571-88881234 联系");
        agent["complainant"].Str("name").ShouldBe("张三 139-8765-4321");
        Note(agent).ShouldBe($"记者来电 {Typed}");
    }

    private static string Note(JsonObject view) => view["history"]!.AsArray().Single(h => h.Str("type") == "supervised")!["data"].Str("note");

    [Fact]
    public async Task A_department_handler_reads_its_cases_text_but_lists_mask_phones_for_every_role()
    {
        var number = await RegisteredWithPhonesInTextAsync();
        await _desk.ActAsync(number, "accept", new { category = "water-pressure" }, "agent");
        await _desk.ActAsync(number, "dispatch", new { department = "pipe-network" }, "agent");

        (await _desk.GetAsync(number, "pipe-network")).Str("content").ShouldContain(Typed);

        foreach (var user in new[] { "agent", "leader", "pipe-network" })
        {
            var client = await _desk.As(user);
            var page = await client.GetAsync($"{_desk.Complaints}?pageSize=500").ExpectAsync(HttpStatusCode.OK);
            var row = page["items"]!.AsArray().Single(i => i.Str("number") == number)!;
            row.Str("content").ShouldBe("停水两天，请打 138****5678 或家里 0571-****1234 联系", user);
            row["complainant"].Str("name").ShouldBe("张三 139****4321", user);
            row["complainant"].Str("address").ShouldBe("黄河路 1 号，物业 0571-****5555", user);
        }
    }

    [Fact]
    public async Task A_notification_shows_a_phone_in_its_note_masked()
    {
        var number = await _desk.DispatchedAsync();
        await _desk.ActAsync(number, "supervise", new { note = $"客户再次来电 {Typed}，今天处理" }, "supervisor");

        var handler = await _desk.As("pipe-network");
        var list = await handler.GetFromJsonAsync<JsonObject>("/api/v1/tenants/fangyang-water/notifications?pageSize=500", TestContext.Current.CancellationToken);
        var notice = list!["items"]!.AsArray().Single(n => n.Str("number") == number && n.Str("type") == "supervised")!;
        notice.Str("message").ShouldContain("138****5678");
        notice.Str("message").ShouldNotContain("1234 5678");
    }

    [Fact]
    public async Task No_phone_reaches_the_log_file_in_full_in_a_property_the_message_text_or_an_exception()
    {
        var number = await RegisteredWithPhonesInTextAsync();
        var logger = (Microsoft.Extensions.Logging.ILogger)fixture.Platform.Services.GetService(typeof(Microsoft.Extensions.Logging.ILogger<PhoneMaskingTests>))!;
#pragma warning disable CA2254 // a phone interpolated into the message text is exactly what is tested
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, $"Caller {Typed} about " + number + " {Landline} {Caller}", "0571 8888 1234", new[] { "138-1234-5678" });
#pragma warning restore CA2254
        Microsoft.Extensions.Logging.LoggerExtensions.LogError(logger, new InvalidOperationException("no reply from (+86)13812345678"), "Reply failed for {Number}", number);

        var text = await LogFile.WaitForAsync(fixture.Platform, number + " ", "Reply failed for " + number);

        text.ShouldContain("Caller 138****5678 about");
        text.ShouldContain("0571-****1234");
        text.ShouldContain("no reply from 138****5678");
        foreach (var full in new[] { "13812345678", "1234 5678", "138-1234-5678", "8888 1234" })
        {
            text.ShouldNotContain(full);
        }
    }
}

/// <summary>The host's rolling log file under the data directory, read while the host still writes it.</summary>
internal static class LogFile
{
    public static async Task<string> WaitForAsync(PlatformInstance platform, params string[] expected)
    {
        var logs = Path.Combine(platform.DataDirectory, "logs");
        return await Eventually.Async(() =>
        {
            var text = string.Concat(Directory.GetFiles(logs).Select(Read));
            return Task.FromResult(expected.All(e => text.Contains(e, StringComparison.Ordinal)) ? text : null);
        });
    }

    private static string Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
