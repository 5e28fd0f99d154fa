using Complaints.Texts;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Api;

/// <summary>
/// What the server refuses while a body is read by a reader that does not answer it itself (plugins, uploads): over
/// its endpoint's limit (<see cref="BodyLimits"/>) → 413, a broken chunked encoding, a body cut short → 400; problem
/// details in the reader's language, never a 500.
/// </summary>
internal sealed class BadHttpRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException { StatusCode: >= 400 and < 500 } bad || httpContext.Response.HasStarted)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = bad.StatusCode,
                Detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? new Text(TextKeys.Input.BodyTooLarge, BodyLimits.Of(httpContext) / 1024).In(ApiResults.Reader)
                    : new Text(TextKeys.Input.UnreadableBody).In(ApiResults.Reader),
            },
        });
    }
}
