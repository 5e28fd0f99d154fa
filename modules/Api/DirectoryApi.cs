using Complaints.Grains;
using Complaints.Sla;
using Complaints.Tenants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Complaints.Api;

/// <summary>
/// <c>GET /api/v1/tenants/{tenant}/directory</c>: what a form or an integration may send — departments, categories with
/// their usual department and deadline, channels, roles — read from the tenant's configuration and policy, ordered by id.
/// </summary>
internal static class DirectoryApi
{
    /// <summary>The people's roles with their names at the desk (machines' roles are left out).</summary>
    private static readonly (string Id, string Name)[] RoleNames =
    [
        (Roles.Agent, "受理员"), (Roles.Supervisor, "受理主管"), (Roles.Leader, "分管领导"), (Roles.Handler, "处置人员"), (Roles.Admin, "系统管理员"),
    ];

    public static void MapDirectoryApi(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/directory", (string tenant, TenantDirectory tenants) => TypedResults.Ok(Of(tenants.Find(tenant)!)))
            .WithTags("directory")
            .WithSummary("The tenant's departments, categories (usual department, deadline), channels and roles, for forms and integrations.");

    public static DirectoryResponse Of(Tenant tenant)
    {
        var evaluator = EvaluatorOf(tenant);
        return new DirectoryResponse(
            [.. tenant.Departments.Values.OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => new DirectoryEntry(d.Id, d.Name))],
            [.. tenant.Categories.Values.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => new DirectoryCategory(c.Id, c.Name, c.Department, DeadlineOf(evaluator, channel: "", kind: "complaint", c.Id)))],
            [.. tenant.Channels.Values.OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => new DirectoryEntry(c.Id, c.Name))],
            [.. RoleNames.Select(r => new DirectoryEntry(r.Id, r.Name))]);
    }

    /// <summary>
    /// The resolution deadline of a complaint in the category, before any channel's own rule (a 12345 item's deadline
    /// or a channel that overrides the category wins over it); null when the tenant's policy sets none.
    /// </summary>
    internal static DirectoryDeadline? DeadlineOf(SlaPolicyEvaluator? evaluator, string channel, string kind, string category) =>
        evaluator?.Evaluate(channel, kind, category).FirstOrDefault(c => c.Name == ClockNames.Resolution)?.Duration is { } d
            ? new DirectoryDeadline(d.Amount, UnitOf(d.Unit), d.Unit switch
            {
                DurationUnit.Minutes => $"{d.Amount}分钟",
                DurationUnit.Hours => $"{d.Amount}小时",
                DurationUnit.Days => $"{d.Amount}天",
                _ => $"{d.Amount}个工作日",
            })
            : null;

    internal static SlaPolicyEvaluator? EvaluatorOf(Tenant tenant) =>
        tenant.Configuration.GetSection("Policy").Get<SlaPolicy>() is { Clocks.Count: > 0 } policy ? new SlaPolicyEvaluator(policy) : null;

    private static string UnitOf(DurationUnit unit) => unit switch
    {
        DurationUnit.Minutes => "minutes",
        DurationUnit.Hours => "hours",
        DurationUnit.Days => "days",
        _ => "working-days",
    };
}

public sealed record DirectoryResponse(
    IReadOnlyList<DirectoryEntry> Departments,
    IReadOnlyList<DirectoryCategory> Categories,
    IReadOnlyList<DirectoryEntry> Channels,
    IReadOnlyList<DirectoryEntry> Roles)
{
    /// <summary>The tenant's directory as <c>GET …/directory</c> answers it (the workbench's <c>/admin/directory</c> reads it too).</summary>
    public static DirectoryResponse Of(Tenant tenant) => DirectoryApi.Of(tenant);
}

public sealed record DirectoryEntry(string Id, string Name);

/// <param name="Department">The department a case of this category usually goes to: the dispatch default.</param>
/// <param name="Deadline">The resolution deadline: an amount and a unit (minutes, hours, days of 24 h, working-days) and the same as text.</param>
public sealed record DirectoryCategory(string Id, string Name, string? Department, DirectoryDeadline? Deadline);

public sealed record DirectoryDeadline(int Amount, string Unit, string Text)
{
    /// <summary>
    /// The resolution deadline the tenant's policy gives a case of this channel, kind and category (a channel's own
    /// rule included; a 12345 item's own deadline wins over it when given); null when the policy sets none.
    /// </summary>
    public static DirectoryDeadline? Of(Tenant tenant, string channel, string kind, string category) =>
        DirectoryApi.DeadlineOf(DirectoryApi.EvaluatorOf(tenant), channel, kind, category);
}
