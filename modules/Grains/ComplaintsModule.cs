using Complaints.Sla;
using Complaints.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Reminders;

namespace Complaints.Grains;

public static class ComplaintsModule
{
    /// <summary>The complaints module: grains (found by Orleans in this assembly) and the intake service.</summary>
    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Case clocks read the reminder service's clock, so a test that fakes one fakes both.
        services.TryAddKeyedSingleton<TimeProvider>(ReminderTimeProviderNames.Reminders, (sp, _) => new ReminderClock(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => PlatformCalendar.Load(sp.GetRequiredService<ICalendarYears>()));
        services.AddHostedService<CalendarRefresh>();
        services.AddSingleton<CalendarWatch>();
        services.AddHostedService(sp => sp.GetRequiredService<CalendarWatch>());
        services.AddSingleton<TenantClocks>();
        services.TryAddSingleton(sp => new CatchUpGate(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<ClockPolicyCheck>();
        services.AddHostedService<ClockRecovery>();
        services.AddHostedService<CaseNumberRecovery>();
        services.AddSingleton<IComplaintIntake, ComplaintIntake>();
        services.AddSingleton<ICaseAttachments, CaseAttachments>();
        return services;
    }
}
