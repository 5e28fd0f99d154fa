using Complaints.Host;
using Microsoft.Extensions.Configuration;

namespace Complaints.Channels.Sdk.Tests;

/// <summary>A channel enabled for a tenant whose policy gives it no first-reply clock is named at start-up.</summary>
public sealed class FirstReplyWarningTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] extra) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Tenants:fangyang-water:Policy:Clocks:first-reply:Start"] = "registered",
        ["Tenants:fangyang-water:Policy:Clocks:first-reply:Stop:0"] = "accepted",
        ["Tenants:fangyang-water:Policy:Channels:hotline:FirstReply"] = "1h",
        ["Tenants:fangyang-water:Channels:hotline:Enabled"] = "true",
        ["Tenants:fangyang-water:Channels:fangyang-mailbox:Enabled"] = "true",
        ["Tenants:fuyang-gas:Channels:hotline:Enabled"] = "false",
    }.Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value)))).Build();

    [Fact]
    public void An_enabled_channel_without_a_first_reply_duration_is_named_with_its_tenant()
    {
        ChannelClockCheck.WithoutFirstReply(Settings(), ["hotline", "fangyang-mailbox", "wechat"])
            .ShouldBe([("fangyang-water", "fangyang-mailbox")]);
    }

    [Fact]
    public void The_policy_key_silences_it_and_a_tenant_without_any_policy_is_named()
    {
        var settings = Settings(
            ("Tenants:fangyang-water:Policy:Channels:fangyang-mailbox:FirstReply", "4h"),
            ("Tenants:city-water:Channels:fangyang-mailbox:Enabled", "true"));

        ChannelClockCheck.WithoutFirstReply(settings, ["hotline", "fangyang-mailbox"]).ShouldBe([("city-water", "fangyang-mailbox")]);
    }

    [Fact]
    public void The_warning_names_the_channel_the_tenant_and_the_key_to_set() =>
        ChannelClockCheck.Warning("fangyang-water", "fangyang-mailbox").ShouldBe(
            "渠道 fangyang-mailbox 已为租户 fangyang-water 启用，但没有首次答复时限：其投诉不计首次答复时间。请设置 Tenants:fangyang-water:Policy:Channels:fangyang-mailbox:FirstReply（例如 1h）。");
}
