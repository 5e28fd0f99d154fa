using System.Security.Claims;
using Complaints.Api;
using Complaints.Grains;
using Complaints.Tenants;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Workbench;

/// <summary>
/// The workbench's sign-in: a cookie (HttpOnly, SameSite=Strict, Secure outside demo mode) holding the same claims as
/// the API's bearer token. Passwords are checked, throttled and locked out by the API's <see cref="Logins"/>; every
/// request checks the user still stands (<see cref="UserStanding"/>: exists, enabled, same security stamp), so a
/// disabled user or a reset password ends the cookie as it ends the tokens.
/// </summary>
public static class WorkbenchSignIn
{
    public const string Scheme = ApiModule.PagesScheme;

    /// <summary>The pages' policy: a signed-in user of the workbench's cookie (never a bearer token).</summary>
    public const string Policy = "workbench";

    /// <summary>A tenant's admin's pages (users, directory, channels): the workbench's rule and the admin role.</summary>
    public const string AdminPolicy = "workbench-admin";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "complaints.workbench";

    public const string LoginPath = "/login";

    /// <summary>A signed-in user's answer for a page not theirs (a tenant's page for the operator, an operator's page for a tenant's user).</summary>
    public const string DeniedPath = "/denied";
    public const string LogoutPath = "/logout";

    public static IServiceCollection AddWorkbenchSignIn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // The demo runs on http://localhost; everything else must be served over HTTPS.
            o.Cookie.SecurePolicy = configuration.IsDemo() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.LoginPath = LoginPath;
            o.AccessDeniedPath = DeniedPath;
            o.LogoutPath = LogoutPath;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = async context =>
                {
                    var standing = context.HttpContext.RequestServices.GetRequiredService<UserStanding>();
                    if (context.Principal is null || !await standing.StandsAsync(context.Principal, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(Scheme);
                    }
                },
            };
            // An API link a page follows (ApiModule.PageLinks) is refused as the API refuses: 401, no redirect; the
            // pages and their circuit keep the cookie's own answer.
            var redirect = o.Events.OnRedirectToLogin;
            o.Events.OnRedirectToLogin = context =>
            {
                if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                {
                    return redirect(context);
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser().AddRequirements(new WorkbenchAccess()));
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser()
            .AddRequirements(new WorkbenchAccess()).RequireClaim(PlatformClaims.Role, Roles.Admin));
        services.AddSingleton<IAuthorizationHandler, WorkbenchAccess>();
        return services;
    }

    public static void MapWorkbenchSignIn(this IEndpointRouteBuilder app) =>
        app.MapPost(LogoutPath, async (HttpContext http) =>
        {
            await http.SignOutAsync(Scheme);
            return Results.LocalRedirect(LoginPath);
        }).RequireAuthorization(Policy).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

    /// <summary>Signs <paramref name="user"/> in: the cookie carries the claims a bearer token would.</summary>
    public static Task SignInAsync(HttpContext http, PlatformUser user) =>
        http.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity(user.Claims(), Scheme, PlatformClaims.Subject, PlatformClaims.Role)));
}
