using Complaints.Channels.WeChat.Protocol;
using Refit;

namespace Complaints.Channels.WeChat.Api;

/// <summary>
/// The WeChat server API this channel uses, as a Refit generated client (registered per tenant with
/// <c>AddKeyedRefitGeneratedClient</c> and <see cref="WeChatJsonContext"/>). WeChat answers HTTP 200 with an
/// <c>errcode</c> for its own errors. No resilience handler sits in front of it: a send is not idempotent.
/// </summary>
public interface IWeChatApi
{
    [Get("/cgi-bin/token?grant_type=client_credential")]
    Task<WeChatAccessTokenResponse> GetTokenAsync([AliasAs("appid")] string appId, [AliasAs("secret")] string secret, CancellationToken cancellationToken);

    /// <summary>
    /// A temporary material (a user's photo or voice message, kept by WeChat for 3 days): the bytes with their
    /// Content-Type, or JSON with an <c>errcode</c> (40007 invalid media_id; 40001/42001 the token).
    /// </summary>
    [Get("/cgi-bin/media/get")]
    Task<HttpResponseMessage> GetMediaAsync([AliasAs("access_token")] string accessToken, [AliasAs("media_id")] string mediaId, CancellationToken cancellationToken);

    [Post("/cgi-bin/message/custom/send")]
    Task<WeChatApiResult> SendCustomAsync([AliasAs("access_token")] string accessToken, [Body] WeChatCustomTextMessage message, CancellationToken cancellationToken);

    /// <summary>A template message: the way to reach a user outside the 48-hour customer-service window.</summary>
    [Post("/cgi-bin/message/template/send")]
    Task<WeChatTemplateSendResult> SendTemplateAsync([AliasAs("access_token")] string accessToken, [Body] WeChatTemplateMessage message, CancellationToken cancellationToken);
}
