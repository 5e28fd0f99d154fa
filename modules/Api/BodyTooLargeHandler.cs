using Complaints.Texts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Api;

/// <summary>
/// A body over its endpoint's limit (<see cref="BodyLimits"/>) read by any reader that does not answer it itself: 413
/// problem details in the reader's language, never a 500.
/// </summary>
internal sealed class BodyTooLargeHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Detail = new Text(TextKeys.Input.BodyTooLarge, BodyLimits.Of(httpContext) / 1024).In(ApiResults.Reader),
            },
        });
    }
}
