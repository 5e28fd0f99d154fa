using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Channels.Website;

/// <summary>The <c>website</c> channel: the public complaint form and the five-star rating page.</summary>
public sealed class WebsitePlugin : IChannelPlugin
{
    public const string ChannelId = "website";

    public string Id => ChannelId;

    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new ClientRateLimiter(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IChannelReplySender, NoReplySender>();

        // Made now, not on first use: a malformed configured RatingKey stops the start instead of a rating.
        services.AddSingleton(new RatingTokens(configuration));
    }

    public void MapEndpoints(IEndpointRouteBuilder channel) => WebsiteEndpoints.Map(channel);

    /// <summary>A web form leaves no address to answer to: every reply is skipped (the customer is called back by phone).</summary>
    private sealed class NoReplySender : IChannelReplySender
    {
        public string ChannelId => WebsitePlugin.ChannelId;

        public Task<ReplyOutcome> SendAsync(ChannelReply reply, CancellationToken cancellationToken = default) => Task.FromResult(ReplyOutcome.Skipped);
    }
}
