using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Complaints.Api.Tests;

/// <summary>One event of a Server-Sent Events stream (a comment line has only <see cref="Comment"/>).</summary>
public sealed record ServerSentEvent(string? Id, string? Type, string? Data, string? Comment = null)
{
    public JsonObject Json => JsonNode.Parse(Data!)!.AsObject();
}

/// <summary>A client of an SSE endpoint over real HTTP, reading the stream as a browser's EventSource would.</summary>
public sealed class ServerSentEventsClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private ServerSentEventsClient(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

    public HttpResponseMessage Response => _response;

    public static async Task<ServerSentEventsClient> OpenAsync(HttpClient client, string path, string? lastEventId = null, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return new ServerSentEventsClient(response, new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)));
    }

    /// <summary>The next event or comment; fails the test when none comes within <paramref name="timeout"/>.</summary>
    public async Task<ServerSentEvent> NextAsync(TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        string? id = null, type = null, data = null;
        while (true)
        {
            var line = await _reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (line.Length == 0)
            {
                if (data is not null)
                {
                    return new ServerSentEvent(id, type, data);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                return new ServerSentEvent(null, null, null, line[1..].Trim());
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "id": id = value; break;
                case "event": type = value; break;
                case "data": data = data is null ? value : data + "\n" + value; break;
            }
        }
    }

    /// <summary>The first notification event that <paramref name="match"/> accepts, skipping others and comments.</summary>
    public async Task<ServerSentEvent> NotificationAsync(Func<JsonObject, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = until - DateTime.UtcNow;
            left.ShouldBeGreaterThan(TimeSpan.Zero, "no such notification came in time");
            var next = await NextAsync(left);
            if (next.Type == "notification" && match(next.Json))
            {
                return next;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
