using Complaints.Channels.Hotline.Sms;

namespace Complaints.Channels.Hotline.Tests;

public sealed class AliyunRpcSignatureTests
{
    /// <summary>The published DescribeRegions vector (docs/channels/hotline.md), verbatim.</summary>
    internal static readonly KeyValuePair<string, string>[] DescribeRegions =
    [
        new("AccessKeyId", "testid"),
        new("Action", "DescribeRegions"),
        new("Format", "XML"),
        new("SignatureMethod", "HMAC-SHA1"),
        new("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
        new("SignatureVersion", "1.0"),
        new("Timestamp", "2016-02-23T12:46:24Z"),
        new("Version", "2014-05-26"),
    ];

    internal const string Secret = "testsecret";
    internal const string Signature = "OLeaidS1JvxuMvnyHOwuJ+uX5qY=";

    [Fact]
    public void Describe_regions_vector_signs_to_the_published_signature() =>
        AliyunRpcSignature.ComputeSignature("GET", DescribeRegions, Secret).ShouldBe(Signature);

    [Fact]
    public void Describe_regions_vector_step_by_step()
    {
        var canonicalized = AliyunRpcSignature.CanonicalizeQuery(DescribeRegions);
        canonicalized.ShouldBe("AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1"
            + "&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26");

        var stringToSign = AliyunRpcSignature.BuildStringToSign("GET", canonicalized);
        stringToSign.ShouldBe("GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1"
            + "%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26");

        AliyunRpcSignature.Sign(stringToSign, Secret).ShouldBe(Signature);
    }

    [Fact]
    public void Order_of_the_input_does_not_matter() =>
        AliyunRpcSignature.ComputeSignature("GET", DescribeRegions.Reverse(), Secret).ShouldBe(Signature);

    [Fact]
    public void The_method_is_signed()
    {
        AliyunRpcSignature.ComputeSignature("get", DescribeRegions, Secret).ShouldBe(Signature);
        AliyunRpcSignature.ComputeSignature("POST", DescribeRegions, Secret).ShouldNotBe(Signature);
    }

    [Fact]
    public void Signed_query_leads_with_the_encoded_signature() =>
        AliyunRpcSignature.BuildSignedQuery("GET", DescribeRegions, Secret)
            .ShouldBe("Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D&AccessKeyId=testid&Action=DescribeRegions&Format=XML"
                + "&SignatureMethod=HMAC-SHA1&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0"
                + "&Timestamp=2016-02-23T12%3A46%3A24Z&Version=2014-05-26");

    [Theory]
    [InlineData("abcXYZ019-_.~", "abcXYZ019-_.~")]
    [InlineData("a b", "a%20b")]
    [InlineData("a*b", "a%2Ab")]
    [InlineData("a+b", "a%2Bb")]
    [InlineData("/", "%2F")]
    [InlineData("=&?#%", "%3D%26%3F%23%25")]
    [InlineData("{\"code\":\"1234\"}", "%7B%22code%22%3A%221234%22%7D")]
    [InlineData("阿里云", "%E9%98%BF%E9%87%8C%E4%BA%91")]
    [InlineData("😀", "%F0%9F%98%80")]
    [InlineData("", "")]
    public void Percent_encoding_follows_rfc_3986_with_aliyun_rules(string value, string encoded) =>
        AliyunRpcSignature.PercentEncode(value).ShouldBe(encoded);

    [Fact]
    public void Keys_sort_by_their_encoded_form_ordinally()
    {
        KeyValuePair<string, string>[] parameters = [new("b", "1"), new("B", "2"), new("a b", "3"), new("a", "4"), new("_", "5")];

        AliyunRpcSignature.CanonicalizeQuery(parameters).ShouldBe("B=2&_=5&a=4&a%20b=3&b=1");
    }

    [Fact]
    public void Duplicate_keys_are_refused() =>
        Should.Throw<ArgumentException>(() => AliyunRpcSignature.CanonicalizeQuery([new("a", "1"), new("a", "2")]));

    [Fact]
    public void A_signature_parameter_cannot_be_signed_again() =>
        Should.Throw<ArgumentException>(() => AliyunRpcSignature.BuildSignedQuery("GET", [.. DescribeRegions, new("Signature", "x")], Secret));

    [Theory]
    [InlineData("")]
    [InlineData("G ET")]
    [InlineData("GET\n")]
    public void Odd_methods_are_refused(string method) =>
        Should.Throw<ArgumentException>(() => AliyunRpcSignature.ComputeSignature(method, DescribeRegions, Secret));
}
