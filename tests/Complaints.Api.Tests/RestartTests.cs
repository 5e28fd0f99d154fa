using System.Net;
using System.Net.Http.Json;

namespace Complaints.Api.Tests;

/// <summary>Nothing acknowledged is lost when the process stops and starts again.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task After_a_restart_every_case_is_there_with_its_full_history_and_numbers_are_not_reused()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var desk = new Desk(platform);
        var open = await desk.DispatchedAsync();
        await desk.ActAsync(open, "sign", null, "pipe-network");
        var closedInquiry = (await desk.RegisterAsync(new { channel = "hotline", kind = "inquiry", content = "营业时间？", externalId = "call-restart-1" })).Str("number");
        await desk.ActAsync(closedInquiry, "answer", new { reply = "工作日 8:30-17:30" }, "agent");
        var beforeOpen = await desk.GetAsync(open);
        var beforeInquiry = await desk.GetAsync(closedInquiry);

        await platform.RestartAsync();

        var afterOpen = await desk.GetAsync(open);
        afterOpen.ToJsonString().ShouldBe(beforeOpen.ToJsonString());
        (await desk.GetAsync(closedInquiry)).ToJsonString().ShouldBe(beforeInquiry.ToJsonString());

        // The case carries on where it was.
        (await desk.ActAsync(open, "report-result", new { result = "已调整管网压力" }, "pipe-network")).Str("status").ShouldBe("resolved");

        // Idempotency survives the restart, and a new case gets a new number.
        var client = await desk.As("agent");
        var again = await client.PostAsJsonAsync(desk.Complaints, new { channel = "hotline", kind = "inquiry", content = "营业时间？", externalId = "call-restart-1" }).ExpectAsync(HttpStatusCode.OK);
        again.Str("number").ShouldBe(closedInquiry);
        var fresh = (await desk.RegisterAsync()).Str("number");
        fresh.ShouldNotBeOneOf(open, closedInquiry);
        string.CompareOrdinal(fresh, open).ShouldBeGreaterThan(0);

        // Tokens issued before the restart still work (the signing key is kept in the data folder).
        var list = await client.GetAsync($"{desk.Complaints}?pageSize=500").ExpectAsync(HttpStatusCode.OK);
        list["total"]!.GetValue<int>().ShouldBe(3);
    }
}
