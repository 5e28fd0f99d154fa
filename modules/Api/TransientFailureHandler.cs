using Complaints.Texts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Complaints.Api;

/// <summary>
/// A case that lived on a host that has just died cannot be reached until the cluster declares that host dead
/// (seconds): Orleans rejects the call, or it times out. That is neither the caller's fault nor a bug, so the answer
/// is 503 with Retry-After, not 500. Nothing was acknowledged, and intake is idempotent on channel + external id,
/// so the retry is safe.
/// </summary>
internal sealed partial class TransientFailureHandler(IProblemDetailsService problems, ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not (OrleansMessageRejectionException or TimeoutException))
        {
            return false;
        }

        LogUnavailable(logger, exception.GetType().Name, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = new Text(TextKeys.Access.UnavailableTitle).In(ApiResults.Reader),
                Detail = new Text(TextKeys.Access.Unavailable, RetryAfterSeconds).In(ApiResults.Reader),
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "503 for {Path}: {ExceptionType} (a host is down or the call timed out)")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType, PathString path);
}
