namespace Complaints.Channels.WeChat.Tests;

/// <summary>The published vectors of docs/channels/wechat.md, verbatim.</summary>
internal static class Vectors
{
    public static class UrlCheck
    {
        public const string Token = "AAAAA";
        public const string Timestamp = "1714036504";
        public const string Nonce = "1514711492";
        public const string Signature = "f464b24fc39322e44b38aa78f5edd27bd1441696";
    }

    public static class A
    {
        public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        public const string AppId = "wxb11529c136998cb6";
        public const string Random = "aaaabbbbccccdddd";
        public const string Message = "我是中文abcd123";
        public const string Encrypt = "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
    }

    public static class E
    {
        public const string Token = "AAAAA";
        public const string EncodingAesKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        public const string AppId = "wx134c8103faa5a59e";
        public const string Timestamp = "1715943329";
        public const string Nonce = "1590219412";
        public const string MsgSignature = "6c12a4205838198b8fa631b3220723bb07f1015c";
        public const string Encrypt = "D7yzvUNAL930rd28wf21s4hvXhz0L6Uit/p2Di6C5DHyYGpEgdBRnKjBec34JwoQXicwaZC7fOVihW80F4VtsdvE//1vr7oAbqjDv8KenVp+ajKYpJnyQ4zMRhIC+a31fCVOMC03FfzV/QuC94kBP55a+Za3sJgvAn+ZbsNqZI5DkyuzkhQN8OBqCzFhizGmy0xpM0MEA4agpvE+RuNO1rhHTtuJB5yltw1FiYzecSXJ+y/D2r81VkRn2eYjh2ltsoyfbDR7Is6ookXIFxTfyeNyeHxMeT4KN5WpCDmSbTcUYrbBUlkGLJ9n/rU8YOywma6G7aTb7KZKOqCxgfoUlYEZPk4FUL/TK7ShriFDMVCLyjQJ15Ob++agDWtcxhfUfe6HIoIpRW8mKNBQiY/Jd1svvuskA1wLef1RTtzKfMpagSCX/laZINmdnX4zrF6kIaR9P4xQrWXbsTFHTYe0Mg==";
        public const int MessageBytes = 292;
        public const string RandomPrefix = "1205899eaf019bbd";

        public const string ReplyRandom = "999951349e8ee746";
        public const string ReplyMessage = "<xml><demo_resp>[CDATA[good luck]]</demo_resp></xml>";
        public const string ReplyEncrypt = "hE8R6mGXHkJJjU72KxzKUd1GEkKJaEZq7vRL8XgK3o+00k8JGq6+pZJUIlTSyhsX+bxIBQ72g3GyvDdIZcr6+3HAZbSvPT9t/o11MI7d6WELwqrGd7jMnV0zv3Zc9Nq7";
        public const string ReplyTimestamp = "1713424427";
        public const string ReplyNonce = "415670741";
        public const string ReplyMsgSignature = "03e0812039325c2712ef5f0f980fd14c70d6e307";

        /// <summary>The safe-mode POST body as WeChat would send it.</summary>
        public static string Body => $"<xml><ToUserName><![CDATA[gh_97417a04a28d]]></ToUserName><Encrypt><![CDATA[{Encrypt}]]></Encrypt></xml>";
    }
}
