using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Example;

/// <summary>
/// A channel that takes messages as JSON and keeps the replies it is given in memory, so a reader (or a test) can see
/// both directions of a channel with nothing else running. Enable it per tenant with <c>Tenants:{t}:Channels:example:Enabled=true</c>.
/// </summary>
public sealed class ExamplePlugin : IChannelPlugin
{
    public string Id => "example";

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ExampleReplies>();
        services.AddSingleton<IChannelReplySender>(sp => sp.GetRequiredService<ExampleReplies>());
    }

    public void MapEndpoints(IEndpointRouteBuilder channel)
    {
        channel.MapPost("/{tenant}/messages", async (string tenant, ExampleMessage message, IChannelIntake intake, IConfiguration configuration, CancellationToken cancellationToken) =>
        {
            if (ChannelSettings.For(configuration, tenant, "example") is null)
            {
                return Results.NotFound();
            }

            if (string.IsNullOrWhiteSpace(message.Id) || string.IsNullOrWhiteSpace(message.Text))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { [string.IsNullOrWhiteSpace(message.Id) ? "id" : "text"] = ["Required."] });
            }

            var receipt = await intake.SubmitAsync(
                new IntakeSubmission { Tenant = tenant, Channel = "example", ExternalId = message.Id, Kind = "complaint", Content = message.Text, ReplyTo = message.From },
                cancellationToken);
            return receipt.Status switch
            {
                IntakeStatus.Created => Results.Created($"/channels/example/{tenant}/messages/{message.Id}", receipt),
                IntakeStatus.Existing => Results.Ok(receipt),
                _ => Results.ValidationProblem(new Dictionary<string, string[]> { [receipt.Field ?? "body"] = [receipt.Problem ?? "Refused."] }),
            };
        });

        channel.MapGet("/{tenant}/replies", (string tenant, ExampleReplies replies) => replies.Of(tenant));
    }
}

public sealed record ExampleMessage(string? Id, string? Text, string? From);

/// <summary>The replies the host sent through this channel (a real channel would call its far side here).</summary>
public sealed class ExampleReplies : IChannelReplySender
{
    private readonly ConcurrentQueue<ChannelReply> _sent = new();

    public string ChannelId => "example";

    public Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default)
    {
        if (reply.ReplyTo is null)
        {
            return Task.FromResult(ReplyOutcome.Skipped);
        }

        _sent.Enqueue(reply);
        return Task.FromResult(ReplyOutcome.Sent);
    }

    public IReadOnlyList<ChannelReply> Of(string tenant) => [.. _sent.Where(r => r.Tenant == tenant)];
}
