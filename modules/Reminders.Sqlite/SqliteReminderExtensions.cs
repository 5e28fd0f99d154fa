using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans;
using Orleans.Hosting;

namespace Complaints.Reminders.Sqlite;

/// <summary>Turns on Orleans reminders, stored in the embedded SQLite file (the <see cref="Storage.Sqlite.SqliteDatabase"/> singleton).</summary>
public static class SqliteReminderExtensions
{
    /// <summary>
    /// Adds the reminder service (Orleans' <c>AddReminders</c>) and <see cref="SqliteReminderTable"/> as its
    /// <see cref="IReminderTable"/>. Expects a <see cref="Storage.Sqlite.SqliteDatabase"/> singleton in DI
    /// (e.g. from <c>AddSqliteStorage</c>); rows are scoped by <c>ClusterOptions.ServiceId</c>.
    /// </summary>
    public static ISiloBuilder UseSqliteReminders(this ISiloBuilder builder)
    {
        builder.Services.UseSqliteReminders();
        return builder;
    }

    /// <inheritdoc cref="UseSqliteReminders(ISiloBuilder)"/>
    public static IServiceCollection UseSqliteReminders(this IServiceCollection services)
    {
        services.AddReminders();
        services.TryAddSingleton<SqliteReminderTable>();
        services.AddSingleton<IReminderTable>(sp => sp.GetRequiredService<SqliteReminderTable>());
        return services;
    }
}
