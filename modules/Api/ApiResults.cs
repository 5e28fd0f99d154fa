using System.Globalization;
using System.Text.Json;
using Complaints.Grains;
using Complaints.Texts;
using Microsoft.AspNetCore.Http;

namespace Complaints.Api;

/// <summary>
/// Outcomes as HTTP: problem details (RFC 9457) with the field at fault for bad input, in the reader's language
/// (Accept-Language, see <see cref="ApiModule.UsePlatformLanguages"/>).
/// </summary>
internal static class ApiResults
{
    /// <summary>The language of the current request's reader.</summary>
    public static CultureInfo Reader => PlatformTexts.Choose(CultureInfo.CurrentUICulture.Name);

    public static IResult Invalid(string field, Text message) => Invalid(field, message.In(Reader));

    public static IResult Problem(int status, Text detail) => Problem(status, detail.In(Reader));

    public static IResult Refusal(CaseOutcome outcome) => outcome.Kind switch
    {
        OutcomeKind.Invalid when outcome.Field is { } field => Invalid(field, outcome.Message ?? new Text(TextKeys.Input.Invalid).In(Reader)),
        OutcomeKind.Invalid => Problem(StatusCodes.Status400BadRequest, outcome.Message),
        OutcomeKind.NotFound => Problem(StatusCodes.Status404NotFound, outcome.Message),
        OutcomeKind.Forbidden => Problem(StatusCodes.Status403Forbidden, outcome.Message),
        _ => Problem(StatusCodes.Status409Conflict, outcome.Message),
    };

    /// <summary>A message already in the reader's language (rendered by the grain in the actor's language).</summary>
    private static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: new Text(TextKeys.Input.InvalidFields).In(Reader));

    private static IResult Problem(int status, string? detail) => TypedResults.Problem(detail: detail, statusCode: status);

    /// <summary>
    /// The one reader of JSON bodies: a malformed body, a wrong type or a repeated property gets a 400 naming the
    /// field, a body over the endpoint's limit (<see cref="BodyLimits"/>, counted while reading, chunked or not) a 413,
    /// rather than the framework's bare 400 or a 500.
    /// </summary>
    public static async Task<(T? Body, IResult? Error)> ReadBodyAsync<T>(HttpRequest request, JsonSerializerOptions options)
        where T : class
    {
        var (body, error) = await ReadBodyAsync(request, typeof(T), options);
        return ((T?)body, error);
    }

    /// <inheritdoc cref="ReadBodyAsync{T}"/>
    public static async Task<(object? Body, IResult? Error)> ReadBodyAsync(HttpRequest request, Type type, JsonSerializerOptions options)
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, new Text(TextKeys.Input.JsonBody)));
        }

        var limit = BodyLimits.Of(request.HttpContext);
        byte[]? bytes;
        try
        {
            bytes = await BodyLimits.ReadAsync(request, limit);
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            bytes = null;
        }
        catch (BadHttpRequestException)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, new Text(TextKeys.Input.UnreadableBody)));
        }

        if (bytes is null)
        {
            return (null, TooLarge(limit));
        }

        if (JsonDuplicates.Find(bytes) is { } repeated)
        {
            return (null, Invalid(repeated, new Text(TextKeys.Input.DuplicateProperty)));
        }

        try
        {
            var body = bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, type, options);
            return body is null ? (null, Problem(StatusCodes.Status400BadRequest, new Text(TextKeys.Input.EmptyBody))) : (body, null);
        }
        catch (JsonException exception)
        {
            var field = exception.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return (null, Invalid(field, new Text(TextKeys.Input.NotJson)));
        }
    }

    /// <summary>413 with the limit in KB, in the reader's language.</summary>
    public static IResult TooLarge(long limit) =>
        Problem(StatusCodes.Status413PayloadTooLarge, new Text(TextKeys.Input.BodyTooLarge, limit / 1024));
}
