using Complaints.Channels.Hotline.Sms;

namespace Complaints.Channels.Hotline.Tests;

public sealed class AliyunRpcSignatureVerifierTests
{
    private static readonly string SignedQuery =
        AliyunRpcSignature.BuildSignedQuery("GET", AliyunRpcSignatureTests.DescribeRegions, AliyunRpcSignatureTests.Secret);

    [Fact]
    public void Accepts_the_published_vector_as_received()
    {
        AliyunRpcSignatureVerifier.Verify("GET", SignedQuery, AliyunRpcSignatureTests.Secret).ShouldBeTrue();
        AliyunRpcSignatureVerifier.Verify("GET", "?" + SignedQuery, AliyunRpcSignatureTests.Secret).ShouldBeTrue();
    }

    [Fact]
    public void Accepts_decoded_parameters_in_any_order()
    {
        KeyValuePair<string, string>[] received =
        [
            new("Signature", AliyunRpcSignatureTests.Signature),
            .. AliyunRpcSignatureTests.DescribeRegions.Reverse(),
        ];

        AliyunRpcSignatureVerifier.Verify("GET", received, AliyunRpcSignatureTests.Secret).ShouldBeTrue();
    }

    [Fact]
    public void Refuses_a_wrong_secret() =>
        AliyunRpcSignatureVerifier.Verify("GET", SignedQuery, "othersecret").ShouldBeFalse();

    [Fact]
    public void Refuses_another_method() =>
        AliyunRpcSignatureVerifier.Verify("POST", SignedQuery, AliyunRpcSignatureTests.Secret).ShouldBeFalse();

    [Theory]
    [InlineData("AccessKeyId=testid", "AccessKeyId=testid2")]
    [InlineData("Action=DescribeRegions", "Action=DescribeRegion")]
    [InlineData("Timestamp=2016-02-23T12%3A46%3A24Z", "Timestamp=2016-02-23T12%3A46%3A25Z")]
    [InlineData("Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D", "Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qZ%3D")]
    [InlineData("Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D&", "")]
    [InlineData("Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D", "Signature=")]
    [InlineData("&Version=2014-05-26", "&Version=2014-05-26&Extra=1")]
    [InlineData("&Version=2014-05-26", "&Version=2014-05-26&Version=2014-05-26")]
    [InlineData("&Version=2014-05-26", "&Version=2014-05-26&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D")]
    [InlineData("SignatureMethod=HMAC-SHA1", "SignatureMethod=HMAC-SHA256")]
    public void Refuses_any_tampering(string original, string replacement)
    {
        SignedQuery.ShouldContain(original);

        AliyunRpcSignatureVerifier.Verify("GET", SignedQuery.Replace(original, replacement, StringComparison.Ordinal), AliyunRpcSignatureTests.Secret)
            .ShouldBeFalse();
    }

    [Fact]
    public void Refuses_a_validly_signed_request_that_claims_another_scheme()
    {
        KeyValuePair<string, string>[] parameters = [.. AliyunRpcSignatureTests.DescribeRegions.Where(p => p.Key != "SignatureVersion"), new("SignatureVersion", "2.0")];
        var query = AliyunRpcSignature.BuildSignedQuery("GET", parameters, AliyunRpcSignatureTests.Secret);

        AliyunRpcSignatureVerifier.Verify("GET", query, AliyunRpcSignatureTests.Secret).ShouldBeFalse();
    }

    [Fact]
    public void Parses_and_decodes_a_query()
    {
        var parameters = AliyunRpcSignatureVerifier.ParseQuery("?a=1&b=x%20y&c=p+q&d&e=%E4%B8%AD&&f=a%3Db");

        parameters.ShouldBe(
        [
            new("a", "1"), new("b", "x y"), new("c", "p q"), new("d", ""), new("e", "中"), new("f", "a=b"),
        ]);
    }
}
