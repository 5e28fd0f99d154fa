using Complaints.Cases;
using Complaints.Texts;

namespace Complaints.Cases.Tests;

/// <summary>The e-mail and OpenID maskers and the e-mail contact's shape (docs/security.md, "Contacts").</summary>
public sealed class ContactMaskTests
{
    [Theory]
    [InlineData("zhangsan@example.com", "z***@example.com")]
    [InlineData(" li.si@mail.fangyang-water.example ", "l***@mail.fangyang-water.example")]
    [InlineData("a@b.cn", "a***@b.cn")]
    [InlineData("张三@例子.中国", "张***@例子.中国")]
    [InlineData("not-an-address", "***")]
    [InlineData("@example.com", "***")]
    [InlineData("zhangsan@", "***")]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void An_e_mail_keeps_its_first_character_and_its_domain(string? email, string? masked) =>
        ContactMask.Email(email).ShouldBe(masked);

    [Theory]
    [InlineData("oAbcDEFGhijk1234567890lmnxyz", "oAbc…xyz")]
    [InlineData("o6_bmjrPTlm6_2sgVt7hMZOPfL2M", "o6_b…L2M")]
    [InlineData("short-id01", "****")]
    [InlineData(null, null)]
    public void An_openid_keeps_its_first_four_and_last_three_characters(string? openId, string? masked) =>
        ContactMask.OpenId(openId).ShouldBe(masked);

    [Fact]
    public void A_masked_openid_is_recognised_as_the_mask_of_its_openid_only()
    {
        ContactMask.IsOpenIdOf("oAbc…xyz", "oAbcDEFGhijk1234567890lmnxyz").ShouldBeTrue();
        ContactMask.IsOpenIdOf("oAbc…xyz", "oAbcZZZZhijk1234567890lmnxyq").ShouldBeFalse();
        ContactMask.IsOpenIdOf(null, "oAbcDEFGhijk1234567890lmnxyz").ShouldBeFalse();
    }

    [Fact]
    public void A_complainant_shown_masked_hides_phone_and_e_mail()
    {
        var shown = new Complainant("张三", "13812345678", Email: "zhangsan@example.com", OpenId: "oAbc…xyz").Masked();

        (shown.Phone, shown.Email, shown.OpenId).ShouldBe(("138****5678", "z***@example.com", "oAbc…xyz"));
    }

    [Theory]
    [InlineData("zhangsan@example.com", true)]
    [InlineData("li.si+tag@mail.example.com.cn", true)]
    [InlineData("user@[192.168.1.10]", true)]
    [InlineData("张三", false)]
    [InlineData("zhangsan@", false)]
    [InlineData("@example.com", false)]
    [InlineData("zhangsan@localhost", false)]
    [InlineData("a@example.com,b@example.com", false)]
    [InlineData("张三 <z@example.com>", false)]
    [InlineData("z@@example.com", false)]
    [InlineData("z@example..com", false)]
    [InlineData(".z@example.com", false)]
    public void An_e_mail_contact_is_one_address_a_reply_can_go_to(string email, bool valid) =>
        EmailAddresses.IsValid(email).ShouldBe(valid);
}
