using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Complaints.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChannelName;

/// <summary>
/// The my-channel channel: takes messages as JSON on <c>POST /channels/my-channel/{tenant}/messages</c> and keeps the
/// replies the host sends in memory (<c>GET /channels/my-channel/{tenant}/replies</c>). Replace both with your
/// source: a mailbox to poll, a webhook to receive, a platform to report to. Enable it per tenant with
/// <c>Tenants:{tenant}:Channels:my-channel:Enabled=true</c>.
/// </summary>
public sealed class ChannelPlugin : IChannelPlugin
{
    public const string ChannelId = "my-channel";

    public string Id => ChannelId;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ChannelReplies>();
        services.AddSingleton<IChannelReplySender>(sp => sp.GetRequiredService<ChannelReplies>());
    }

    public void MapEndpoints(IEndpointRouteBuilder channel)
    {
        channel.MapPost("/{tenant}/messages", async (string tenant, ChannelMessage message, IChannelIntake intake, IConfiguration configuration, CancellationToken cancellationToken) =>
        {
            if (ChannelSettings.For(configuration, tenant, ChannelId) is null)
            {
                return Results.NotFound();
            }

            if (string.IsNullOrWhiteSpace(message.Id) || string.IsNullOrWhiteSpace(message.Text))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [string.IsNullOrWhiteSpace(message.Id) ? "id" : "text"] = ["Required."] });
            }

            // The host refuses what is beyond its limits: say so here, where the sender can still be told why.
            if (message.Text.Length > IntakeLimits.ContentMaxLength)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"At most {IntakeLimits.ContentMaxLength} characters."] });
            }

            var receipt = await intake.SubmitAsync(
                new IntakeSubmission
                {
                    Tenant = tenant,
                    Channel = ChannelId,
                    ExternalId = ExternalIdOf(message.Id),
                    Kind = "complaint",
                    Content = message.Text,
                    ReplyTo = message.From,
                },
                cancellationToken);
            return receipt.Status switch
            {
                IntakeStatus.Created => Results.Created($"/channels/{ChannelId}/{tenant}/messages/{Uri.EscapeDataString(message.Id)}", receipt),
                IntakeStatus.Existing => Results.Ok(receipt),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { [receipt.Field ?? "body"] = [receipt.Problem ?? "Refused."] }),
            };
        });

        channel.MapGet("/{tenant}/replies", (string tenant, ChannelReplies replies) => replies.Of(tenant));
    }

    /// <summary>
    /// The item's id at its source, the intake's idempotency key: kept as it is when short enough, otherwise its
    /// SHA-256 (the same long id always gives the same key, so a retry still finds its case).
    /// </summary>
    public static string ExternalIdOf(string id) =>
        id.Length <= IntakeLimits.ExternalIdMaxLength ? id : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));
}

/// <summary>A message as the source sends it.</summary>
public sealed record ChannelMessage(string? Id, string? Text, string? From);

/// <summary>The replies the host sent through this channel; a real channel calls its far side here.</summary>
public sealed class ChannelReplies : IChannelReplySender
{
    private readonly ConcurrentQueue<ChannelReply> _sent = new();

    public string ChannelId => ChannelPlugin.ChannelId;

    public Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default)
    {
        // Sent when delivered; RetryLater only when it certainly did not go out; Failed when it may have.
        if (reply.ReplyTo is null)
        {
            return Task.FromResult(ReplyOutcome.Skipped);
        }

        _sent.Enqueue(reply);
        return Task.FromResult(ReplyOutcome.Sent);
    }

    public IReadOnlyList<ChannelReply> Of(string tenant) => [.. _sent.Where(r => r.Tenant == tenant)];
}
