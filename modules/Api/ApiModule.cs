using System.Security.Claims;
using System.Text.Json.Serialization;
using Complaints.Grains;
using Complaints.Tenants;
using Complaints.Texts;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Api;

public static class ApiModule
{
    /// <summary>A tenant's administrator (its users, its channel view); never another tenant's.</summary>
    public const string AdminPolicy = "admin";

    /// <summary>The platform operator: platform-wide endpoints (calendar years, /api/v1/admin/*, every tenant's channels).</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>
    /// The workbench's sign-in cookie (the workbench registers the scheme): besides a bearer token, the only credential
    /// the GET endpoints of <see cref="PageLinks"/> accept, so a signed-in page can link to them (print, open a file).
    /// </summary>
    public const string PagesScheme = "workbench";

    /// <summary>A bearer token or the workbench's cookie: the policy of <see cref="PageLinks"/>.</summary>
    public const string PageLinkPolicy = "page-link";

    /// <summary>
    /// The tenant's GET endpoints a workbench page links to (the printable form, the attachments' list and files; the
    /// report and export downloads mark themselves with <see cref="PageLinkPolicy"/>): read only, answered as for a token; the cookie is SameSite=Strict, so no other site can make a browser send it.
    /// </summary>
    public static IReadOnlySet<string> PageLinks { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "/complaints/{number}/form", "/complaints/{number}/attachments", "/complaints/{number}/attachments/{id}",
    };

    /// <summary>The unified API's services: bearer auth, JSON in the API's style, problem details.</summary>
    public static IServiceCollection AddPlatformApi(this IServiceCollection services)
    {
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<TokenIssuer>();
        services.AddOptions<LoginOptions>().BindConfiguration("Auth");
        services.AddSingleton<UserStanding>();
        services.AddHostedService(sp => sp.GetRequiredService<UserStanding>());
        services.AddSingleton<Logins>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<CalendarYearLoader>();
        services.AddLoginThrottling();
        services.AddSingleton<NotificationFeed>();
        services.AddSingleton<CaseWork>();
        services.AddOptions<NotificationStreamOptions>().BindConfiguration("Notifications");
        // Every problem's title in the reader's language too (a field error's title is set where it is made).
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            if (c.ProblemDetails is not HttpValidationProblemDetails && c.ProblemDetails.Status is { } status && TextKeys.Problems.Title(status) is { } title)
            {
                c.ProblemDetails.Title = new Text(title).In(ApiResults.Reader);
            }
        });
        services.AddExceptionHandler<BadHttpRequestHandler>();
        services.AddExceptionHandler<TransientFailureHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new ChinaTimeJsonConverter());
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
            // Also refused before binding, naming the property (JsonDuplicates); this holds for any other reader.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeys>((o, keys) =>
        {
            o.MapInboundClaims = false;
            o.IncludeErrorDetails = false; // a refused token is told 401, not why (WWW-Authenticate without error_description)
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Issuer,
                IssuerSigningKeys = keys.Validating, // the current key and those of before the last rotation
                NameClaimType = PlatformClaims.Subject,
                RoleClaimType = PlatformClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
            o.Events = new JwtBearerEvents
            {
                // A well-signed token is not enough: its user must still exist, be enabled and carry the token's stamp.
                OnTokenValidated = async context =>
                {
                    var standing = context.HttpContext.RequestServices.GetRequiredService<UserStanding>();
                    if (!await standing.StandsAsync(context.Principal!, context.HttpContext.RequestAborted))
                    {
                        context.Fail("The token's user does not exist, is disabled, or its tokens were revoked.");
                    }
                },
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireClaim(PlatformClaims.Role, Roles.Admin))
            .AddPolicy(OperatorPolicy, p => p.RequireClaim(PlatformClaims.Role, Roles.Operator))
            .AddPolicy(PageLinkPolicy, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme, PagesScheme).RequireAuthenticatedUser());
        services.Configure<RequestLocalizationOptions>(o =>
        {
            // Chinese unless the caller asks for English (en, en-US, …); Accept-Language is the only source.
            o.DefaultRequestCulture = new RequestCulture(PlatformTexts.Default);
            o.SupportedCultures = [.. PlatformTexts.Supported];
            o.SupportedUICultures = [.. PlatformTexts.Supported];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>
    /// Sets the reader's language from Accept-Language (zh-CN by default, en second) before anything can answer, so
    /// problem details, including those of the exception handler, are in it.
    /// </summary>
    public static IApplicationBuilder UsePlatformLanguages(this IApplicationBuilder app) => app.UseRequestLocalization();

    /// <summary>
    /// Maps <c>/api/v1</c>: auth, then everything under a tenant, scoped to the caller's tenant. Every body is at most
    /// <see cref="InputLimits.JsonBodyBytes"/> (<see cref="BodyLimits"/>).
    /// </summary>
    public static RouteGroupBuilder MapPlatformApi(this IEndpointRouteBuilder app)
    {
        _ = app.ServiceProvider.GetRequiredService<SigningKeys>(); // a bad or missing key stops the start, not the first request
        var api = app.MapGroup("").WithMetadata(new RequestSizeLimitAttribute(InputLimits.JsonBodyBytes));
        api.MapAuthApi();
        var tenant = api.MapGroup("/api/v1/tenants/{tenant}")
            .RequireAuthorization()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var tenantId = http.GetRouteValue("tenant") as string ?? "";
                if (http.RequestServices.GetRequiredService<TenantDirectory>().Find(tenantId) is null)
                {
                    return ApiResults.Problem(StatusCodes.Status404NotFound, new Text(TextKeys.Access.UnknownTenant, tenantId));
                }

                return http.User.Tenant() == tenantId
                    ? await next(context)
                    : ApiResults.Problem(StatusCodes.Status403Forbidden, new Text(TextKeys.Access.OtherTenant));
            });
        ((IEndpointConventionBuilder)tenant).Add(endpoint =>
        {
            // Whoever maps one of them (here or in another module), it accepts the workbench's cookie too.
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } pattern } route
                && route.Metadata.OfType<HttpMethodMetadata>().Any(m => m.HttpMethods.SequenceEqual(["GET"]))
                && PageLinks.Any(link => pattern.EndsWith(link, StringComparison.Ordinal)))
            {
                route.Metadata.Add(new AuthorizeAttribute(PageLinkPolicy));
            }
        });
        tenant.MapComplaintsApi();
        tenant.MapFormApi();
        tenant.MapAttachmentsApi();
        tenant.MapCalendarApi(api);
        tenant.MapReportsApi();
        tenant.MapStatisticsApi();
        tenant.MapSnapshotsApi();
        tenant.MapScorecardsApi();
        tenant.MapHotSpotsApi();
        tenant.MapDirectoryApi();
        tenant.MapUsersApi();
        return tenant;
    }
}
