using System.Globalization;
using Complaints.Reports;
using Complaints.Sla;
using Complaints.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

[assembly: HostingStartup(typeof(Complaints.Api.Tests.RegisteredCasesSection.Startup))]

namespace Complaints.Api.Tests;

/// <summary>
/// A daily report section of the tests' own: the cases registered in the period with their status now. A host started
/// with <see cref="HostArgs"/> registers it, so a snapshot test sees a section that reads live cases whatever sections
/// the platform has.
/// </summary>
public sealed class RegisteredCasesSection(ILedger ledger) : IReportSection
{
    /// <summary>The host arguments that add this section (an ASP.NET Core hosting startup of this assembly).</summary>
    public static readonly string[] HostArgs = ["--hostingStartupAssemblies", typeof(RegisteredCasesSection).Assembly.GetName().Name!, "--" + Setting, "true"];

    /// <summary>
    /// The setting that turns it on: the test assembly may be the entry assembly, whose hosting startup ASP.NET Core runs
    /// for every host; only the snapshot tests' hosts get the section.
    /// </summary>
    private const string Setting = "Tests:RegisteredCasesSection";

    public string Name => "registered";

    public bool BelongsTo(SnapshotKind kind) => kind == SnapshotKind.Daily;

    public async Task<ReportSection> ProduceAsync(string tenant, DateOnly from, DateOnly to, CultureInfo culture, CancellationToken cancellationToken = default)
    {
        var page = await ledger.QueryAsync(new LedgerQuery { Tenant = tenant, From = ChinaTime.StartOf(from), To = ChinaTime.StartOf(to.AddDays(1)), PageSize = 500 }, cancellationToken);
        var cases = page.Items.Select(r => new RegisteredCase(r.Number, r.Status)).OrderBy(c => c.Number, StringComparer.Ordinal).ToList();
        return new ReportSection(Name, new RegisteredCases(cases), async (workbook, ct) =>
        {
            await workbook.AddSheetAsync("登记", ["编号", "状态"], ct);
            foreach (var c in cases)
            {
                await workbook.AddRowAsync([c.Number, c.Status], ct);
            }
        });
    }

    public sealed record RegisteredCases(IReadOnlyList<RegisteredCase> Cases);

    public sealed record RegisteredCase(string Number, string Status);

    public sealed class Startup : IHostingStartup
    {
        public void Configure(IWebHostBuilder builder) => builder.ConfigureServices((context, services) =>
        {
            if (context.Configuration[Setting] == "true")
            {
                services.AddSingleton<IReportSection, RegisteredCasesSection>();
            }
        });
    }
}
