using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;

namespace Complaints.Api.Tests;

/// <summary>Every 401 and 403 leaves one warning line (who, what, from where; never the token) and a count.</summary>
public sealed class RefusedRequestLogTests
{
    [Fact]
    public async Task A_refused_request_is_logged_once_with_its_route_status_user_and_address_and_counted()
    {
        var refused = new List<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "complaints.http.refused")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "http.response.status_code" && tag.Value is int status)
                {
                    lock (refused)
                    {
                        refused.Add(status);
                    }
                }
            }
        });
        listener.Start();

        await using var platform = await PlatformInstance.StartAsync();
        var forged = platform.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJnaG9zdCJ9.c2VjcmV0LXRva2VuLXRleHQ");
        (await forged.GetAsync("/api/v1/tenants/fangyang-water/complaints?q=13812345678", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var gasAgent = await platform.LoginAsync("agent@fuyang-gas");
        (await gasAgent.GetAsync("/api/v1/tenants/fangyang-water/complaints", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var text = await LogFile.WaitForAsync(
            platform,
            "Refused GET /api/v1/tenants/{tenant}/complaints with 401 for anonymous from 127.0.0.1",
            "Refused GET /api/v1/tenants/{tenant}/complaints with 403 for agent@fuyang-gas from 127.0.0.1");

        text.Split('\n').Count(l => l.Contains("with 401 for anonymous", StringComparison.Ordinal)).ShouldBe(1);
        text.ShouldNotContain("c2VjcmV0LXRva2VuLXRleHQ");
        text.ShouldNotContain(gasAgent.DefaultRequestHeaders.Authorization!.Parameter!);
        text.ShouldNotContain("13812345678");
        lock (refused)
        {
            refused.ShouldContain(401);
            refused.ShouldContain(403);
        }
    }
}
