using System.Text.RegularExpressions;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Complaints.Host;

internal static class PlatformLogging
{
    /// <summary>For what happens before the host is built (loading plugins): to the console.</summary>
    public static Microsoft.Extensions.Logging.ILogger Bootstrap { get; } =
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)).CreateLogger("Complaints.Channels");

    /// <summary>Structured logs to the console and a daily rolling file under the data directory.</summary>
    public static void AddPlatformLogging(this WebApplicationBuilder builder)
    {
        var logs = Path.Combine(builder.Configuration.DataDirectory(), "logs", "platform-.log");
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .Enrich.With<PhoneMaskingEnricher>()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(logs, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, formatProvider: System.Globalization.CultureInfo.InvariantCulture),
            // Each host keeps its own logger: the static Log.Logger would mix hosts that share a process.
            preserveStaticLogger: true);
    }

    /// <summary>
    /// One line per request once it is answered, 401 and 403 included: method, route template (never the raw path,
    /// which carries case numbers and whatever a caller typed), status, duration and the caller's user id. Never a
    /// body, a query string or a header. Health checks and scrapes are logged only at Debug: they come every few seconds.
    /// </summary>
    public static void UsePlatformRequestLog(this WebApplication app) => app.UseSerilogRequestLogging(options =>
    {
        // The host's own logger: the middleware's default is the static Log.Logger, which this host leaves silent.
        options.Logger = app.Services.GetRequiredService<Serilog.ILogger>()
            .ForContext(Constants.SourceContextPropertyName, "Serilog.AspNetCore.RequestLoggingMiddleware");
        options.MessageTemplate = "HTTP {RequestMethod} {RouteTemplate} responded {StatusCode} in {Elapsed:0.0} ms for {UserId}";
        options.GetLevel = (context, _, exception) =>
            exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError ? LogEventLevel.Error
            : PlatformTelemetry.IsProbe(context.Request.Path) ? LogEventLevel.Debug
            : LogEventLevel.Information;
        options.EnrichDiagnosticContext = (diagnostics, context) =>
        {
            diagnostics.Set("RouteTemplate", (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template
                ? "/" + template.Trim('/')
                : "(no route)");
            diagnostics.Set("UserId", context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous");
        };
    });
}

/// <summary>
/// Phone numbers are personal data (PIPL): whatever a log event carries, a phone-like number in any
/// property is masked (138****5678) before any sink sees it.
/// </summary>
internal sealed partial class PhoneMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (Mask(value) is { } masked)
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
            }
        }
    }

    public static string MaskText(string text) => Phone().Replace(text, m => string.Concat(m.Value.AsSpan(0, 3), "****", m.Value.AsSpan(m.Length - 4)));

    private static LogEventPropertyValue? Mask(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } when Phone().IsMatch(s) => new ScalarValue(MaskText(s)),
        SequenceValue seq when seq.Elements.Any(e => Mask(e) is not null) => new SequenceValue(seq.Elements.Select(e => Mask(e) ?? e)),
        StructureValue st when st.Properties.Any(p => Mask(p.Value) is not null) =>
            new StructureValue(st.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value) ?? p.Value)), st.TypeTag),
        _ => null,
    };

    /// <summary>Mainland mobiles (1 + 10 digits) and landlines with an area code (0 + 9 to 11 digits, dash optional).</summary>
    [GeneratedRegex(@"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")]
    private static partial Regex Phone();
}
