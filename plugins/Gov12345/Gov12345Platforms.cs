using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Channels.Gov12345;

/// <summary>The configured platforms, their clients, and the one path from a platform's order to intake.</summary>
internal sealed partial class Gov12345Platforms(
    IReadOnlyDictionary<string, Gov12345Settings> tenants,
    IReadOnlyDictionary<string, string> clientNames,
    IServiceProvider services,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<Gov12345Platforms> logger)
{
    /// <summary>Pulled orders left for a later poll because a file was not served, since when (tenant, order number).</summary>
    private readonly ConcurrentDictionary<(string Tenant, string Order), DateTimeOffset> _waiting = new();

    public IReadOnlyDictionary<string, Gov12345Settings> All => tenants;

    public Gov12345Settings? Find(string tenant) => tenants.GetValueOrDefault(tenant);

    public IGov12345Api Api(Gov12345Settings settings) => services.GetRequiredKeyedService<IGov12345Api>(KeyOf(settings));

    public static string KeyOf(Gov12345Settings settings) => $"{Gov12345Plugin.ChannelId}:{settings.Tenant}";

    /// <summary>The platform's own HTTP client (its address, its authentication, no redirects) behind the generated API.</summary>
    public HttpClient Client(Gov12345Settings settings) =>
        services.GetRequiredService<IHttpClientFactory>().CreateClient(clientNames[KeyOf(settings)]);

    /// <summary>The orders of a list answer or a push: an envelope's items, a bare array, or one order.</summary>
    public static IReadOnlyList<JsonObject> Orders(Gov12345Settings settings, JsonNode? body) => body switch
    {
        JsonArray array => [.. array.OfType<JsonObject>()],
        JsonObject envelope when envelope[settings.ItemsField] is JsonArray items => [.. items.OfType<JsonObject>()],
        JsonObject envelope when envelope[settings.ItemsField] is JsonObject one => [one],
        JsonObject order => [order],
        _ => [],
    };

    /// <summary>True when an answer's code (if any) is the platform's success code.</summary>
    public static bool Succeeded(Gov12345Settings settings, JsonObject answer) =>
        answer[settings.CodeField] is not JsonValue code || string.Equals(Gov12345OrderMapper.Text(answer, settings.CodeField), settings.SuccessCode, StringComparison.Ordinal);

    /// <summary>The success code as the platform writes it (a number when it is one).</summary>
    public static JsonValue SuccessValue(Gov12345Settings settings) =>
        int.TryParse(settings.SuccessCode, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? JsonValue.Create(code)
            : JsonValue.Create(settings.SuccessCode);

    /// <summary>
    /// Registers one order (idempotent on its number) with its files; returns the receipt, a refusal for a malformed
    /// order, or no receipt when <paramref name="mayWait"/> (a pulled order: the platform lists it again) and a file
    /// was not served for now, within <c>AttachmentRetryFor</c> of the first time: the order is then left unregistered
    /// and unacknowledged for the next poll. A file that cannot come (not on the platform, too large, too many, not
    /// served, refused by the host) is left out with a note on the case and a log line; so is one still not served
    /// after the wait, or at once for a pushed order (the platform is not counted on to push it again).
    /// </summary>
    public async Task<(string? Number, IntakeReceipt? Receipt)> SubmitAsync(Gov12345Settings settings, JsonObject order, bool mayWait, CancellationToken cancellationToken)
    {
        var (submission, problem) = Gov12345OrderMapper.Map(settings, order);
        if (submission is null)
        {
            LogUnmappable(settings.Tenant, problem!);
            return (Gov12345OrderMapper.Text(order, settings.Field("Number")), new IntakeReceipt(IntakeStatus.Refused, null, problem));
        }

        await using var scope = scopes.CreateAsyncScope();
        var intake = scope.ServiceProvider.GetRequiredService<IChannelIntake>();
        var named = Gov12345OrderFiles.Of(settings, order);
        var files = new List<(int Index, IntakeAttachment File)>();
        var left = new List<FileLeft>();
        if (named.Count > 0)
        {
            var client = settings.BaseUrl is null ? null : Client(settings);
            var fetched = client is null
                ? new FetchedFiles([], [.. named.Select(f => new FileLeft(f.Index, f.Name ?? $"attachment-{f.Index + 1}", FileProblem.Address, "no platform address configured"))])
                : await Gov12345OrderFiles.FetchAsync(client, settings, named, intake.AttachmentLimits(settings.Tenant), time, cancellationToken).ConfigureAwait(false);
            if (mayWait && fetched.Left.Any(l => l.Transient) && Waits(settings, submission.ExternalId))
            {
                return (submission.ExternalId, null);
            }

            files.AddRange(fetched.Files);
            left.AddRange(fetched.Left);
        }

        IntakeReceipt receipt;
        while (true)
        {
            receipt = await intake.SubmitAsync(submission with
            {
                Content = Gov12345OrderFiles.Noted(submission.Content, left),
                Attachments = [.. files.Select(f => f.File)],
            }, cancellationToken).ConfigureAwait(false);
            // The host refuses an item for one file (its sniffed type, its name …) and stores nothing: that file is
            // left out with the host's reason and the order submitted again, so a bad file never costs the complaint.
            if (receipt.Status == IntakeStatus.Refused && RefusedFile(receipt.Field) is { } refused && refused < files.Count)
            {
                left.Add(new FileLeft(files[refused].Index, files[refused].File.Name, FileProblem.Refused, receipt.Problem ?? ""));
                files.RemoveAt(refused);
                continue;
            }

            break;
        }

        if (receipt.Accepted)
        {
            _waiting.TryRemove((settings.Tenant, submission.ExternalId), out _);
        }

        if (receipt.Status == IntakeStatus.Created)
        {
            foreach (var file in left)
            {
                // The file's position and the reason only: a file's name may carry personal data (it is on the case).
                LogFileLeft(settings.Tenant, submission.ExternalId, file.Index + 1, file.Problem, file.Detail);
            }
        }

        LogSubmitted(settings.Tenant, submission.ExternalId, receipt.Status, receipt.Number);
        return (submission.ExternalId, receipt);
    }

    /// <summary>Whether a pulled order with a file not served for now waits for the next poll (and notes since when).</summary>
    private bool Waits(Gov12345Settings settings, string order)
    {
        var now = time.GetUtcNow();
        if (_waiting.TryAdd((settings.Tenant, order), now))
        {
            if (settings.AttachmentRetryFor > TimeSpan.Zero)
            {
                LogWaiting(settings.Tenant, order, settings.AttachmentRetryFor);
            }

            return settings.AttachmentRetryFor > TimeSpan.Zero;
        }

        return _waiting.TryGetValue((settings.Tenant, order), out var since) && now - since < settings.AttachmentRetryFor;
    }

    /// <summary>The index in <c>attachments[i]</c>, the host's name for a refused file; null for another field.</summary>
    private static int? RefusedFile(string? field) =>
        field is not null && field.StartsWith("attachments[", StringComparison.Ordinal) && field.EndsWith(']')
        && int.TryParse(field.AsSpan(12, field.Length - 13), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            ? index
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 order {Order} of tenant {Tenant}: a file was not served for now; the order waits for the next polls (at most {RetryFor})")]
    private partial void LogWaiting(string tenant, string order, TimeSpan retryFor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 order {Order} of tenant {Tenant} registered without its file {Position} ({Problem} {Detail}); noted on the case")]
    private partial void LogFileLeft(string tenant, string order, int position, FileProblem problem, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 order for tenant {Tenant} cannot be registered: {Problem}")]
    private partial void LogUnmappable(string tenant, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "12345 order {Order} of tenant {Tenant}: {Status} {Number}")]
    private partial void LogSubmitted(string tenant, string order, IntakeStatus status, string? number);
}
