using Complaints.Storage;
using Complaints.Texts;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;
using Serilog.Sinks.File;

namespace Complaints.Host;

internal static class PlatformLogging
{
    /// <summary>For what happens before the host is built (loading plugins): to the console.</summary>
    public static Microsoft.Extensions.Logging.ILogger Bootstrap { get; } =
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true)).CreateLogger("Complaints.Channels");

    /// <summary>Structured logs to the console and a daily rolling file under the data directory.</summary>
    public static void AddPlatformLogging(this WebApplicationBuilder builder)
    {
        var logs = Path.Combine(PrivateFiles.Directory(Path.Combine(builder.Configuration.DataDirectory(), "logs")), "platform-.log");
        foreach (var old in Directory.EnumerateFiles(Path.GetDirectoryName(logs)!))
        {
            PrivateFiles.Tighten(old);
        }

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Sink(new PhoneMaskingSink(new LoggerConfiguration()
                .MinimumLevel.Verbose()
                .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
                .WriteTo.File(logs, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, formatProvider: System.Globalization.CultureInfo.InvariantCulture, hooks: new PrivateLogFiles())
                .CreateLogger())),
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
/// Phone numbers are personal data (PIPL): every sink the host writes to sees an event whose properties, message
/// template text and exception (message and stack text) have their phones masked by <see cref="PhoneMask"/>, in every
/// form it recognises (+86 138 1234 5678 → 138****5678). A wrapper around the sinks rather than an enricher: an
/// enricher can change properties only, and a phone can be in the template itself (an interpolated message) or in an
/// exception's message.
/// </summary>
internal sealed class PhoneMaskingSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent) => inner.Emit(Masked(logEvent));

    public void Dispose() => (inner as IDisposable)?.Dispose();

    public static LogEvent Masked(LogEvent e)
    {
        var template = PhoneMask.HasPhone(e.MessageTemplate.Text) ? Templates.Parse(PhoneMask.InText(e.MessageTemplate.Text)) : e.MessageTemplate;
        var exception = e.Exception is { } x && PhoneMask.HasPhone(x.ToString()) ? new MaskedException(x) : e.Exception;
        var properties = e.Properties.Select(p => new LogEventProperty(p.Key, Mask(p.Value) ?? p.Value));
        return new LogEvent(e.Timestamp, e.Level, exception, template, properties, e.TraceId ?? default, e.SpanId ?? default);
    }

    private static readonly MessageTemplateParser Templates = new();

    private static LogEventPropertyValue? Mask(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } when PhoneMask.HasPhone(s) => new ScalarValue(PhoneMask.InText(s)),
        SequenceValue seq when seq.Elements.Any(e => Mask(e) is not null) => new SequenceValue(seq.Elements.Select(e => Mask(e) ?? e)),
        StructureValue st when st.Properties.Any(p => Mask(p.Value) is not null) =>
            new StructureValue(st.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value) ?? p.Value)), st.TypeTag),
        DictionaryValue d when d.Elements.Any(p => Mask(p.Value) is not null) =>
            new DictionaryValue(d.Elements.Select(p => KeyValuePair.Create(p.Key, Mask(p.Value) ?? p.Value))),
        _ => null,
    };

    /// <summary>An exception as the sinks print it (type, message, stack), with its phones masked.</summary>
    private sealed class MaskedException(Exception original) : Exception(PhoneMask.InText(original.Message))
    {
        private readonly string _text = PhoneMask.InText(original.ToString());

        public override string? StackTrace => null;

        public override string ToString() => _text;
    }
}

/// <summary>Each log file 0600 as the sink opens it (the sink creates the files itself, one a day).</summary>
internal sealed class PrivateLogFiles : FileLifecycleHooks
{
    public override Stream OnFileOpened(string path, Stream underlyingStream, System.Text.Encoding encoding)
    {
        PrivateFiles.Tighten(path);
        return underlyingStream;
    }
}
