using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Complaints.Channels;
using McMaster.NETCore.Plugins;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace ChannelName.Tests;

/// <summary>The built plugin, loaded from disk as the host loads it, takes a message and sends a reply.</summary>
public sealed class PluginLoadTests
{
    private const string Tenant = "fangyang-water";

    // The types the host shares with every plugin: the contract and the ASP.NET Core abstractions it speaks.
    private static readonly Type[] SharedTypes =
    [
        typeof(IChannelPlugin), typeof(IServiceCollection), typeof(IEndpointRouteBuilder), typeof(IConfiguration), typeof(ILogger), typeof(HttpContext),
    ];

    private static string PluginAssembly =>
        typeof(PluginLoadTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PluginAssembly").Value!;

    [Fact]
    public void The_plugin_does_not_ship_the_contract()
    {
        // The host's copy of the contract must be the one loaded; a copy beside the plugin would be ignored at best.
        var folder = Path.GetDirectoryName(PluginAssembly)!;
        Assert.False(File.Exists(Path.Combine(folder, "Complaints.Channels.Abstractions.dll")));
    }

    [Fact]
    public async Task The_built_plugin_loads_as_the_host_loads_it_and_registers_a_message()
    {
        var loader = PluginLoader.CreateFromAssemblyFile(PluginAssembly, SharedTypes, config => config.PreferSharedTypes = true);
        var entries = loader.LoadDefaultAssembly().GetExportedTypes()
            .Where(t => typeof(IChannelPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }).ToList();
        var plugin = (IChannelPlugin)Activator.CreateInstance(Assert.Single(entries))!;
        Assert.Equal("my-channel", plugin.Id);

        var intake = new RecordingIntake();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"Tenants:{Tenant}:Channels:{plugin.Id}:Enabled"] = "true" });
        builder.Services.AddSingleton<IChannelIntake>(intake);
        plugin.ConfigureServices(builder.Services, builder.Configuration);
        await using var app = builder.Build();
        plugin.MapEndpoints(app.MapGroup($"/channels/{plugin.Id}"));
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        using var http = new HttpClient { BaseAddress = address };

        var response = await http.PostAsJsonAsync($"/channels/{plugin.Id}/{Tenant}/messages", new { id = "m-1", text = "小区停水三天了", from = "user-1" }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var submitted = Assert.Single(intake.Submissions);
        Assert.Equal((Tenant, "my-channel", "m-1", "小区停水三天了"), (submitted.Tenant, submitted.Channel, submitted.ExternalId, submitted.Content));

        // The host's outbox calls the plugin's sender with each reply of a case from this channel.
        var sender = app.Services.GetServices<IChannelReplySender>().Single(s => s.ChannelId == plugin.Id);
        var reply = new ChannelReply("r-1", Tenant, "FYW-2026-000001", plugin.Id, "m-1", ReplyMoments.Accepted, "您好！您的投诉已登记（编号 FYW-2026-000001）", "user-1", new Dictionary<string, string>());
        Assert.Equal(ReplyOutcome.Sent, await sender.SendAsync(reply, TestContext.Current.CancellationToken));
        var replies = await http.GetFromJsonAsync<List<ChannelReply>>($"/channels/{plugin.Id}/{Tenant}/replies", TestContext.Current.CancellationToken);
        Assert.Equal("r-1", Assert.Single(replies!).Id);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The host's intake, reduced to remembering what it was given.</summary>
    private sealed class RecordingIntake : IChannelIntake
    {
        private readonly ConcurrentQueue<IntakeSubmission> _submissions = new();

        public IReadOnlyList<IntakeSubmission> Submissions => [.. _submissions];

        public Task<IntakeReceipt> SubmitAsync(IntakeSubmission submission, CancellationToken cancellationToken = default)
        {
            _submissions.Enqueue(submission);
            return Task.FromResult(new IntakeReceipt(IntakeStatus.Created, $"FYW-2026-{_submissions.Count:000000}"));
        }

        public Task<CaseSnapshot?> FindAsync(string tenant, string number, CancellationToken cancellationToken = default) => Task.FromResult<CaseSnapshot?>(null);

        public Task<int> ForgetReplyAddressAsync(string tenant, string channel, string address, CancellationToken cancellationToken = default) => Task.FromResult(0);

        public Task PublishNoticeAsync(string tenant, string audience, string text, string? number = null, CancellationToken cancellationToken = default) => Task.CompletedTask;
    }
}
