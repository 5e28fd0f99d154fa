using Complaints.Reports.HotSpots;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Reports;

/// <summary>
/// The reports module: what management runs on (seed 000 art. 13, seed 001 §6 and §8, seed 002, seed 004 annex). It
/// builds reports from the ledger through the storage contract; the API's <c>/reports</c> routes serve them.
/// </summary>
public static class ReportsModule
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<HotSpotReports>().AddSingleton<IReportSection, HotSpotSection>();
        return services;
    }
}
