using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Gov12345;

/// <summary>
/// <c>POST /channels/gov-12345/{tenant}/orders</c>: the platform pushes one order, an array, or its list envelope,
/// with the shared key in <c>X-Push-Key</c>. Answers in the platform's envelope: <c>{code, msg, data: [{number, case, status}]}</c>.
/// </summary>
internal static class Gov12345Endpoints
{
    public static void Map(IEndpointRouteBuilder channel) =>
        channel.MapPost("/{tenant}/orders", ReceiveAsync).AllowAnonymous().ExcludeFromDescription();

    private static async Task<IResult> ReceiveAsync(string tenant, HttpContext http)
    {
        var platforms = http.RequestServices.GetRequiredService<Gov12345Platforms>();
        if (platforms.Find(tenant) is not { } settings)
        {
            return Results.Text("unknown tenant", statusCode: StatusCodes.Status404NotFound);
        }

        var key = http.Request.Headers["X-Push-Key"].ToString();
        if (settings.PushKey is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(settings.PushKey), Encoding.UTF8.GetBytes(key)))
        {
            return Results.Text("invalid push key", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (http.Request.ContentLength > settings.MaxBodyBytes)
        {
            return Results.Text("too large", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > settings.MaxBodyBytes)
            {
                return Results.Text("too large", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
        }

        if (!IsReadable(buffer.ToArray()))
        {
            return Results.Text("bad request", statusCode: StatusCodes.Status400BadRequest);
        }

        JsonNode? body;
        try
        {
            body = JsonNode.Parse(buffer.ToArray(), documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            return Results.Text("bad request", statusCode: StatusCodes.Status400BadRequest);
        }

        var orders = Gov12345Platforms.Orders(settings, body);
        if (orders.Count == 0)
        {
            return Results.Text("no orders", statusCode: StatusCodes.Status400BadRequest);
        }

        var results = new JsonArray();
        var refused = 0;
        foreach (var order in orders)
        {
            // A pushed order is registered now, a file not served for now left out with a note: no second push is counted on.
            var (number, pushed) = await platforms.SubmitAsync(settings, order, mayWait: false, http.RequestAborted);
            var receipt = pushed!;
            refused += receipt.Accepted ? 0 : 1;
            results.Add(new JsonObject
            {
                ["number"] = number,
                ["case"] = receipt.Number,
                ["status"] = receipt.Status.ToString().ToLowerInvariant(),
                ["problem"] = receipt.Problem,
                ["field"] = receipt.Field, // the intake's name for the field at fault (complainant.name, externalDeadline …)
            });
        }

        var answer = new JsonObject
        {
            [settings.CodeField] = refused == 0 ? Gov12345Platforms.SuccessValue(settings) : JsonValue.Create("refused"),
            ["msg"] = refused == 0 ? "ok" : $"{refused} order(s) refused",
            [settings.ItemsField] = results,
        };
        return Results.Content(answer.ToJsonString(), "application/json", Encoding.UTF8, refused == orders.Count ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    /// <summary>
    /// The whole push is checked before any order is submitted: JSON, no property twice in an object (which one would
    /// count differs between readers), every string decodable (an escaped lone surrogate cannot become a string).
    /// </summary>
    private static bool IsReadable(byte[] json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false });
            return Decodes(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    private static bool Decodes(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!names.Add(property.Name) || !Decodes(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                return element.EnumerateArray().All(Decodes);
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            default:
                return true;
        }
    }
}
