using System.Security.Claims;
using System.Text.Json.Serialization;
using Complaints.Grains;
using Complaints.Tenants;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Api;

public static class ApiModule
{
    public const string AdminPolicy = "admin";

    /// <summary>The unified API's services: bearer auth, JSON in the API's style, problem details.</summary>
    public static IServiceCollection AddPlatformApi(this IServiceCollection services)
    {
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<NotificationFeed>();
        services.AddOptions<NotificationStreamOptions>().BindConfiguration("Notifications");
        services.AddProblemDetails();
        services.AddExceptionHandler<TransientFailureHandler>();
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new ChinaTimeJsonConverter());
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.KebabCaseLower));
        });
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<TokenIssuer>((o, issuer) =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = TokenIssuer.Issuer,
                ValidAudience = TokenIssuer.Issuer,
                IssuerSigningKey = issuer.Key,
                NameClaimType = PlatformClaims.Subject,
                RoleClaimType = PlatformClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, p => p.RequireClaim(PlatformClaims.Role, Roles.Admin));
        return services;
    }

    /// <summary>Maps <c>/api/v1</c>: auth, then everything under a tenant, scoped to the caller's tenant.</summary>
    public static RouteGroupBuilder MapPlatformApi(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        var tenant = app.MapGroup("/api/v1/tenants/{tenant}")
            .RequireAuthorization()
            .AddEndpointFilter(async (context, next) =>
            {
                var http = context.HttpContext;
                var tenantId = http.GetRouteValue("tenant") as string ?? "";
                if (http.RequestServices.GetRequiredService<TenantDirectory>().Find(tenantId) is null)
                {
                    return ApiResults.Problem(StatusCodes.Status404NotFound, $"Unknown tenant '{tenantId}'.");
                }

                return http.User.Tenant() == tenantId
                    ? await next(context)
                    : ApiResults.Problem(StatusCodes.Status403Forbidden, "You may not see another tenant's cases.");
            });
        tenant.MapComplaintsApi();
        tenant.MapCalendarApi(app);
        tenant.MapReportsApi();
        tenant.MapDirectoryApi();
        return tenant;
    }
}
