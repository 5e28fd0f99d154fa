using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Testing.Channels;

namespace Complaints.Channels.Hotline.Tests;

/// <summary>CTI call records pushed over loopback into the hotline plugin.</summary>
public sealed class CtiPushTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private const string Key = "cti-shared-key-1";
    private PluginHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PluginHost.StartAsync(new HotlinePlugin(), new Dictionary<string, string?>
    {
        [$"Tenants:{Tenant}:Channels:hotline:CtiKey"] = Key,
        [$"Tenants:{Tenant}:Channels:hotline:AccessKeyId"] = "id",
        ["Tenants:fuyang-gas:Channels:hotline:Enabled"] = "false",
    });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static object Call(string callId = "CALL-20260302-0001", string callerNumber = "13912345678", string? kind = "complaint") => new
    {
        callId,
        callerNumber,
        calledAt = "2026-03-02T09:15:00+08:00",
        agent = "坐席 07 王芳",
        content = "小区停水两天无人通知",
        category = "water-pressure",
        kind,
        callerName = "李先生",
        address = "方洋路 18 号",
    };

    private HttpClient Cti(string? key = Key)
    {
        var client = _host.Client();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-Cti-Key", key);
        }

        return client;
    }

    private static async Task<JsonObject> BodyAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    [Fact]
    public async Task A_call_becomes_a_case_keyed_by_call_id_with_the_caller_as_reply_address()
    {
        var response = await Cti().PostAsJsonAsync($"/channels/hotline/{Tenant}/calls", Call(), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await BodyAsync(response);
        body["status"]!.GetValue<string>().ShouldBe("created");
        var submission = _host.Intake.Created.ShouldHaveSingleItem();
        body["number"]!.GetValue<string>().ShouldNotBeNullOrEmpty();
        submission.Tenant.ShouldBe(Tenant);
        submission.Channel.ShouldBe("hotline");
        submission.ExternalId.ShouldBe("CALL-20260302-0001");
        submission.ReplyTo.ShouldBe("13912345678");
        submission.Phone.ShouldBe("13912345678");
        submission.Kind.ShouldBe("complaint");
        submission.Category.ShouldBe("water-pressure");
        submission.ReceivedAt.ShouldBe(new DateTimeOffset(2026, 3, 2, 9, 15, 0, TimeSpan.FromHours(8)));
        submission.Content.ShouldContain("小区停水两天无人通知");
        submission.Content.ShouldContain("坐席 07 王芳");
    }

    [Fact]
    public async Task The_same_call_again_answers_the_existing_case_and_creates_nothing()
    {
        var first = await BodyAsync(await Cti().PostAsJsonAsync($"/channels/hotline/{Tenant}/calls", Call(), TestContext.Current.CancellationToken));

        var again = await Cti().PostAsJsonAsync($"/channels/hotline/{Tenant}/calls", Call(), TestContext.Current.CancellationToken);

        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await BodyAsync(again);
        body["status"]!.GetValue<string>().ShouldBe("existing");
        body["number"]!.GetValue<string>().ShouldBe(first["number"]!.GetValue<string>());
        _host.Intake.Created.Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("cti-shared-key-")]
    public async Task A_push_without_the_right_key_is_unauthorized(string? key)
    {
        var response = await Cti(key).PostAsJsonAsync($"/channels/hotline/{Tenant}/calls", Call(), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("fuyang-gas")]
    [InlineData("nobody")]
    public async Task A_tenant_without_the_hotline_is_not_found(string tenant)
    {
        var response = await Cti().PostAsJsonAsync($"/channels/hotline/{tenant}/calls", Call(), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("callerNumber", "CALL-1", "12345", "complaint")]
    [InlineData("callId", "", "13912345678", "complaint")]
    [InlineData("callId", "bad id with spaces", "13912345678", "complaint")]
    [InlineData("kind", "CALL-2", "13912345678", "gossip")]
    [InlineData("kind", "CALL-3", "13912345678", null)]
    public async Task Bad_input_is_a_problem_naming_the_field(string field, string callId, string callerNumber, string? kind)
    {
        var response = await Cti().PostAsJsonAsync($"/channels/hotline/{Tenant}/calls", Call(callId, callerNumber, kind), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await BodyAsync(response))["errors"]!.AsObject();
        errors.ContainsKey(field).ShouldBeTrue(errors.ToJsonString());
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task Json_that_does_not_parse_is_a_problem()
    {
        using var content = new StringContent("""{"callId": 12, "callerNumber": """, Encoding.UTF8, "application/json");

        var response = await Cti().PostAsync($"/channels/hotline/{Tenant}/calls", content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await BodyAsync(response))["errors"]!.AsObject().ContainsKey("callId").ShouldBeTrue();
        _host.Intake.Created.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_call_from_the_future_is_refused()
    {
        var call = new { callId = "CALL-F", callerNumber = "13912345678", calledAt = DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture), agent = "a", content = "c", kind = "inquiry" };

        var response = await Cti().PostAsJsonAsync($"/channels/hotline/{Tenant}/calls", call, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await BodyAsync(response))["errors"]!.AsObject().ContainsKey("calledAt").ShouldBeTrue();
    }

    /// <summary>The 64 KB cap once held only for a declared Content-Length; a chunked body is now counted as it arrives.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_call_record_over_64_KB_is_413_with_or_without_content_length(bool chunked)
    {
        var body = "{\"callId\":\"CALL-BIG\",\"content\":\"" + new string('x', 100 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/channels/hotline/{Tenant}/calls")
        {
            Content = chunked
                ? new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body))) { Headers = { ContentType = new("application/json") } }
                : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = chunked;

        var response = await Cti().SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        _host.Intake.Calls.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_property_given_twice_is_refused_naming_it()
    {
        using var content = new StringContent("""{"callId":"CALL-D","callerNumber":"13912345678","callerNumber":"13800000000"}""", Encoding.UTF8, "application/json");

        var response = await Cti().PostAsync($"/channels/hotline/{Tenant}/calls", content, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await BodyAsync(response))["errors"]!.AsObject().ContainsKey("callerNumber").ShouldBeTrue();
        _host.Intake.Calls.ShouldBeEmpty();
    }
}
