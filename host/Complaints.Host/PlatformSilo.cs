using System.Net;
using System.Net.Sockets;
using Complaints.Reminders.Sqlite;
using Orleans.Configuration;

namespace Complaints.Host;

internal static class PlatformSilo
{
    /// <summary>
    /// The co-hosted Orleans silo. Embedded: localhost clustering on the configured ports, or on free ones
    /// (Orleans:SiloPort / Orleans:GatewayPort = 0) so that several instances can run side by side;
    /// reminders (the case clocks) durable in the same SQLite file.
    /// </summary>
    public static void UsePlatformSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        builder.UseOrleans(silo =>
        {
            var siloPort = Port(configuration.GetValue("Orleans:SiloPort", 0));
            var gatewayPort = Port(configuration.GetValue("Orleans:GatewayPort", 0));
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: configuration["Orleans:ServiceId"] ?? "complaints-platform", clusterId: "embedded");
            silo.UseSqliteReminders();
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
