using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Tenants;

public static class TenantsModule
{
    public static IServiceCollection AddTenants(this IServiceCollection services)
    {
        services.AddSingleton<TenantDirectory>();
        return services;
    }
}
