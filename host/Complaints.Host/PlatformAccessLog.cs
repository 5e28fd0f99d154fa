using System.Diagnostics.Metrics;

namespace Complaints.Host;

/// <summary>
/// Every refused request (401, 403) as one warning line — method, route template, status, the user (or "anonymous")
/// and the remote address; never the token, the query or the body — and counted in
/// <c>complaints.http.refused</c> (by status), so a burst of refusals (a guessed or stolen token, a probe of other
/// tenants) shows in the logs and on a dashboard.
/// </summary>
internal static partial class PlatformAccessLog
{
    public const string MeterName = "Complaints.Host";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(
        "complaints.http.refused", "{request}", "Requests answered 401 (no valid token) or 403 (not allowed).");

    public static void UsePlatformAccessLog(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Complaints.Host.AccessLog");
        app.Use(async (context, next) =>
        {
            await next(context);
            var status = context.Response.StatusCode;
            if (status is not (StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden))
            {
                return;
            }

            Refused.Add(1, new KeyValuePair<string, object?>("http.response.status_code", status));
            RefusedRequest(
                logger,
                context.Request.Method,
                (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template ? "/" + template.Trim('/') : "(no route)",
                status,
                context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "anonymous",
                context.Connection.RemoteIpAddress?.ToString() ?? "(none)");
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {RequestMethod} {RouteTemplate} with {StatusCode} for {UserId} from {RemoteIp}")]
    private static partial void RefusedRequest(ILogger logger, string requestMethod, string routeTemplate, int statusCode, string userId, string remoteIp);
}
