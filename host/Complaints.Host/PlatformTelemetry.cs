using System.Net;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Complaints.Host;

/// <summary>
/// OpenTelemetry metrics and traces: ASP.NET Core, outgoing HTTP (the channel plugins' calls), the .NET runtime,
/// Orleans, Npgsql and the platform's own meters (every <c>Complaints.*</c> meter, each owned by its module).
/// Metrics are readable at <c>/metrics</c> for Prometheus when <c>Telemetry:Prometheus:Enabled</c> (off by default:
/// listening to every meter, Orleans' per-message ones included, made deadline lateness in the 100,000-deadline
/// benchmark about three times worse); metrics
/// and traces go to an OTLP collector only when <c>Telemetry:Otlp:Endpoint</c> is set. Traces are recorded only then:
/// without a collector nobody would read them, and a span per request and grain call costs throughput.
/// </summary>
internal static class PlatformTelemetry
{
    private const string ScrapePath = "/metrics";

    /// <summary>Orleans' meter and its activity sources (grain calls, with activity propagation between silos).</summary>
    private static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>Npgsql emits both under its own name; these are the names Npgsql.OpenTelemetry would register.</summary>
    private const string Npgsql = "Npgsql";

    public static void AddPlatformTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var otlp = configuration["Telemetry:Otlp:Endpoint"] is { Length: > 0 } endpoint ? new Uri(endpoint) : null;
        var protocol = configuration["Telemetry:Otlp:Protocol"] is "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        var prometheus = configuration.GetValue("Telemetry:Prometheus:Enabled", false);
        if (otlp is null && !prometheus)
        {
            return;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["Telemetry:ServiceName"] ?? "complaints-platform"))
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    .AddMeter("Microsoft.Orleans")
                    .AddMeter(Npgsql)
                    .AddMeter("Complaints.*");
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    var interval = configuration.GetValue("Telemetry:Otlp:ExportInterval", TimeSpan.FromSeconds(60));
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, otlp, protocol, "v1/metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)interval.TotalMilliseconds;
                    });
                }
            });

        if (otlp is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(OrleansSources)
                .AddSource(Npgsql)
                .AddOtlpExporter(exporter => Configure(exporter, otlp, protocol, "v1/traces")));

            // Grain calls carry the caller's trace, so a request's span tree reaches into the grains it called.
            builder.UseOrleans(silo => silo.AddActivityPropagation());
        }
    }

    /// <summary>
    /// <c>GET /metrics</c> in Prometheus' text format, without a token: operators' scrapers have none. It answers the
    /// loopback addresses and the networks in <c>Telemetry:Prometheus:AllowedNetworks</c> (CIDR, e.g. 10.0.0.0/8),
    /// and 403 to anyone else: the figures name tenants and channels.
    /// </summary>
    public static void MapPlatformTelemetry(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Telemetry:Prometheus:Enabled", false))
        {
            return;
        }

        var allowed = app.Configuration.GetSection("Telemetry:Prometheus:AllowedNetworks").Get<string[]>() ?? [];
        var networks = allowed.Select(IPNetwork.Parse).ToArray();
        app.MapPrometheusScrapingEndpoint(ScrapePath, meterProvider: null, configureBranchedPipeline: pipeline => pipeline.Use(async (context, next) =>
        {
            if (MayScrape(context.Connection.RemoteIpAddress, networks))
            {
                await next(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
            }
        }), optionsName: null).AllowAnonymous();
    }

    internal static bool MayScrape(IPAddress? remote, IReadOnlyList<IPNetwork> networks)
    {
        if (remote is null)
        {
            // No remote address: an in-process server (tests), not a network caller.
            return true;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return IPAddress.IsLoopback(address) || networks.Any(n => n.Contains(address));
    }

    internal static bool IsProbe(PathString path) =>
        path.StartsWithSegments(ScrapePath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// gRPC takes the collector's address as it is; OTLP over HTTP takes one address per signal, so the signal's
    /// path is added to the configured base (as the OTEL_EXPORTER_OTLP_ENDPOINT convention does).
    /// </summary>
    private static void Configure(OtlpExporterOptions exporter, Uri endpoint, OtlpExportProtocol protocol, string signalPath)
    {
        exporter.Protocol = protocol;
        exporter.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf
            ? new Uri(endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/"), signalPath)
            : endpoint;
    }
}
