using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Simulators.Sms;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>The hotline and website plugins loaded from artifacts/plugins by the real host; SMS to the simulator on loopback.</summary>
public sealed class ChannelsEndToEndTests
{
    private const string Tenant = "fangyang-water";

    [Fact]
    public async Task A_cti_call_becomes_a_case_and_the_caller_gets_the_acknowledgement_and_the_final_answer_by_sms()
    {
        await using var simulator = SmsGatewaySimulator.Build(["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"]);
        await simulator.StartAsync();
        var sms = new HttpClient { BaseAddress = new Uri(simulator.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        var h = $"--Tenants:{Tenant}:Channels:hotline:";
        await using var platform = await PlatformInstance.StartAsync(
            null,
            h + "CtiKey", "cti-e2e-key", h + "AccessKeyId", "sim-key", h + "AccessKeySecret", "sim-secret", h + "SignName", "方洋水务",
            h + "Endpoint", sms.BaseAddress + "/", h + "Templates:accepted", "SMS_ACK", h + "Templates:result-reported", "SMS_RESULT");
        var cti = platform.Anonymous();
        cti.DefaultRequestHeaders.Add("X-Cti-Key", "cti-e2e-key");
        var call = new { callId = "CALL-" + Guid.NewGuid().ToString("N"), callerNumber = "13912345678", calledAt = "2026-03-02T09:15:00+08:00", agent = "坐席 07", content = "小区停水两天", kind = "complaint" };

        var number = (await cti.PostAsJsonAsync($"/channels/hotline/{Tenant}/calls", call).ExpectAsync(HttpStatusCode.Created)).Str("number");
        (await cti.PostAsJsonAsync($"/channels/hotline/{Tenant}/calls", call).ExpectAsync(HttpStatusCode.OK)).Str("number").ShouldBe(number);

        var desk = new Desk(platform);
        var registered = await desk.GetAsync(number);
        registered.Str("channel").ShouldBe("hotline");
        registered.Str("externalId").ShouldBe(call.callId);

        await desk.ActAsync(number, "accept", new { category = "general" }, "agent");
        var acknowledged = await sms.GetFromJsonAsync<JsonArray>("/_sim/messages?count=1&waitSeconds=30");
        var ack = acknowledged.ShouldHaveSingleItem()!;
        ack.Str("phoneNumbers").ShouldBe("13912345678");
        ack.Str("templateCode").ShouldBe("SMS_ACK");
        ack.Str("outId").ShouldNotBeNullOrEmpty();
        JsonNode.Parse(ack.Str("templateParam"))!.Str("number").ShouldBe(number);

        await desk.ActAsync(number, "dispatch", new { department = "customer-service" }, "agent");
        await desk.ActAsync(number, "sign", null, "customer-service");
        await desk.ActAsync(number, "report-result", new { result = "已恢复供水" }, "customer-service");
        var all = await sms.GetFromJsonAsync<JsonArray>("/_sim/messages?count=2&waitSeconds=30");
        all!.Count.ShouldBe(2);
        all[1]!.Str("templateCode").ShouldBe("SMS_RESULT");
        JsonNode.Parse(all[1]!.Str("templateParam"))!.Str("text").ShouldContain("已恢复供水");
        all[1]!.Str("outId").ShouldNotBe(ack.Str("outId"));
        simulator.Services.GetRequiredService<SmsGatewayState>().RefusedSignatures.ShouldBe(0);
    }

    [Fact]
    public async Task A_low_website_rating_of_a_finished_case_creates_the_callback_case_and_a_company_wide_notice()
    {
        await using var platform = await PlatformInstance.StartAsync(null, $"--Tenants:{Tenant}:Channels:website:Enabled", "true");
        var desk = new Desk(platform);
        var visitor = platform.Anonymous();
        (await visitor.GetAsync($"/channels/website/{Tenant}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var filed = await visitor.PostAsJsonAsync($"/channels/website/{Tenant}/complaints", new { phone = "13912345678", content = "水费怎么交？网上找不到入口" }).ExpectAsync(HttpStatusCode.Created);
        var number = filed.Str("number");
        var token = filed.Str("ratingToken");
        filed.Str("ratingLink").ShouldContain($"case={number}&token={token}");
        await desk.ActAsync(number, "answer", new { reply = "可在营业厅或线上缴纳。", customerAccepted = true }, "agent");

        // A stranger without the customer's link token cannot rate the case (and the customer's rating is not lost).
        (await visitor.PostAsJsonAsync($"/channels/website/{Tenant}/ratings", new { caseNumber = number, stars = 5 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rating = await visitor.PostAsJsonAsync($"/channels/website/{Tenant}/ratings", new { caseNumber = number, token, stars = 1, message = "<script>alert(1)</script>态度差" }).ExpectAsync(HttpStatusCode.Created);
        rating.Str("outcome").ShouldBe("callback");
        var callback = await desk.GetAsync(rating.Str("number"));
        callback.Str("channel").ShouldBe("website");
        callback.Str("kind").ShouldBe("complaint");
        callback.Str("content").ShouldContain(number);
        (await visitor.PostAsJsonAsync($"/channels/website/{Tenant}/ratings", new { caseNumber = number, token, stars = 2 }).ExpectAsync(HttpStatusCode.OK)).Str("status").ShouldBe("existing");

        var notifications = await (await desk.As("agent")).GetFromJsonAsync<JsonObject>($"/api/v1/tenants/{Tenant}/notifications");
        var notices = notifications!["items"]!.AsArray().Where(n => n!["type"]!.GetValue<string>() == "notice").ToList();
        notices.ShouldHaveSingleItem()!.Str("recipient").ShouldBe("all");
    }
}
