using System.Globalization;
using System.Security.Claims;
using Complaints.Grains;

namespace Complaints.Api;

/// <summary>The signed-in user as the grains see them: public for the workbench, which acts as the API does.</summary>
public static class CurrentUser
{
    public static ActorInfo Actor(this ClaimsPrincipal user) => new(
        user.FindFirstValue(PlatformClaims.Subject) ?? "unknown",
        user.FindFirstValue(PlatformClaims.Role) ?? "unknown",
        user.FindFirstValue(PlatformClaims.Department),
        CultureInfo.CurrentUICulture.Name); // set from Accept-Language for this request; the grain renders refusals in it

    public static string? Tenant(this ClaimsPrincipal user) => user.FindFirstValue(PlatformClaims.Tenant);

    /// <summary>Whether the caller may read the contact of a case held by <paramref name="caseDepartment"/> (<see cref="Roles.MayReadContact"/>).</summary>
    public static bool MayReadContact(this ClaimsPrincipal user, string? caseDepartment) =>
        Roles.MayReadContact(user.FindFirstValue(PlatformClaims.Role) ?? "", user.FindFirstValue(PlatformClaims.Department), caseDepartment);

    public static bool IsHandler(this ClaimsPrincipal user) => user.FindFirstValue(PlatformClaims.Role) == Roles.Handler;
}
