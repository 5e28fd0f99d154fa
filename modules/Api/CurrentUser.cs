using System.Globalization;
using System.Security.Claims;
using Complaints.Grains;

namespace Complaints.Api;

internal static class CurrentUser
{
    public static ActorInfo Actor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(PlatformClaims.Subject) ?? "unknown",
        user.FindFirstValue(PlatformClaims.Role) ?? "unknown",
        user.FindFirstValue(PlatformClaims.Department),
        CultureInfo.CurrentUICulture.Name); // set from Accept-Language for this request; the grain renders refusals in it

    public static string? Tenant(this ClaimsPrincipal user) => user.FindFirstValue(PlatformClaims.Tenant);

    public static bool IsHandler(this ClaimsPrincipal user) => user.FindFirstValue(PlatformClaims.Role) == Roles.Handler;
}
