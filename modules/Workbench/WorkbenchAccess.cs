using Complaints.Api;
using Complaints.Grains;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;

namespace Complaints.Workbench;

/// <summary>
/// Marks a page of the platform operator's (calendar years, plugins): the only pages the operator — who has no tenant
/// — may open, and pages no tenant's user may open.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OperatorPageAttribute : Attribute;

/// <summary>
/// Who may open which workbench page, checked on every page request (the endpoint) and on every navigation inside a
/// circuit (<c>AuthorizeRouteView</c>, whose resource is the page's route): a tenant's user opens the tenant's pages,
/// the platform operator only the <see cref="OperatorPageAttribute"/> pages. A request that is no page (the circuit's
/// connection, logout) needs either.
/// </summary>
public sealed class WorkbenchAccess : AuthorizationHandler<WorkbenchAccess>, IAuthorizationRequirement
{
    /// <summary>The pure rule: <paramref name="operatorPage"/> null when the request is no page.</summary>
    public static bool Allows(string? tenant, string? role, bool? operatorPage) => operatorPage switch
    {
        true => role == Roles.Operator && tenant is null,
        false => tenant is not null,
        null => tenant is not null || role == Roles.Operator,
    };

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, WorkbenchAccess requirement)
    {
        bool? operatorPage = context.Resource switch
        {
            RouteData route => route.PageType.IsDefined(typeof(OperatorPageAttribute), inherit: false),
            HttpContext http when http.GetEndpoint() is { } endpoint && endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null =>
                endpoint.Metadata.GetMetadata<OperatorPageAttribute>() is not null,
            _ => null,
        };

        if (context.User.Identity?.IsAuthenticated == true
            && Allows(context.User.Tenant(), context.User.FindFirst(PlatformClaims.Role)?.Value, operatorPage))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
