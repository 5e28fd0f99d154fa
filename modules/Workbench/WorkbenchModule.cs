using AntDesign;
using Complaints.Workbench.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Workbench;

/// <summary>
/// The workbench: a Blazor Web App with interactive server rendering, served by the host at <c>/</c>. Its pages sign in
/// with a cookie of their own (<see cref="WorkbenchSignIn"/>); the API keeps its bearer tokens and never reads it.
/// </summary>
public static class WorkbenchModule
{
    public static WebApplicationBuilder AddWorkbench(this WebApplicationBuilder builder)
    {
        // The static web assets (AntDesign's _content, Blazor's script) from wherever the binary runs: the build's
        // manifest when there is one (a build output, the tests), the published wwwroot otherwise.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAntDesign();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, WorkbenchAuthenticationState>();
        services.AddWorkbenchSignIn(builder.Configuration);
        services.AddHybridCache();
        services.AddSingleton<QueueReads>();
        // Pages follow the workbench's own culture (?culture=en, then its cookie; zh-CN otherwise), never the browser's.
        services.PostConfigure<RequestLocalizationOptions>(o => o.RequestCultureProviders.Insert(0, new WorkbenchCulture()));
        return builder;
    }

    public static WebApplication MapWorkbench(this WebApplication app)
    {
        app.UseAntiforgery();
        app.Use(WorkbenchCulture.Remember);
        app.MapStaticAssets(Path.Combine(AppContext.BaseDirectory, $"{app.Environment.ApplicationName}.staticwebassets.endpoints.json"));
        app.MapWorkbenchSignIn();
        app.MapRazorComponents<App>()
            // The host's page policy (PlatformSecurityHeaders) is the one: Blazor's own would replace it with a weaker one.
            .AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null)
            .RequireAuthorization(WorkbenchSignIn.Policy);
        return app;
    }
}
