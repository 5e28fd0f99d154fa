using Complaints.Texts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Complaints.Workbench;

/// <summary>
/// The workbench's language: <c>?culture=en</c> (remembered in a cookie, so the circuit's connection and later pages
/// follow it), then that cookie, otherwise zh-CN — whatever the browser's Accept-Language says. The API's paths are
/// left to the API's own rule (Accept-Language).
/// </summary>
internal sealed class WorkbenchCulture : RequestCultureProvider
{
    public const string Query = "culture";
    public const string Cookie = "complaints.culture";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        if (!IsWorkbench(httpContext.Request.Path))
        {
            return NullProviderCultureResult;
        }

        var requested = httpContext.Request.Query[Query].FirstOrDefault() ?? httpContext.Request.Cookies[Cookie];
        var culture = PlatformTexts.Choose(requested).Name;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture));
    }

    /// <summary>Keeps a page's <c>?culture=</c> in the cookie.</summary>
    public static async Task Remember(HttpContext context, RequestDelegate next)
    {
        if (IsWorkbench(context.Request.Path) && context.Request.Query[Query].FirstOrDefault() is { } requested)
        {
            context.Response.Cookies.Append(Cookie, PlatformTexts.Choose(requested).Name, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = context.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
            });
        }

        await next(context);
    }

    /// <summary>The workbench's pages and its circuit, not the API, the channels, the reference or the probes.</summary>
    public static bool IsWorkbench(PathString path) =>
        !(path.StartsWithSegments("/api") || path.StartsWithSegments("/channels") || path.StartsWithSegments("/scalar")
          || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics"));
}
