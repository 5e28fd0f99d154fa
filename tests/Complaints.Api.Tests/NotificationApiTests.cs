using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>
/// Notifications over HTTP: pushed to a connected client (Server-Sent Events) without polling the list, resumed with
/// Last-Event-ID, in the reader's language (Chinese unless Accept-Language asks for English), read and unread per user.
/// </summary>
public sealed class NotificationApiTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);
    private readonly Desk _desk = new(fixture.Platform);

    private static string Notifications => "/api/v1/tenants/fangyang-water/notifications";

    [Fact]
    public async Task A_supervision_is_pushed_to_the_holding_department_in_chinese_and_a_resumed_stream_gets_what_it_missed()
    {
        var number = await _desk.DispatchedAsync();
        await using (var stream = await ServerSentEventsClient.OpenAsync(await _desk.As("pipe-network"), $"{Notifications}/stream"))
        {
            stream.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
            await _desk.ActAsync(number, "supervise", new { note = "今天内必须处理" }, "supervisor");

            var pushed = await stream.NotificationAsync(n => n.Str("number") == number, Soon);

            var notice = pushed.Json;
            pushed.Id.ShouldBe(notice.Str("id"));
            (notice.Str("type"), notice.Str("recipient")).ShouldBe(("supervised", "department:pipe-network"));
            notice.Str("message").ShouldBe($"{number}：本件已被督办。督办意见：今天内必须处理");
            notice["read"]!.GetValue<bool>().ShouldBeFalse();

            // Missed while away: a second supervision, then the client comes back with the last id it saw.
            await stream.DisposeAsync();
            await _desk.ActAsync(number, "supervise", new { note = "再次督办" }, "supervisor");
            await using var resumed = await ServerSentEventsClient.OpenAsync(await _desk.As("pipe-network"), $"{Notifications}/stream", lastEventId: pushed.Id, language: "en-US,en;q=0.9");
            var missed = await resumed.NotificationAsync(n => n.Str("number") == number, Soon);
            missed.Id.ShouldNotBe(pushed.Id);
            missed.Json.Str("message").ShouldBe($"{number}: the case is under supervision. Supervisor's note: 再次督办");
        }
    }

    [Fact]
    public async Task A_client_is_told_only_what_is_addressed_to_it_and_an_idle_stream_stays_open_with_heartbeats()
    {
        await using var platform = await PlatformInstance.StartAsync(null, "--Notifications:HeartbeatInterval", "00:00:00.300");
        var desk = new Desk(platform);
        var number = await desk.DispatchedAsync();
        await using var customerService = await ServerSentEventsClient.OpenAsync(await desk.As("customer-service"), "/api/v1/tenants/fangyang-water/notifications/stream");
        await using var pipeNetwork = await ServerSentEventsClient.OpenAsync(await desk.As("pipe-network"), "/api/v1/tenants/fangyang-water/notifications/stream");

        (await pipeNetwork.NextAsync(Soon)).Comment.ShouldBe("connected");
        (await pipeNetwork.NextAsync(Soon)).Comment.ShouldBe("heartbeat");
        await desk.ActAsync(number, "supervise", new { note = "督办" }, "supervisor");
        await pipeNetwork.NotificationAsync(n => n.Str("number") == number, Soon);

        // The other department's stream saw heartbeats only, even after the push had gone out.
        for (var i = 0; i < 4; i++)
        {
            var next = await customerService.NextAsync(Soon);
            next.Type.ShouldBeNull($"customer-service was told: {next.Data}");
        }
    }

    [Fact]
    public async Task A_notification_is_unread_until_its_reader_marks_it_one_or_all()
    {
        var number = await _desk.DispatchedAsync();
        await _desk.ActAsync(number, "supervise", new { note = "请回复" }, "supervisor");
        var handler = await _desk.As("pipe-network");
        var before = await handler.GetFromJsonAsync<JsonObject>($"{Notifications}?unread=true&pageSize=500", TestContext.Current.CancellationToken);
        var notice = before!["items"]!.AsArray().Single(n => n.Str("number") == number && n.Str("type") == "supervised")!;
        notice["read"]!.GetValue<bool>().ShouldBeFalse();
        var unread = before["unreadCount"]!.GetValue<int>();
        unread.ShouldBeGreaterThanOrEqualTo(1);

        (await handler.PostAsync($"{Notifications}/{notice.Str("id")}/read", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await handler.PostAsync($"{Notifications}/{notice.Str("id")}/read", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var after = await handler.GetFromJsonAsync<JsonObject>($"{Notifications}?pageSize=500", TestContext.Current.CancellationToken);
        after!["items"]!.AsArray().Single(n => n.Str("id") == notice.Str("id"))!["read"]!.GetValue<bool>().ShouldBeTrue();
        after["unreadCount"]!.GetValue<int>().ShouldBe(unread - 1);
        var stillUnread = await handler.GetFromJsonAsync<JsonObject>($"{Notifications}?unread=true&pageSize=500", TestContext.Current.CancellationToken);
        stillUnread!["items"]!.AsArray().ShouldNotContain(n => n.Str("id") == notice.Str("id"));

        var all = await handler.PostAsync($"{Notifications}/read", null, TestContext.Current.CancellationToken).ExpectAsync(HttpStatusCode.OK);
        all["marked"]!.GetValue<int>().ShouldBe(unread - 1);
        (await handler.GetFromJsonAsync<JsonObject>(Notifications, TestContext.Current.CancellationToken))!["unreadCount"]!.GetValue<int>().ShouldBe(0);
        (await handler.PostAsync($"{Notifications}/no-such-id/read", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await handler.GetAsync($"{Notifications}?unread=maybe", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_list_says_a_notification_in_chinese_by_default_and_in_english_when_asked()
    {
        var number = await _desk.DispatchedAsync();
        await _desk.ActAsync(number, "supervise", new { note = "加快" }, "supervisor");
        var handler = await _desk.As("pipe-network");

        var chinese = await handler.GetFromJsonAsync<JsonObject>($"{Notifications}?pageSize=500", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Notifications}?pageSize=500");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await handler.SendAsync(request, TestContext.Current.CancellationToken).ExpectAsync(HttpStatusCode.OK);

        chinese!["items"]!.AsArray().Single(n => n.Str("number") == number)!.Str("message").ShouldBe($"{number}：本件已被督办。督办意见：加快");
        english["items"]!.AsArray().Single(n => n.Str("number") == number)!.Str("message").ShouldBe($"{number}: the case is under supervision. Supervisor's note: 加快");
    }
}
