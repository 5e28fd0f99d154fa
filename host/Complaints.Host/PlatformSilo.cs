using System.Net;
using System.Net.Sockets;
using Complaints.Reminders.Postgres;
using Complaints.Reminders.Sqlite;
using Npgsql;
using Orleans.Configuration;

namespace Complaints.Host;

internal static class PlatformSilo
{
    /// <summary>
    /// The co-hosted Orleans silo. Embedded: localhost clustering on the configured ports, or on free ones
    /// (Orleans:SiloPort / Orleans:GatewayPort = 0) so that several instances can run side by side; reminders (the
    /// case clocks) durable in the same SQLite file. Cluster (Storage:Provider=postgres): membership in PostgreSQL
    /// through Orleans' ADO.NET provider, on the store's own pooled data source, and reminders in Orleans' table written
    /// through the store's writer (<see cref="PostgresReminderTable"/>); silo-failure detection tuned by
    /// Orleans:Membership (ClusterMembershipOptions).
    /// </summary>
    public static void UsePlatformSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleans(silo =>
        {
            var siloPort = Port(configuration.GetValue("Orleans:SiloPort", 0));
            var gatewayPort = Port(configuration.GetValue("Orleans:GatewayPort", 0));
            var serviceId = configuration["Orleans:ServiceId"] ?? "complaints-platform";
            if (configuration.IsCluster())
            {
                silo.Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = configuration["Orleans:ClusterId"] ?? "complaints";
                    o.ServiceId = serviceId;
                });
                if (configuration["Orleans:AdvertisedAddress"] is { Length: > 0 } advertised)
                {
                    silo.ConfigureEndpoints(IPAddress.Parse(advertised), siloPort, gatewayPort, listenOnAnyHostAddress: configuration.GetValue("Orleans:ListenOnAnyAddress", false));
                }
                else
                {
                    silo.ConfigureEndpoints(siloPort, gatewayPort, listenOnAnyHostAddress: configuration.GetValue("Orleans:ListenOnAnyAddress", false));
                }

                silo.UseAdoNetClustering(o => o.Configure<NpgsqlDataSource>((options, dataSource) =>
                {
                    options.Invariant = "Npgsql";
                    options.DataSource = dataSource;
                }));
                silo.UsePostgresReminders();
                silo.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:Membership"));
            }
            else
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: "embedded");
                silo.UseSqliteReminders();
            }

            silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = TimeSpan.FromMinutes(configuration.GetValue("Orleans:IdleMinutes", 10)));
        });
    }

    private static int Port(int configured)
    {
        if (configured > 0)
        {
            return configured;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
