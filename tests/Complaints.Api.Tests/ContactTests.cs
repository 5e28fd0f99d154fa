using System.Net;
using System.Text.Json.Nodes;
using Complaints.Channels;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>
/// The e-mail and the WeChat OpenID are contacts like the phone: carried from a channel's item into the case, masked in
/// the case and its history, shown whole only by the audited contact read, and the OpenID forgotten on unsubscribe.
/// </summary>
public sealed class ContactTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private const string OpenId = "oAbcDEFGhijk1234567890lmnxyz";
    private const string Email = "zhangsan@example.com";

    private readonly Desk _desk = new(fixture.Platform);

    [Fact]
    public async Task An_e_mail_and_an_openid_are_masked_in_the_case_revealed_audited_and_the_openid_forgotten_on_unsubscribe()
    {
        OpenId.Length.ShouldBe(28);
        var intake = fixture.Platform.Services.GetRequiredService<IChannelIntake>();
        var receipt = await intake.SubmitAsync(new IntakeSubmission
        {
            Tenant = "fangyang-water", Channel = "wechat", ExternalId = "msg-" + Guid.NewGuid(), Kind = "complaint", Content = "小区水压低",
            Email = Email, OpenId = OpenId, ReplyTo = OpenId,
        }, TestContext.Current.CancellationToken);
        receipt.Status.ShouldBe(IntakeStatus.Created, receipt.Problem);
        var number = receipt.Number!;

        var shown = await _desk.GetAsync(number);
        shown["complainant"].Str("email").ShouldBe("z***@example.com");
        shown["complainant"].Str("openId").ShouldBe("oAbc…xyz");
        var whole = shown.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        whole.ShouldNotContain(OpenId);
        whole.ShouldNotContain(Email);

        var agent = await _desk.As("agent");
        var contact = await agent.GetAsync($"{_desk.Complaints}/{number}/contact").ExpectAsync(HttpStatusCode.OK);
        contact.Str("email").ShouldBe(Email);
        contact.Str("openId").ShouldBe(OpenId);
        (await _desk.GetAsync(number))["history"]!.AsArray().Select(h => h.Str("type")).ShouldContain("contact-viewed");
        (await (await _desk.As("leader")).GetAsync($"{_desk.Complaints}/{number}/contact")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await intake.ForgetReplyAddressAsync("fangyang-water", "wechat", OpenId, TestContext.Current.CancellationToken)).ShouldBe(1);

        var after = await agent.GetAsync($"{_desk.Complaints}/{number}/contact").ExpectAsync(HttpStatusCode.OK);
        after["openId"].ShouldBeNull();
        after.Str("email").ShouldBe(Email);
        (await _desk.GetAsync(number))["complainant"].Str("openId").ShouldBe("oAbc…xyz");
    }

    [Fact]
    public async Task A_desk_registers_an_e_mail_contact_which_the_case_shows_masked()
    {
        var created = await _desk.RegisterAsync(new { channel = "letter", kind = "complaint", content = "来信反映水压低", complainant = new { name = "李四", email = "lisi@example.com" } });

        created["complainant"].Str("email").ShouldBe("l***@example.com");
        var contact = await (await _desk.As("agent")).GetAsync($"{_desk.Complaints}/{created.Str("number")}/contact").ExpectAsync(HttpStatusCode.OK);
        contact.Str("email").ShouldBe("lisi@example.com");
        contact["openId"].ShouldBeNull();
    }
}
