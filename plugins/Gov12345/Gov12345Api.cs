using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Refit;

namespace Complaints.Channels.Gov12345;

/// <summary>
/// The platform's API as a Refit generated client. Paths and bodies are the city's (configured), so the client
/// takes the path and a JSON object in the platform's field names. Registered per tenant without a resilience
/// handler: the reports are non-idempotent POSTs (<see cref="Gov12345ReplySender"/> decides what may be repeated).
/// </summary>
public interface IGov12345Api
{
    [Get("/{**path}")]
    Task<JsonObject> ListAsync(string path, CancellationToken cancellationToken);

    [Post("/{**path}")]
    Task<JsonObject> PostAsync(string path, [Body] JsonObject body, CancellationToken cancellationToken);
}

/// <summary>Source-generated JSON metadata for the client.</summary>
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
public sealed partial class Gov12345JsonContext : JsonSerializerContext;

/// <summary>
/// Authenticates every call: <c>Authorization: Bearer {Token}</c> when a token is configured, otherwise
/// <c>X-App-Key</c>, <c>X-Timestamp</c> (unix seconds) and <c>X-Sign</c> = lowercase hex HMAC-SHA256(Secret, AppKey + "\n" + timestamp).
/// </summary>
internal sealed class Gov12345AuthHandler(Gov12345Settings settings, TimeProvider time) : DelegatingHandler
{
    public static string Sign(string secret, string appKey, string timestamp) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(appKey + "\n" + timestamp)));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (settings.Token is { } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        else if (settings.AppKey is { } appKey && settings.Secret is { } secret)
        {
            var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add("X-App-Key", appKey);
            request.Headers.Add("X-Timestamp", timestamp);
            request.Headers.Add("X-Sign", Sign(secret, appKey, timestamp));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
