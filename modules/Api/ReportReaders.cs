using System.Security.Claims;
using Complaints.Grains;

namespace Complaints.Api;

/// <summary>
/// Who reads which report, in one place for the API's report endpoints and the workbench's report pages
/// (docs/security.md): a department's handler its own department's figures, the desk and management the whole tenant;
/// scorecards not the desk; snapshots (the whole tenant, never filtered) management only.
/// </summary>
public static class ReportReaders
{
    /// <summary>The department a reader's live reports are limited to: a handler's own; null for the whole tenant.</summary>
    public static string? Scope(ClaimsPrincipal user) => user.IsHandler() ? user.Actor().Department : null;

    /// <summary>Scorecards: management the whole tenant, a handler its department's; the desk's agents are not scored here and do not read others' fines.</summary>
    public static bool MayReadScorecards(ClaimsPrincipal user)
    {
        var role = user.Actor().Role;
        return role != Roles.Agent && Roles.Staff.Contains(role);
    }

    /// <summary>Snapshots hold the whole tenant: supervisors, leaders and administrators.</summary>
    public static bool MayReadSnapshots(ClaimsPrincipal user)
    {
        var role = user.Actor().Role;
        return role == Roles.Supervisor || role == Roles.Leader || role == Roles.Admin;
    }

    /// <summary>
    /// Whom the workbench's menu offers the report pages: management and department handlers (their own department).
    /// The desk's agents work from their queue; the API still answers them what it answers today.
    /// </summary>
    public static bool HasReportPages(ClaimsPrincipal user)
    {
        var role = user.Actor().Role;
        return role == Roles.Supervisor || role == Roles.Leader || role == Roles.Admin || role == Roles.Handler;
    }
}
