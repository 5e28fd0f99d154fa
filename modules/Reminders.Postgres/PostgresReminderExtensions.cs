using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;

namespace Complaints.Reminders.Postgres;

/// <summary>Turns on Orleans reminders, stored in the cluster's PostgreSQL database (the <see cref="Storage.Postgres.PostgresDatabase"/> singleton).</summary>
public static class PostgresReminderExtensions
{
    /// <summary>
    /// Adds the reminder service (Orleans' <c>AddReminders</c>) and <see cref="PostgresReminderTable"/> as its
    /// <see cref="IReminderTable"/>. Expects a <see cref="Storage.Postgres.PostgresDatabase"/> singleton in DI
    /// (e.g. from <c>AddPostgresStorage</c>) on a database the schema command prepared; rows are scoped by
    /// <c>ClusterOptions.ServiceId</c>.
    /// </summary>
    public static ISiloBuilder UsePostgresReminders(this ISiloBuilder builder)
    {
        builder.Services.UsePostgresReminders();
        return builder;
    }

    /// <inheritdoc cref="UsePostgresReminders(ISiloBuilder)"/>
    public static IServiceCollection UsePostgresReminders(this IServiceCollection services)
    {
        services.AddReminders();
        services.TryAddSingleton<PostgresReminderTable>();
        services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<PostgresReminderTable>());
        return services;
    }
}
