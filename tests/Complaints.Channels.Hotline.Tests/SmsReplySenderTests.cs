using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Simulators.Sms;
using Complaints.Testing;
using Complaints.Testing.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Hotline.Tests;

/// <summary>The hotline's SMS replies through the Refit client to the simulator, which verifies every signature.</summary>
public sealed class SmsReplySenderTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private SmsSimulator _simulator = null!;

    public async ValueTask InitializeAsync() => _simulator = await SmsSimulator.StartAsync();

    public async ValueTask DisposeAsync() => await _simulator.DisposeAsync();

    private static Dictionary<string, string?> Settings(Uri endpoint, string secret = SmsSimulator.Secret, string timeout = "00:00:10") => new()
    {
        [$"Tenants:{Tenant}:Channels:hotline:AccessKeyId"] = SmsSimulator.KeyId,
        [$"Tenants:{Tenant}:Channels:hotline:AccessKeySecret"] = secret,
        [$"Tenants:{Tenant}:Channels:hotline:SignName"] = "方洋水务",
        [$"Tenants:{Tenant}:Channels:hotline:Endpoint"] = endpoint.ToString(),
        [$"Tenants:{Tenant}:Channels:hotline:Timeout"] = timeout,
        [$"Tenants:{Tenant}:Channels:hotline:Templates:accepted"] = "SMS_ACK_001",
        [$"Tenants:{Tenant}:Channels:hotline:Templates:result-reported"] = "SMS_RESULT_001",
        [$"Tenants:{Tenant}:Channels:hotline:CtiKey"] = "cti-key",
    };

    private static ChannelReply Reply(string moment, string? replyTo = "13800138000", string id = "reply-0001") =>
        new(id, Tenant, "FYW-2026-000123", "hotline", "call-1", moment, "您的投诉已受理 <b>&</b> 谢谢", replyTo, new Dictionary<string, string>());

    private static async Task<ReplyOutcome> SendAsync(Dictionary<string, string?> settings, ChannelReply reply)
    {
        await using var host = await PluginHost.StartAsync(new HotlinePlugin(), settings);
        var sender = host.Services.GetServices<IChannelReplySender>().Single(s => s.ChannelId == "hotline");
        return await sender.SendAsync(reply, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_acknowledgement_goes_out_signed_with_the_reply_id_as_out_id()
    {
        var outcome = await SendAsync(Settings(_simulator.Address), Reply("accepted", id: "outbox-42"));

        outcome.ShouldBe(ReplyOutcome.Sent);
        _simulator.State.RefusedSignatures.ShouldBe(0);
        var message = _simulator.State.Messages().ShouldHaveSingleItem();
        message.OutId.ShouldBe("outbox-42");
        message.PhoneNumbers.ShouldBe("13800138000");
        message.TemplateCode.ShouldBe("SMS_ACK_001");
        message.SignName.ShouldBe("方洋水务");
        message.Method.ShouldBe("POST");
        using var parameters = JsonDocument.Parse(message.TemplateParam!);
        parameters.RootElement.GetProperty("number").GetString().ShouldBe("FYW-2026-000123");
        parameters.RootElement.GetProperty("text").GetString().ShouldBe("您的投诉已受理 <b>&</b> 谢谢");
    }

    [Fact]
    public async Task The_final_answer_goes_out_when_the_result_is_reported()
    {
        (await SendAsync(Settings(_simulator.Address), Reply("result-reported"))).ShouldBe(ReplyOutcome.Sent);

        _simulator.State.Messages().ShouldHaveSingleItem().TemplateCode.ShouldBe("SMS_RESULT_001");
    }

    [Theory]
    [InlineData("signed")]
    [InlineData("returned")]
    [InlineData("extension-decided")]
    [InlineData("closed")]
    public async Task Other_moments_and_moments_without_a_template_are_skipped(string moment)
    {
        (await SendAsync(Settings(_simulator.Address), Reply(moment))).ShouldBe(ReplyOutcome.Skipped);

        _simulator.State.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_reply_without_a_phone_is_skipped()
    {
        (await SendAsync(Settings(_simulator.Address), Reply("accepted", replyTo: null))).ShouldBe(ReplyOutcome.Skipped);

        _simulator.State.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_by_the_simulator_and_fails()
    {
        (await SendAsync(Settings(_simulator.Address, secret: "not-the-secret"), Reply("accepted"))).ShouldBe(ReplyOutcome.Failed);

        _simulator.State.RefusedSignatures.ShouldBe(1);
        _simulator.State.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_timeout_fails_and_is_never_resent()
    {
        using var control = new HttpClient { BaseAddress = _simulator.Address };
        (await control.PostAsJsonAsync("_sim/mode", new SimulatorMode("hang"), TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();

        var outcome = await SendAsync(Settings(_simulator.Address, timeout: "00:00:01"), Reply("accepted", id: "outbox-timeout"));

        outcome.ShouldBe(ReplyOutcome.Failed);
        _simulator.State.Messages().ShouldHaveSingleItem().OutId.ShouldBe("outbox-timeout");
    }

    [Fact]
    public async Task A_refused_connection_is_retried_later()
    {
        (await SendAsync(Settings(Loopback.RefusingAddress()), Reply("accepted"))).ShouldBe(ReplyOutcome.RetryLater);
    }

    [Fact]
    public async Task An_illegal_mobile_number_fails()
    {
        (await SendAsync(Settings(_simulator.Address), Reply("accepted", replyTo: "12345"))).ShouldBe(ReplyOutcome.Failed);

        _simulator.State.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task Flow_control_refuses_before_sending_and_is_retried_later()
    {
        _simulator.State.Mode = new SimulatorMode("throttle");

        (await SendAsync(Settings(_simulator.Address), Reply("accepted"))).ShouldBe(ReplyOutcome.RetryLater);

        _simulator.State.Messages().ShouldBeEmpty();
    }
}
