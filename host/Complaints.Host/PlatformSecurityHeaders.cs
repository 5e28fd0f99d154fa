using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Complaints.Tenants;

namespace Complaints.Host;

/// <summary>
/// The response headers every answer carries, in one place: <c>X-Content-Type-Options: nosniff</c> on all;
/// <c>Cache-Control: no-store</c> on the API and the channels' pages (they carry case data and personal data);
/// a Content-Security-Policy and <c>X-Frame-Options: DENY</c> on every HTML page (/scalar, the website channel's
/// pages), decided by the content type when the response starts; HSTS over HTTPS outside demo mode.
/// </summary>
internal static partial class PlatformSecurityHeaders
{
    /// <summary>
    /// What the pages need and no more: their own scripts (plus the one inline start-up script of /scalar, by its hash),
    /// inline styles (the website's page and Scalar's components carry them), images as data:/blob: URLs (Scalar's
    /// icons and response previews), requests to this host only (Scalar's "try it"), and no framing. Scalar's default
    /// web fonts (fonts.scalar.com) are turned off in <see cref="PlatformOpenApi"/>, so nothing loads from elsewhere.
    /// </summary>
    public static string ContentSecurityPolicy(IEnumerable<string> inlineScriptHashes) =>
        "default-src 'self'; script-src 'self'" + string.Concat(inlineScriptHashes.Select(h => $" 'sha256-{h}'")) +
        "; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string ReferencePath = "/scalar";

    public static void UsePlatformSecurityHeaders(this WebApplication app)
    {
        if (!app.Configuration.IsDemo())
        {
            // Only answers over HTTPS carry it (and never for localhost), so a loopback http demo is unaffected.
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                Apply(context, []);
                return Task.CompletedTask;
            });
            if (!IsReferencePage(context.Request.Path))
            {
                await next(context);
                return;
            }

            // /scalar's page has an inline script; its hash goes into the policy, so the page is read before it is sent.
            var original = context.Response.Body;
            await using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            try
            {
                await next(context);
            }
            finally
            {
                context.Response.Body = original;
            }

            if (IsHtml(context.Response.ContentType))
            {
                Apply(context, InlineScriptHashes(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length)));
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original, context.RequestAborted);
        });
    }

    /// <summary>The headers for this answer (a policy already set — /scalar's with its hash, a plugin's own — is kept).</summary>
    private static void Apply(HttpContext context, IEnumerable<string> inlineScriptHashes)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/channels", StringComparison.OrdinalIgnoreCase))
        {
            headers.CacheControl = "no-store";
        }

        if (IsHtml(context.Response.ContentType))
        {
            // A page that brings its own (stricter) policy, as the website channel's does, keeps it.
            if (!headers.ContainsKey("Content-Security-Policy"))
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy(inlineScriptHashes);
            }

            headers.XFrameOptions = "DENY";
        }
    }

    /// <summary>/scalar's page itself (/scalar/, /scalar/v1), not its script and icon files.</summary>
    private static bool IsReferencePage(PathString path) =>
        path.StartsWithSegments(ReferencePath, StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(path.Value ?? "").Contains('.', StringComparison.Ordinal);

    private static bool IsHtml(string? contentType) => contentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The base64 SHA-256 of each inline script's text, as CSP hashes it.</summary>
    internal static IEnumerable<string> InlineScriptHashes(string html) =>
        InlineScript().Matches(html).Select(m => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups["body"].Value)))).ToList();

    [GeneratedRegex(@"<script(?![^>]*\bsrc\s*=)[^>]*>(?<body>.*?)</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex InlineScript();
}
