using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Complaints.Api;

/// <summary>
/// An .xlsx answer written straight into the response as it is produced (nothing buffered, so a 100,000-row ledger
/// streams). The file name may be Chinese: <c>Content-Disposition</c> carries it as RFC 6266 <c>filename*</c> with an
/// ASCII fallback.
/// </summary>
internal sealed class SpreadsheetResult(string fileName, Func<Stream, CancellationToken, Task> write) : IResult
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // The zip writer under SpreadCheetah ends each part with a small synchronous write (its sizes and checksum);
        // Kestrel refuses synchronous writes unless allowed, which cut every workbook off after its first part.
        if (httpContext.Features.Get<IHttpBodyControlFeature>() is { } body)
        {
            body.AllowSynchronousIO = true;
        }

        var response = httpContext.Response;
        response.ContentType = ContentType;
        response.Headers.ContentDisposition = Disposition(fileName);
        await write(response.Body, httpContext.RequestAborted);
    }

    public static string Disposition(string fileName)
    {
        var ascii = new StringBuilder();
        foreach (var c in fileName)
        {
            ascii.Append(c is >= ' ' and < (char)127 and not '"' and not '\\' ? c : '_');
        }

        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
