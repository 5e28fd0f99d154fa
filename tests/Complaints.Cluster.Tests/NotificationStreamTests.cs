using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Complaints.Testing;

namespace Complaints.Cluster.Tests;

/// <summary>
/// A notification committed on one host reaches a client connected to another host within two seconds: each host's
/// notification feed reads the shared store, no message passes between the hosts.
/// </summary>
public sealed class NotificationStreamTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supervision_on_host_a_is_pushed_to_a_client_of_host_b_within_two_seconds()
    {
        await using var a = BuiltHost.Start("notify-a", fixture.Settings);
        await using var b = BuiltHost.Start("notify-b", fixture.Settings);
        await Task.WhenAll(a.WaitHealthyAsync(Patience), b.WaitHealthyAsync(Patience));
        var agentOnA = await a.LoginAsync(ClusterFixture.User, ClusterFixture.Password);
        var supervisorOnA = await a.LoginAsync($"{ClusterFixture.Supervisor}@{ClusterFixture.Tenant}", ClusterFixture.Password);
        var agentOnB = await b.LoginAsync(ClusterFixture.User, ClusterFixture.Password);
        var number = (await agentOnA.PostAsJsonAsync(Complaints, new { channel = "hotline", kind = "complaint", content = "燃气味很重", complainant = new { name = "李女士", phone = "13800138000" } }, Cancellation)
            .ExpectAsync(HttpStatusCode.Created)).Str("number");
        await agentOnA.PostAsJsonAsync($"{Complaints}/{number}/accept", new { category = "gas-repair" }, Cancellation).ExpectAsync(HttpStatusCode.OK);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tenants/{ClusterFixture.Tenant}/notifications/stream");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await agentOnB.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync(Cancellation));
        (await stream.ReadLineAsync(Cancellation)).ShouldBe(": connected");

        // The case is still at the desk: a supervision tells the agents.
        await supervisorOnA.PostAsJsonAsync($"{Complaints}/{number}/supervise", new { note = "立即处理" }, Cancellation).ExpectAsync(HttpStatusCode.OK);

        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        // Pushed, not polled by the client: how fast (about a second, Notifications:PollInterval) is the benchmark's
        // business, not a timed test's; the patience only keeps a broken feed from hanging the run.
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        JsonObject? pushed = null;
        while (pushed is null)
        {
            var line = await stream.ReadLineAsync(patience.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (line.StartsWith("data: ", StringComparison.Ordinal) && JsonNode.Parse(line[6..])!.AsObject() is { } item && item.Str("number") == number)
            {
                pushed = item;
            }
        }

        (pushed.Str("type"), pushed.Str("recipient")).ShouldBe(("supervised", "role:agent"));
        pushed.Str("message").ShouldBe($"{number}：本件已被督办。督办意见：立即处理");
    }

    private static string Complaints => $"/api/v1/tenants/{ClusterFixture.Tenant}/complaints";
}
