using System.Globalization;
using System.Security.Claims;
using Complaints.Api;
using Complaints.Tenants;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Complaints.Workbench.Components.Pages.Reports;

/// <summary>
/// What every report page knows of its reader: the tenant, and the department its figures are limited to (a handler's
/// own, <see cref="ReportReaders.Scope"/>, as the API limits them). Downloads link to the API's own report endpoints,
/// which accept the workbench's cookie (<see cref="ApiModule.PageLinkPolicy"/>).
/// </summary>
public abstract class ReportPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    [Inject] private TenantDirectory Tenants { get; set; } = default!;

    protected ClaimsPrincipal User { get; private set; } = new();

    protected Tenant? Tenant { get; private set; }

    /// <summary>The department the reader's figures are limited to, or null for the whole tenant.</summary>
    protected string? Scope { get; private set; }

    /// <summary>The API's path of this tenant's reports: <c>/api/v1/tenants/{tenant}</c>.</summary>
    protected string ApiBase => $"/api/v1/tenants/{Uri.EscapeDataString(Tenant?.Id ?? "")}";

    protected override async Task OnInitializedAsync()
    {
        User = (await Authentication).User;
        Tenant = User.Tenant() is { } tenant ? Tenants.Find(tenant) : null;
        Scope = ReportReaders.Scope(User);
    }

    protected string DepartmentName(string? id) => id is null ? "" : Tenant?.Departments.GetValueOrDefault(id)?.Name ?? id;

    protected static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A rate (a fraction) as a percentage, or a dash when there is nothing to divide by.</summary>
    protected static string Percent(decimal? rate) => rate is { } r ? (r * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%" : "—";

    protected static string Figure(decimal? value) => value is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "—";

    /// <summary>A query string of the given parameters, those without a value left out.</summary>
    protected static string Query(params (string Name, string? Value)[] parameters) =>
        string.Join("&", parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
}
