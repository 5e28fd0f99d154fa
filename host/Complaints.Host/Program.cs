using Complaints.Api;
using Complaints.Grains;
using Complaints.Host;
using Complaints.Tenants;
using Serilog;

// The composition root. Each line is one module or one concern; read the method to find its room.
public static class Program
{
    public static async Task Main(string[] args)
    {
        if (args is ["hash-password", ..])
        {
            // For configured users: Tenants:{tenant}:Users:{name}:PasswordHash.
            Console.WriteLine(UserDirectory.HashPassword(Console.ReadLine() ?? ""));
            return;
        }

        await Build(args).RunAsync();
    }

    public static WebApplication Build(string[] args)
    {
        // Settings and tenant presets ship beside the binary, wherever the process is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddPlatformConfiguration(args);     // tenant presets, data directory
        builder.AddPlatformLogging();               // Serilog: console + rolling file, phones masked
        builder.Services.AddTenants();              // Tenants:{tenant}: departments, categories, users
        builder.AddPlatformStorage();               // events + ledger: SQLite file (embedded)
        builder.Services.AddComplaints();           // ComplaintGrain, numbering, intake
        builder.Services.AddPlatformApi();          // bearer auth, JSON, problem details
        builder.Services.AddPlatformOpenApi();      // /openapi/v1.json and /scalar
        builder.Services.AddPlatformHealth();       // /health: storage and silo
        builder.UsePlatformSilo();                  // the co-hosted Orleans silo

        var app = builder.Build();
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapPlatformHealth();
        app.MapPlatformOpenApi();
        app.MapPlatformApi();
        app.MapPlatformDiagnostics();
        return app;
    }
}
