using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Complaints.Host;

internal static class PlatformOpenApi
{
    public static void AddPlatformOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "Complaints Platform — unified API", Version = "v1" };
            return Task.CompletedTask;
        }));

    /// <summary>
    /// <c>/openapi/v1.json</c> and a reading UI at <c>/scalar</c>, served entirely from this host: Scalar's default web
    /// fonts come from its CDN, so they are off (the page's Content-Security-Policy allows this host only).
    /// </summary>
    public static void MapPlatformOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(o => o.DisableDefaultFonts()).AllowAnonymous();
    }
}
