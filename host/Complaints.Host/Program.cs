using Complaints.Api;
using Complaints.Channels;
using Complaints.Grains;
using Complaints.Host;
using Complaints.Reports;
using Complaints.Tenants;
using Complaints.Workbench;

// The composition root. Each line is one module or one concern; read the method to find its room.
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["hash-password", ..])
        {
            // For configured users: Tenants:{tenant}:Users:{name}:PasswordHash.
            Console.WriteLine(PasswordHashing.Hash(Console.ReadLine() ?? ""));
            return 0;
        }

        if (args is ["create-user", .. var options])
        {
            // A user in the configured store, password from standard input: how a production install gets its first admin.
            return await CreateUserCommand.RunAsync(options);
        }

        if (args is ["schema", .. var settings])
        {
            // Cluster mode: create or upgrade the PostgreSQL tables (the platform's and Orleans'); safe to run again.
            return await PlatformSchemaCommand.RunAsync(settings);
        }

        if (args is ["rotate-signing-key", .. var keySettings])
        {
            // The current key file's key becomes the previous one (still validating), a new one signs after a restart.
            return PlatformSigningKeyCommand.Run(keySettings);
        }

        await Build(args).RunAsync();
        return 0;
    }

    public static WebApplication Build(string[] args)
    {
        PlatformEncodings.RegisterLegacyCodePages(); // GB2312/GBK for every plugin, before any plugin loads
        // Settings and tenant presets ship beside the binary, wherever the process is started from. The host is the
        // application whoever starts it (a test too): its static web assets manifests are named after it.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
        });
        builder.AddPlatformConfiguration(args);     // tenant presets, demo settings (demo mode only), data directory
        builder.AddPlatformLogging();               // Serilog: console + rolling file, phones masked
        builder.Services.AddTenants();              // Tenants:{tenant}: departments, categories, users
        builder.AddPlatformStorage();               // events + ledger: SQLite file (embedded) or PostgreSQL (cluster)
        builder.Services.AddComplaints();           // CaseGrain, numbering, intake
        builder.Services.AddReports();              // ledger export, statistics, scorecards, hot spots, forms, snapshots
        builder.Services.AddPlatformApi();          // bearer auth, JSON, problem details
        builder.Services.AddPlatformOpenApi();      // /openapi/v1.json and /scalar
        builder.Services.AddPlatformHealth();       // /health: storage and silo
        builder.AddWorkbench();                     // the staff's web pages (Blazor Server, Ant Design), their sign-in cookie
        // Channel plugins from disk, their intake and reply outbox; tenants without their own channel keys refused.
        builder.AddChannels(PlatformLogging.Bootstrap, PlatformConfiguration.DemoChannelValues(builder.Configuration));
        builder.UsePlatformSilo();                  // the co-hosted Orleans silo: localhost or ADO.NET clustering
        builder.AddPlatformTelemetry();             // OpenTelemetry metrics and traces: /metrics, OTLP when configured

        var app = builder.Build();
        app.LogPlatformMode();                      // demo or production, said once at start
        app.WarnChannelsWithoutFirstReply();        // an enabled channel whose complaints run no first-reply clock
        app.UsePlatformRequestLog();                // one line per request: method, route template, status, time, user
        app.UsePlatformAccessLog();                 // a warning line and a count for every 401 and 403
        app.UsePlatformSecurityHeaders();           // nosniff, no-store on the API, CSP and no framing on pages, HSTS
        app.UsePlatformLanguages();                 // Accept-Language: zh-CN by default, en second
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();                       // login attempts per client address (AuthApi)
        app.MapPlatformHealth();
        app.MapPlatformOpenApi();
        var tenant = app.MapPlatformApi();
        app.MapChannels(tenant, ApiModule.OperatorPolicy, ApiModule.AdminPolicy);
        app.MapPlatformDiagnostics();
        app.MapWorkbench();                         // /, /login, /complaints/…: the workbench's pages and their circuit
        app.MapPlatformTelemetry();
        return app;
    }
}
