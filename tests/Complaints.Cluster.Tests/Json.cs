using System.Net;
using System.Text.Json.Nodes;

namespace Complaints.Cluster.Tests;

public static class Json
{
    public static async Task<JsonObject> ExpectAsync(this Task<HttpResponseMessage> call, HttpStatusCode status)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        return body.Length == 0 ? [] : JsonNode.Parse(body)!.AsObject();
    }

    public static string Str(this JsonNode? node, string name) => node![name]!.GetValue<string>();
}
