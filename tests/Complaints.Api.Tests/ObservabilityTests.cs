using System.Globalization;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Api.Tests;

/// <summary>What an operator sees: /metrics for Prometheus, OTLP to a collector, one log line per API call.</summary>
public sealed class ObservabilityTests
{
    private const string Intake = "complaints_intake_registrations_total";

    [Fact]
    public async Task Metrics_show_the_intake_and_the_http_server_and_each_call_is_logged_without_the_phone()
    {
        await using var platform = await PlatformInstance.StartAsync(
            extraArgs: ["--Serilog:MinimumLevel:Override:Serilog.AspNetCore.RequestLoggingMiddleware", "Information", "--Telemetry:Prometheus:Enabled", "true"]);
        var desk = new Desk(platform);
        var scraper = platform.Anonymous();
        var before = CreatedIntake(await ScrapeAsync(scraper));

        var number = (await desk.RegisterAsync()).Str("number");
        (await platform.Anonymous().GetAsync($"{desk.Complaints}/{number}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The scrape is cached briefly (300 ms), and the request's duration is recorded only after its answer was
        // sent: wait for both to show rather than for a time.
        var metrics = await Eventually.Async(async () =>
        {
            var text = await ScrapeAsync(scraper);
            return CreatedIntake(text) > before && text.Split('\n').Any(line =>
                line.StartsWith("http_server_request_duration_seconds_bucket{", StringComparison.Ordinal)
                && line.Contains("http_route=\"/api/v1/tenants/{tenant}/complaints", StringComparison.Ordinal)) ? text : null;
        });
        metrics.ShouldContain("http_server_request_duration_seconds_bucket{", customMessage: metrics);
        metrics.ShouldContain("http_route=\"/api/v1/tenants/{tenant}/complaints", customMessage: metrics);
        metrics.ShouldContain("dotnet_assembly_count", customMessage: metrics);
        // Orleans' own series (which ones depends on what the silo has done yet, e.g. grain counts come later).
        metrics.ShouldContain("\norleans_", customMessage: metrics);

        // The file sink writes as the lines come: wait for the last call's line.
        var log = "";
        for (var attempt = 0; attempt < 100 && !log.Contains("responded 401", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            log = await ReadLogsAsync(platform);
        }

        log.ShouldContain("HTTP POST /api/v1/tenants/{tenant}/complaints responded 201 in ", customMessage: log);
        log.ShouldContain("for agent", customMessage: log);
        log.ShouldContain("HTTP GET /api/v1/tenants/{tenant}/complaints/{number} responded 401 in ", customMessage: log);
        log.ShouldContain("for anonymous", customMessage: log);
        log.ShouldNotContain($"/complaints/{number} responded", customMessage: log);
        log.ShouldNotContain("13812345678");
    }

    [Fact]
    public async Task Metrics_and_traces_reach_an_OTLP_collector_when_one_is_configured()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var platform = await PlatformInstance.StartAsync(extraArgs:
        [
            "--Telemetry:Otlp:Endpoint", collector.BaseAddress.ToString(),
            "--Telemetry:Otlp:Protocol", "http/protobuf",
            "--Telemetry:Otlp:ExportInterval", "00:00:01",
        ]);
        await new Desk(platform).RegisterAsync();

        var received = new HashSet<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var (path, bytes) in collector.Posts.Reader.ReadAllAsync(timeout.Token))
        {
            bytes.ShouldBeGreaterThan(0);
            received.Add(path);
            if (received.IsSupersetOf(["/v1/metrics", "/v1/traces"]))
            {
                break;
            }
        }

        received.ShouldBe(["/v1/metrics", "/v1/traces"], ignoreOrder: true);
        // /metrics is off unless an operator turns it on (it costs deadline lateness under a storm: docs/benchmarks.md).
        (await platform.Anonymous().GetAsync("/metrics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
        return text;
    }

    /// <summary>Created complaints of the default tenant's hotline; the counter is per process, so tests compare.</summary>
    private static double CreatedIntake(string metrics) => metrics
        .Split('\n')
        .Where(line => line.StartsWith(Intake + "{", StringComparison.Ordinal)
            && line.Contains("tenant=\"fangyang-water\"", StringComparison.Ordinal)
            && line.Contains("channel=\"hotline\"", StringComparison.Ordinal)
            && line.Contains("outcome=\"created\"", StringComparison.Ordinal))
        .Select(line => double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture))
        .Sum();

    private static async Task<string> ReadLogsAsync(PlatformInstance platform)
    {
        var texts = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(platform.DataDirectory, "logs")))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            texts.Add(await reader.ReadToEndAsync());
        }

        return string.Concat(texts);
    }

    /// <summary>A stand-in OTLP/HTTP collector on loopback: it records each POST's path and size and answers 200.</summary>
    private sealed class OtlpCollector : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private OtlpCollector(WebApplication app) => _app = app;

        public Channel<(string Path, long Bytes)> Posts { get; } = Channel.CreateUnbounded<(string, long)>();

        public Uri BaseAddress { get; private set; } = null!;

        public static async Task<OtlpCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var collector = new OtlpCollector(app);
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector.Posts.Writer.TryWrite((context.Request.Path.Value!, body.Length));
                context.Response.ContentType = "application/x-protobuf";
                return Results.Ok();
            });
            await app.StartAsync();
            collector.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            return collector;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
