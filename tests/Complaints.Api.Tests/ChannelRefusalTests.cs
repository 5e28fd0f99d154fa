using System.Collections.Concurrent;
using Complaints.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Complaints.Api.Tests;

/// <summary>The secrets check every plugin goes through, on the built plugins loaded from disk and as a pure rule.</summary>
public sealed class ChannelRefusalTests
{
    private static readonly HashSet<string> DemoValues = ["fangyang-demo-token", "fangyang-demo-push-key"];

    [Fact]
    public void The_warning_names_the_missing_or_demo_setting_and_never_the_secret()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Plugins:Directory"] = PlatformInstance.BuiltPlugins,
            ["Tenants:fangyang-water:Channels:wechat:Token"] = "fangyang-demo-token",
            ["Tenants:fuyang-gas:Channels:gov-12345:BaseUrl"] = "http://127.0.0.1:9",
            ["Tenants:fuyang-gas:Channels:gov-12345:PushKey"] = "fuyang-own-push-key",
        });
        var logger = new RecordingLogger();

        builder.AddChannels(logger, DemoValues);

        logger.Lines.ShouldContain(l => l.Contains("Tenants:fangyang-water:Channels:wechat:Token is a demo value", StringComparison.Ordinal));
        logger.Lines.ShouldContain(l => l.Contains("Tenants:fuyang-gas:Channels:gov-12345:AppKey is missing", StringComparison.Ordinal));
        logger.Lines.ShouldAllBe(l => !l.Contains("fangyang-demo-token", StringComparison.Ordinal) && !l.Contains("fuyang-own-push-key", StringComparison.Ordinal));
        builder.Configuration["Tenants:fangyang-water:Channels:wechat:Enabled"].ShouldBe("false");
        ChannelSettings.For(builder.Configuration, "fuyang-gas", "gov-12345").ShouldBeNull();
    }

    [Fact]
    public void A_secret_is_required_always_with_another_setting_or_unless_an_alternative_and_a_demo_value_only_outside_the_demo()
    {
        ChannelSecret[] secrets =
        [
            new("PushKey"),
            new("AppKey") { RequiredWhen = "BaseUrl", Unless = "Token" },
            new("Token") { Optional = true },
        ];
        IReadOnlyList<ChannelRefusal> Decide(Dictionary<string, string?> settings, bool demo = false) => ChannelRefusals.Decide(
            new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => "Tenants:t:Channels:c:" + s.Key, s => s.Value)).Build(),
            "c",
            secrets,
            DemoValues,
            demo);

        Decide(new() { ["PushKey"] = "own" }).ShouldBeEmpty();
        Decide(new() { ["PushKey"] = "  " }).Single().ShouldBe(new ChannelRefusal("c", "t", "PushKey", ChannelRefusal.Missing));
        Decide(new() { ["PushKey"] = "own", ["BaseUrl"] = "http://x" }).Single().Setting.ShouldBe("AppKey");
        Decide(new() { ["PushKey"] = "own", ["BaseUrl"] = "http://x", ["Token"] = "own-token" }).ShouldBeEmpty();
        Decide(new() { ["PushKey"] = "own", ["Token"] = "fangyang-demo-token" }).Single().ShouldBe(new ChannelRefusal("c", "t", "Token", ChannelRefusal.DemoValue));
        Decide(new() { ["PushKey"] = "fangyang-demo-push-key" }, demo: true).ShouldBeEmpty();
        Decide(new() { ["Enabled"] = "false", ["BaseUrl"] = "http://x" }).ShouldBeEmpty(); // a tenant that does not enable the channel is not checked
    }

    private sealed class RecordingLogger : ILogger
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public IReadOnlyCollection<string> Lines => _lines;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _lines.Enqueue(formatter(state, exception));
    }
}
