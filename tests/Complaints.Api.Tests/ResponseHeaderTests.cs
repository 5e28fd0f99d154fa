using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Complaints.Api.Tests;

/// <summary>nosniff everywhere, no-store on the API and channel pages, CSP and no framing on every HTML page.</summary>
public sealed partial class ResponseHeaderTests
{
    [Fact]
    public async Task Api_answers_are_never_stored_nor_sniffed_whether_granted_or_refused()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var agent = await platform.LoginAsync("agent");

        foreach (var response in new[]
        {
            await agent.GetAsync("/api/v1/tenants/fangyang-water/complaints", TestContext.Current.CancellationToken),
            await platform.Anonymous().GetAsync("/api/v1/tenants/fangyang-water/complaints", TestContext.Current.CancellationToken),
            await agent.GetAsync("/api/v1/tenants/fangyang-water/complaints/FYW-2026-999999", TestContext.Current.CancellationToken),
        })
        {
            var what = $"{response.RequestMessage!.RequestUri} {response.StatusCode}";
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], what);
            response.Headers.CacheControl!.NoStore.ShouldBeTrue(what);
            response.Headers.Contains("X-Frame-Options").ShouldBeFalse(what);
            response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("plain http on loopback: " + what);
        }

        var health = await platform.Anonymous().GetAsync("/health", TestContext.Current.CancellationToken);
        health.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task A_production_host_served_over_https_tells_browsers_to_stay_on_https()
    {
        // A self-signed certificate for the host name a deployment would have; the request is sent to loopback with that
        // name (HSTS is never sent for localhost, which browsers would otherwise pin).
        var folder = Path.Combine(Path.GetTempPath(), "complaints-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        using var key = RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
            "CN=complaints.example.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pfx = Path.Combine(folder, "host.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "test"), TestContext.Current.CancellationToken);

        await using var platform = await PlatformInstance.StartAsync(
            null,
            [
                .. PlatformInstance.Production,
                "--Kestrel:Endpoints:Https:Url", "https://127.0.0.1:0",
                "--Kestrel:Endpoints:Https:Certificate:Path", pfx,
                "--Kestrel:Endpoints:Https:Certificate:Password", "test",
            ]);
        platform.BaseAddress.Scheme.ShouldBe("https");
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { BaseAddress = platform.BaseAddress };
        using var named = new HttpRequestMessage(HttpMethod.Get, "/health") { Headers = { Host = "complaints.example.com" } };

        var response = await client.SendAsync(named, TestContext.Current.CancellationToken);

        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_scalar_page_allows_its_own_scripts_and_its_one_inline_script_only_and_cannot_be_framed()
    {
        await using var platform = await PlatformInstance.StartAsync();
        var response = await platform.Anonymous().GetAsync("/scalar/", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldStartWith("default-src 'self'; script-src 'self' 'sha256-");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-eval");
        csp.ShouldNotContain("http");
        var inline = InlineScript().Matches(html).Select(m => m.Groups[1].Value).ToList();
        inline.ShouldNotBeEmpty();
        foreach (var body in inline)
        {
            csp.ShouldContain($"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(body)))}'");
        }

        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);

        // Everything the page loads comes from this host (the default fonts from Scalar's CDN are off).
        var script = await platform.Anonymous().GetAsync("/scalar/scalar.aspnetcore.js", TestContext.Current.CancellationToken);
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        script.Headers.Contains("Content-Security-Policy").ShouldBeFalse();
        html.ShouldNotContain("http://");
        html.ShouldNotContain("https://");
    }

    [Fact]
    public async Task A_channel_page_carries_the_policy_no_framing_and_no_store()
    {
        await using var platform = await PlatformInstance.StartAsync(null, "--Tenants:fangyang-water:Channels:website:Enabled", "true");
        var response = await platform.Anonymous().GetAsync("/channels/website/fangyang-water", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        // The website channel sends its own, stricter policy (no script at all); the host keeps it and adds the rest.
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        csp.ShouldMatch("^default-src '(self|none)'");
        csp.ShouldContain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
