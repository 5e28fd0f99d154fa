using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Complaints.Api.Tests;

/// <summary>
/// docs/api.md and the OpenAPI document the host serves name the same endpoints (path + method); channel plugins'
/// endpoints are documented in docs/channels/*.md instead. Descriptions may say more; the endpoint list may not drift.
/// </summary>
public sealed partial class ApiReferenceTests(PlatformFixture fixture) : IClassFixture<PlatformFixture>
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(PlatformInstance.BuiltPlugins, "..", ".."));

    [Fact]
    public async Task Every_endpoint_of_the_openapi_document_is_in_the_api_reference_and_nothing_else_is()
    {
        var document = await fixture.Platform.Anonymous().GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var served = Endpoints(document);
        var reference = Documented(File.ReadAllText(Path.Combine(Root, "docs", "api.md")));
        var channelDocs = string.Join('\n', Directory.GetFiles(Path.Combine(Root, "docs", "channels"), "*.md").Select(File.ReadAllText));

        served.ShouldContain("POST /api/v1/tenants/{tenant}/complaints/{number}/accept");
        Differences(served, reference, channelDocs).ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_an_extra_or_a_misplaced_endpoint_is_named()
    {
        string[] served = ["GET /api/v1/tenants/{tenant}/complaints", "POST /api/v1/tenants/{tenant}/complaints", "POST /channels/hotline/{tenant}/calls"];
        var reference = Documented("""
            | method | path | roles |
            |---|---|---|
            | GET | `/api/v1/tenants/{tenant}/complaints` | all |
            | DELETE | `/api/v1/tenants/{tenant}/complaints/{number}` | admin |
            """);

        Differences(served, reference, "`POST /channels/hotline/{tenant}/calls`").ShouldBe(
        [
            "POST /api/v1/tenants/{tenant}/complaints is served but missing from docs/api.md",
            "DELETE /api/v1/tenants/{tenant}/complaints/{number} is in docs/api.md but not served",
        ]);
        Differences(served, Documented("| GET | `/api/v1/tenants/{tenant}/complaints` |\n| POST | `/api/v1/tenants/{tenant}/complaints` |"), "").ShouldBe(
            ["POST /channels/hotline/{tenant}/calls is a channel endpoint missing from docs/channels/*.md"]);
    }

    /// <summary>"METHOD /path" for every operation of an OpenAPI document.</summary>
    private static List<string> Endpoints(JsonObject document) =>
        [.. document["paths"]!.AsObject().SelectMany(p => p.Value!.AsObject()
            .Where(o => o.Key is "get" or "post" or "put" or "delete" or "patch")
            .Select(o => $"{o.Key.ToUpperInvariant()} {p.Key}"))];

    /// <summary>The endpoint table rows of docs/api.md: <c>| METHOD | `path` | …</c>.</summary>
    private static List<string> Documented(string markdown) =>
        [.. EndpointRow().Matches(markdown).Select(m => $"{m.Groups["method"].Value} {m.Groups["path"].Value}")];

    private static List<string> Differences(IReadOnlyCollection<string> served, IReadOnlyCollection<string> reference, string channelDocs)
    {
        static bool IsChannel(string endpoint) => endpoint.Split(' ')[1].StartsWith("/channels/", StringComparison.Ordinal);

        return
        [
            .. served.Where(e => !IsChannel(e) && !reference.Contains(e)).Select(e => $"{e} is served but missing from docs/api.md"),
            .. reference.Where(e => !served.Contains(e) && !IsChannel(e)).Select(e => $"{e} is in docs/api.md but not served"),
            .. reference.Where(IsChannel).Select(e => $"{e} is a channel endpoint: docs/channels/*.md describes it, not docs/api.md"),
            .. served.Where(e => IsChannel(e) && !channelDocs.Contains(e, StringComparison.Ordinal)).Select(e => $"{e} is a channel endpoint missing from docs/channels/*.md"),
        ];
    }

    [GeneratedRegex(@"^\|\s*(?<method>GET|POST|PUT|DELETE|PATCH)\s*\|\s*`(?<path>/[^`]*)`\s*\|", RegexOptions.Multiline)]
    private static partial Regex EndpointRow();
}
