using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Channels.Gov12345;

/// <summary>The configured platforms, their clients, and the one path from a platform's order to intake.</summary>
internal sealed partial class Gov12345Platforms(
    IReadOnlyDictionary<string, Gov12345Settings> tenants, IServiceProvider services, IServiceScopeFactory scopes, ILogger<Gov12345Platforms> logger)
{
    public IReadOnlyDictionary<string, Gov12345Settings> All => tenants;

    public Gov12345Settings? Find(string tenant) => tenants.GetValueOrDefault(tenant);

    public IGov12345Api Api(Gov12345Settings settings) => services.GetRequiredKeyedService<IGov12345Api>(KeyOf(settings));

    public static string KeyOf(Gov12345Settings settings) => $"{Gov12345Plugin.ChannelId}:{settings.Tenant}";

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

    /// <summary>Registers one order (idempotent on its number); returns the receipt, or a refusal for a malformed order.</summary>
    public async Task<(string? Number, IntakeReceipt Receipt)> SubmitAsync(Gov12345Settings settings, JsonObject order, CancellationToken cancellationToken)
    {
        var (submission, problem) = Gov12345OrderMapper.Map(settings, order);
        if (submission is null)
        {
            LogUnmappable(settings.Tenant, problem!);
            return (Gov12345OrderMapper.Text(order, settings.Field("Number")), new IntakeReceipt(IntakeStatus.Refused, null, problem));
        }

        await using var scope = scopes.CreateAsyncScope();
        var receipt = await scope.ServiceProvider.GetRequiredService<IChannelIntake>().SubmitAsync(submission, cancellationToken).ConfigureAwait(false);
        LogSubmitted(settings.Tenant, submission.ExternalId, receipt.Status, receipt.Number);
        return (submission.ExternalId, receipt);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "12345 order for tenant {Tenant} cannot be registered: {Problem}")]
    private partial void LogUnmappable(string tenant, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "12345 order {Order} of tenant {Tenant}: {Status} {Number}")]
    private partial void LogSubmitted(string tenant, string order, IntakeStatus status, string? number);
}
