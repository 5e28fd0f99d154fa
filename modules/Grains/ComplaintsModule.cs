using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Complaints.Grains;

public static class ComplaintsModule
{
    /// <summary>The complaints module: grains (found by Orleans in this assembly) and the intake service.</summary>
    public static IServiceCollection AddComplaints(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IComplaintIntake, ComplaintIntake>();
        return services;
    }
}
