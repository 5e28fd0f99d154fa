using Complaints.Channels.WeChat.Protocol;

namespace Complaints.Channels.WeChat.Tests;

public sealed class WeChatSignatureTests
{
    [Fact]
    public void Url_check_matches_the_published_vector()
    {
        WeChatSignature.ComputeUrlSignature(Vectors.UrlCheck.Token, Vectors.UrlCheck.Timestamp, Vectors.UrlCheck.Nonce)
            .ShouldBe(Vectors.UrlCheck.Signature);
        WeChatSignature.VerifyUrlSignature(Vectors.UrlCheck.Token, Vectors.UrlCheck.Timestamp, Vectors.UrlCheck.Nonce, Vectors.UrlCheck.Signature)
            .ShouldBeTrue();
    }

    [Fact]
    public void Url_check_does_not_depend_on_argument_order() =>
        WeChatSignature.ComputeUrlSignature(Vectors.UrlCheck.Nonce, Vectors.UrlCheck.Token, Vectors.UrlCheck.Timestamp)
            .ShouldBe(Vectors.UrlCheck.Signature);

    [Fact]
    public void Url_check_refuses_a_wrong_token() =>
        WeChatSignature.VerifyUrlSignature("AAAAB", Vectors.UrlCheck.Timestamp, Vectors.UrlCheck.Nonce, Vectors.UrlCheck.Signature)
            .ShouldBeFalse();

    [Theory]
    [InlineData("1714036505", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696")]
    [InlineData("1714036504", "1514711493", "f464b24fc39322e44b38aa78f5edd27bd1441696")]
    [InlineData("1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441697")]
    [InlineData("1714036504", "1514711492", "F464B24FC39322E44B38AA78F5EDD27BD1441696")]
    [InlineData("1714036504", "1514711492", "")]
    [InlineData("1714036504", "1514711492", null)]
    [InlineData(null, "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696")]
    [InlineData("1714036504", null, "f464b24fc39322e44b38aa78f5edd27bd1441696")]
    public void Url_check_refuses_any_altered_input(string? timestamp, string? nonce, string? signature) =>
        WeChatSignature.VerifyUrlSignature(Vectors.UrlCheck.Token, timestamp, nonce, signature).ShouldBeFalse();

    [Fact]
    public void Message_signature_matches_vector_E()
    {
        WeChatSignature.ComputeMessageSignature(Vectors.E.Token, Vectors.E.Timestamp, Vectors.E.Nonce, Vectors.E.Encrypt)
            .ShouldBe(Vectors.E.MsgSignature);
        WeChatSignature.VerifyMessageSignature(Vectors.E.Token, Vectors.E.Timestamp, Vectors.E.Nonce, Vectors.E.Encrypt, Vectors.E.MsgSignature)
            .ShouldBeTrue();
    }

    [Fact]
    public void Message_signature_refuses_a_wrong_token_or_altered_ciphertext()
    {
        WeChatSignature.VerifyMessageSignature("BBBBB", Vectors.E.Timestamp, Vectors.E.Nonce, Vectors.E.Encrypt, Vectors.E.MsgSignature)
            .ShouldBeFalse();
        WeChatSignature.VerifyMessageSignature(Vectors.E.Token, Vectors.E.Timestamp, Vectors.E.Nonce, "x" + Vectors.E.Encrypt, Vectors.E.MsgSignature)
            .ShouldBeFalse();
    }

    [Theory]
    [InlineData("abc", "abc", true)]
    [InlineData("abc", "abd", false)]
    [InlineData("abc", "ab", false)]
    [InlineData("", "", true)]
    [InlineData("abc", null, false)]
    [InlineData(null, "abc", false)]
    public void Fixed_time_equals_is_ordinal_equality(string? expected, string? actual, bool equal) =>
        WeChatSignature.FixedTimeEquals(expected, actual).ShouldBe(equal);
}
