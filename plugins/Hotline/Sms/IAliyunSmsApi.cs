using Refit;

namespace Complaints.Channels.Hotline.Sms;

/// <summary>
/// The Aliyun-compatible SMS gateway, as a source-generated Refit client. The body is the signed query of
/// <see cref="AliyunSendSmsRequestBuilder"/> (signed for POST) as a form: the parameters and their order are ours,
/// not Refit's. The raw response is returned so that every answer (an error code, a 5xx page) can be classified.
/// </summary>
public interface IAliyunSmsApi
{
    [Post("/")]
    Task<HttpResponseMessage> SendSmsAsync([Body] HttpContent signedForm, CancellationToken cancellationToken);
}
