using Complaints.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Grains.Tests;

/// <summary>
/// Where a channel answers its customer is saved by the registration itself, in its one append: no second write
/// that a crash could skip, leaving a case whose replies can never reach anyone.
/// </summary>
public sealed class ReplyAddressTests
{
    private const string Tenant = "fangyang-water";
    private static readonly ActorInfo WeChat = new("channel:wechat", "channel");

    [Fact]
    public async Task A_channel_registration_stores_the_reply_address_with_the_case_and_nothing_else_needs_to_write_it()
    {
        await using var cluster = await ComplaintCluster.StartAsync();
        var intake = cluster.Silo().GetRequiredService<IComplaintIntake>();

        var outcome = await intake.RegisterAsync(Tenant, WeChatComplaint("wx-msg-9001", " oFyW_openid_42 "), WeChat);

        outcome.Kind.ShouldBe(OutcomeKind.Created);
        (await cluster.Silo().GetRequiredService<IReplyAddresses>().FindAsync(Tenant, outcome.Case!.Number)).ShouldBe("oFyW_openid_42");
    }

    [Fact]
    public async Task A_repeated_intake_writes_no_address_for_a_case_that_was_not_created()
    {
        await using var cluster = await ComplaintCluster.StartAsync();
        var intake = cluster.Silo().GetRequiredService<IComplaintIntake>();
        var first = await intake.RegisterAsync(Tenant, WeChatComplaint("wx-msg-9002", "oFirst"), WeChat);

        var again = await intake.RegisterAsync(Tenant, WeChatComplaint("wx-msg-9002", "oSecond"), WeChat);

        again.Kind.ShouldBeOneOf(OutcomeKind.Duplicate, OutcomeKind.Ok);
        again.Case!.Number.ShouldBe(first.Case!.Number);
        (await cluster.Silo().GetRequiredService<IReplyAddresses>().FindAsync(Tenant, first.Case.Number)).ShouldBe("oFirst");
    }

    [Fact]
    public async Task A_registration_without_a_reply_address_stores_none()
    {
        await using var cluster = await ComplaintCluster.StartAsync();

        var outcome = await cluster.Silo().GetRequiredService<IComplaintIntake>().RegisterAsync(Tenant, WeChatComplaint("wx-msg-9003", null), WeChat);

        (await cluster.Silo().GetRequiredService<IReplyAddresses>().FindAsync(Tenant, outcome.Case!.Number)).ShouldBeNull();
    }

    private static RegisterComplaintRequest WeChatComplaint(string messageId, string? openId) => new()
    {
        Channel = "wechat",
        Kind = "complaint",
        Content = "小区停水三天了",
        ExternalId = messageId,
        ReplyTo = openId,
    };
}
