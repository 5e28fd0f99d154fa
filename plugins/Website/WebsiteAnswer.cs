using System.Text.Json;
using System.Text.Json.Serialization;

namespace Complaints.Channels.Website;

/// <summary>
/// The JSON answer to a submission. <c>Status</c>: <c>created</c>, <c>existing</c> (sent before, nothing new) or
/// <c>received</c> (a rating that needs no record). <c>Outcome</c>: <c>complaint</c>, <c>praise</c>, <c>feedback</c>,
/// <c>callback</c>. <c>Notice</c>: a company-wide notice was published. A complaint's answer carries the case's
/// <c>RatingToken</c> and the page link with it (<c>RatingLink</c>, <c>…?case=…&amp;token=…#rating</c>): rating the
/// case later needs it.
/// </summary>
public sealed record WebsiteAnswer(string? Number, string Status, string Outcome, bool Notice)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RatingToken { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RatingLink { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebsiteAnswer))]
public sealed partial class WebsiteJsonContext : JsonSerializerContext;
