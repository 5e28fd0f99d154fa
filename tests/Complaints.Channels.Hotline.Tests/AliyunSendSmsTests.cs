using System.Text.Json;
using Complaints.Channels.Hotline.Sms;

namespace Complaints.Channels.Hotline.Tests;

public sealed class AliyunSendSmsTests
{
    private const string Nonce = "5e1f4c2a-3b8d-4f7e-9a61-0c2d3e4f5a6b";
    private static readonly DateTimeOffset SentAt = new(2024, 6, 10, 17, 5, 9, TimeSpan.FromHours(8));
    private static readonly AliyunSendSmsRequestBuilder Builder = new("LTAI5tTestKeyId", "testsecret");

    private static readonly AliyunSendSmsRequest Request = new(
        PhoneNumbers: "13800138000",
        SignName: "阿里云短信测试",
        TemplateCode: "SMS_154950909",
        TemplateParam: AliyunSendSmsRequestBuilder.SerializeTemplateParam(new Dictionary<string, string> { ["code"] = "1234", ["case"] = "TS 0001*" }),
        OutId: "case-TS-0001-reply-1");

    [Fact]
    public void Parameters_are_the_common_ones_plus_the_send_sms_ones()
    {
        var parameters = Builder.BuildParameters(Request, Nonce, SentAt).ToDictionary(p => p.Key, p => p.Value);

        parameters.ShouldBe(new Dictionary<string, string>
        {
            ["AccessKeyId"] = "LTAI5tTestKeyId",
            ["Action"] = "SendSms",
            ["Format"] = "JSON",
            ["RegionId"] = "cn-hangzhou",
            ["SignatureMethod"] = "HMAC-SHA1",
            ["SignatureNonce"] = Nonce,
            ["SignatureVersion"] = "1.0",
            ["Timestamp"] = "2024-06-10T09:05:09Z",
            ["Version"] = "2017-05-25",
            ["PhoneNumbers"] = "13800138000",
            ["SignName"] = "阿里云短信测试",
            ["TemplateCode"] = "SMS_154950909",
            ["TemplateParam"] = """{"code":"1234","case":"TS 0001*"}""",
            ["OutId"] = "case-TS-0001-reply-1",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Optional_parameters_are_left_out()
    {
        var parameters = Builder.BuildParameters(new AliyunSendSmsRequest("13800138000", "sign", "SMS_1"), Nonce, SentAt);

        parameters.Select(p => p.Key).ShouldNotContain("TemplateParam");
        parameters.Select(p => p.Key).ShouldNotContain("OutId");
    }

    [Fact]
    public void Signed_query_is_canonical_encoded_and_verifiable()
    {
        var query = Builder.BuildSignedQuery(Request, Nonce, SentAt);

        query.ShouldStartWith("Signature=");
        query.ShouldContain("&AccessKeyId=LTAI5tTestKeyId&Action=SendSms&Format=JSON&OutId=case-TS-0001-reply-1&PhoneNumbers=13800138000&RegionId=cn-hangzhou");
        query.ShouldContain("&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1%E6%B5%8B%E8%AF%95&");
        query.ShouldContain("&TemplateParam=%7B%22code%22%3A%221234%22%2C%22case%22%3A%22TS%200001%2A%22%7D&");
        query.ShouldEndWith("&Timestamp=2024-06-10T09%3A05%3A09Z&Version=2017-05-25");

        AliyunRpcSignatureVerifier.Verify("GET", query, "testsecret").ShouldBeTrue();
        AliyunRpcSignatureVerifier.Verify("GET", query.Replace("13800138000", "13900139000", StringComparison.Ordinal), "testsecret").ShouldBeFalse();
    }

    [Fact]
    public void Signed_query_is_deterministic_given_nonce_and_time() =>
        Builder.BuildSignedQuery(Request, Nonce, SentAt).ShouldBe(Builder.BuildSignedQuery(Request, Nonce, SentAt.ToUniversalTime()));

    [Fact]
    public void Post_is_signed_as_post()
    {
        var query = Builder.BuildSignedQuery(Request, Nonce, SentAt, "POST");

        AliyunRpcSignatureVerifier.Verify("POST", query, "testsecret").ShouldBeTrue();
        AliyunRpcSignatureVerifier.Verify("GET", query, "testsecret").ShouldBeFalse();
    }

    [Fact]
    public void The_time_provider_overload_uses_a_fresh_nonce_and_the_current_time()
    {
        var clock = new FixedClock(SentAt);

        var first = AliyunRpcSignatureVerifier.ParseQuery(Builder.BuildSignedQuery(Request, clock));
        var second = AliyunRpcSignatureVerifier.ParseQuery(Builder.BuildSignedQuery(Request, clock));

        first.Single(p => p.Key == "Timestamp").Value.ShouldBe("2024-06-10T09:05:09Z");
        first.Single(p => p.Key == "SignatureNonce").Value.ShouldNotBe(second.Single(p => p.Key == "SignatureNonce").Value);
        AliyunRpcSignatureVerifier.Verify("GET", first, "testsecret").ShouldBeTrue();
    }

    [Fact]
    public void Timestamps_drop_fractions_and_convert_to_utc() =>
        AliyunSendSmsRequestBuilder.FormatTimestamp(new DateTimeOffset(2016, 2, 23, 20, 46, 24, 999, TimeSpan.FromHours(8)))
            .ShouldBe("2016-02-23T12:46:24Z");

    [Fact]
    public void Required_fields_are_checked()
    {
        Should.Throw<ArgumentException>(() => Builder.BuildParameters(Request with { PhoneNumbers = "" }, Nonce, SentAt));
        Should.Throw<ArgumentException>(() => Builder.BuildParameters(Request with { SignName = "" }, Nonce, SentAt));
        Should.Throw<ArgumentException>(() => Builder.BuildParameters(Request with { TemplateCode = "" }, Nonce, SentAt));
        Should.Throw<ArgumentException>(() => Builder.BuildParameters(Request, "", SentAt));
        Should.Throw<ArgumentException>(() => new AliyunSendSmsRequestBuilder("", "secret"));
        Should.Throw<ArgumentException>(() => new AliyunSendSmsRequestBuilder("id", ""));
    }

    [Fact]
    public void The_builder_does_not_print_its_secret() =>
        Builder.ToString()!.ShouldNotContain("testsecret");

    [Fact]
    public void Response_reads_success_and_failure()
    {
        var ok = JsonSerializer.Deserialize(
            """{"Message":"OK","RequestId":"F655A8D5-B967-440B-8683-DAD6FF8DE990","Code":"OK","BizId":"900619746936498440^0"}""",
            SmsJsonContext.Default.AliyunSendSmsResponse)!;
        ok.IsSuccess.ShouldBeTrue();
        ok.BizId.ShouldBe("900619746936498440^0");
        ok.RequestId.ShouldBe("F655A8D5-B967-440B-8683-DAD6FF8DE990");

        var limited = JsonSerializer.Deserialize(
            """{"Message":"触发分钟级流控Permits:1","RequestId":"5A0A5D7C-1E0C-4B1F-9B4F-6D0B0E7E1C11","Code":"isv.BUSINESS_LIMIT_CONTROL"}""",
            SmsJsonContext.Default.AliyunSendSmsResponse)!;
        limited.IsSuccess.ShouldBeFalse();
        limited.Code.ShouldBe("isv.BUSINESS_LIMIT_CONTROL");
        limited.BizId.ShouldBeNull();
    }

    [Fact]
    public void Template_params_serialize_as_a_flat_json_object()
    {
        var json = AliyunSendSmsRequestBuilder.SerializeTemplateParam(new Dictionary<string, string> { ["name"] = "张三", ["no"] = "TS-1" });

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("name").GetString().ShouldBe("张三");
        document.RootElement.GetProperty("no").GetString().ShouldBe("TS-1");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
