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
        services.AddSingleton<LedgerExport>();
        services.AddSingleton<OverdueList>();
        services.AddSingleton<CallbackRegister>();
        services.AddSingleton<IReportSection, OverdueSection>();
        services.AddSingleton<IReportSection, CallbacksSection>();
        services.AddSingleton<StatisticsReports>();
        services.AddSingleton<IReportSection, StatisticsSection>();
        // Scheduled snapshots: every tenant's schedule grain, started with the host.
        services.AddSingleton<ReportSnapshotProducer>();
        services.AddHostedService<ReportScheduleStart>();
        services.AddScorecards();
        services.AddSingleton<HotSpotReports>().AddSingleton<IReportSection, HotSpotSection>();
        return services;
    }
}
