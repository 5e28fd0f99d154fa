using System.Text.Json;
using Complaints.Simulators.Sms;
using Complaints.Testing.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Hotline.Tests;

/// <summary>Staff SMS to a department's duty phone through the hotline's SMS gateway client, against the simulator.</summary>
public sealed class StaffSmsSenderTests : IAsyncLifetime
{
    private const string Tenant = "fangyang-water";
    private SmsSimulator _simulator = null!;

    public async ValueTask InitializeAsync() => _simulator = await SmsSimulator.StartAsync();

    public async ValueTask DisposeAsync() => await _simulator.DisposeAsync();

    private Dictionary<string, string?> Settings() => new()
    {
        [$"Tenants:{Tenant}:Channels:hotline:AccessKeyId"] = SmsSimulator.KeyId,
        [$"Tenants:{Tenant}:Channels:hotline:AccessKeySecret"] = SmsSimulator.Secret,
        [$"Tenants:{Tenant}:Channels:hotline:SignName"] = "方洋水务",
        [$"Tenants:{Tenant}:Channels:hotline:Endpoint"] = _simulator.Address.ToString(),
        [$"Tenants:{Tenant}:Notifications:Sms:DutyPhones:pipe-network"] = "13900005555",
        [$"Tenants:{Tenant}:Notifications:Sms:Templates:dispatched"] = "SMS_STAFF_DISPATCH",
        [$"Tenants:{Tenant}:Notifications:Sms:Templates:clock-breached"] = "SMS_STAFF_BREACH",
    };

    private static ChannelReply Staff(string moment, string department) =>
        new("staff-1", Tenant, "FYW-2026-000123", "staff-sms", null, moment, "投诉 FYW-2026-000123 已派至贵部门，请及时签收处理。", "13800138000",
            new Dictionary<string, string> { ["number"] = "FYW-2026-000123", ["department"] = department });

    private static async Task<ReplyOutcome> SendAsync(Dictionary<string, string?> settings, ChannelReply reply)
    {
        await using var host = await PluginHost.StartAsync(new HotlinePlugin(), settings);
        var sender = host.Services.GetServices<IChannelReplySender>().Single(s => s.ChannelId == "staff-sms");
        return await sender.SendAsync(reply, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_dispatch_texts_the_departments_duty_phone_not_the_customer()
    {
        (await SendAsync(Settings(), Staff("dispatched", "pipe-network"))).ShouldBe(ReplyOutcome.Sent);

        var message = _simulator.State.Messages().ShouldHaveSingleItem();
        message.PhoneNumbers.ShouldBe("13900005555");
        message.TemplateCode.ShouldBe("SMS_STAFF_DISPATCH");
        message.OutId.ShouldBe("staff-1");
        using var parameters = JsonDocument.Parse(message.TemplateParam!);
        parameters.RootElement.GetProperty("department").GetString().ShouldBe("pipe-network");
        parameters.RootElement.GetProperty("text").GetString().ShouldBe("投诉 FYW-2026-000123 已派至贵部门，请及时签收处理。");
        _simulator.State.RefusedSignatures.ShouldBe(0);
    }

    [Fact]
    public async Task A_breach_uses_its_own_template()
    {
        (await SendAsync(Settings(), Staff("clock-breached", "pipe-network"))).ShouldBe(ReplyOutcome.Sent);

        _simulator.State.Messages().ShouldHaveSingleItem().TemplateCode.ShouldBe("SMS_STAFF_BREACH");
    }

    [Fact]
    public async Task A_department_without_a_duty_phone_or_a_moment_without_a_template_is_skipped()
    {
        var settings = Settings();
        settings.Remove($"Tenants:{Tenant}:Notifications:Sms:Templates:clock-breached");

        (await SendAsync(settings, Staff("dispatched", "customer-service"))).ShouldBe(ReplyOutcome.Skipped);
        (await SendAsync(settings, Staff("clock-breached", "pipe-network"))).ShouldBe(ReplyOutcome.Skipped);

        _simulator.State.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_the_gateways_credentials_a_staff_sms_fails_instead_of_going_nowhere()
    {
        var settings = Settings();
        settings.Remove($"Tenants:{Tenant}:Channels:hotline:SignName");

        (await SendAsync(settings, Staff("dispatched", "pipe-network"))).ShouldBe(ReplyOutcome.Failed);
    }
}
