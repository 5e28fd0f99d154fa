using Complaints.Simulators.Gov12345;
using Complaints.Testing.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace Complaints.Channels.Gov12345.Tests;

/// <summary>
/// A 12345 platform that stops answering: one warning when it goes down, one when it answers again, the health entry
/// degraded in between, and no stack trace per poll (the simulator stopped, then started on the same port).
/// </summary>
public sealed class Gov12345QuietFailureTests
{
    private const string Tenant = "fangyang-water";

    [Fact]
    public async Task An_unreachable_platform_is_one_warning_down_one_up_and_degraded_health_in_between()
    {
        var simulator = await StartSimulatorAsync(0);
        var port = simulator.Address.Port;
        var logs = new RecordingLoggerProvider();
        await using var plugin = await LoopbackApp.StartPluginAsync(new Gov12345Plugin(), new Dictionary<string, string?>
        {
            [$"Tenants:{Tenant}:Channels:gov-12345:BaseUrl"] = simulator.Address.ToString(),
            [$"Tenants:{Tenant}:Channels:gov-12345:PollInterval"] = "00:00:00.100",
            [$"Tenants:{Tenant}:Channels:gov-12345:AppKey"] = "fy-key",
            [$"Tenants:{Tenant}:Channels:gov-12345:Secret"] = "fy-secret",
            [$"Tenants:{Tenant}:Channels:gov-12345:PushKey"] = "push-key",
            [$"Tenants:{Tenant}:Channels:gov-12345:RequestTimeout"] = "00:00:05",
        }, new RecordingIntake(), services =>
        {
            services.AddSingleton<ILoggerProvider>(logs);
            services.Configure<LoggerFilterOptions>(o => o.MinLevel = LogLevel.Debug);
        });
        var health = plugin.Services.GetRequiredService<HealthCheckService>();
        List<LogLine> PollerLines() => [.. logs.Lines.Where(l => l.Category.EndsWith(nameof(Gov12345Poller), StringComparison.Ordinal))];
        async Task<HealthReportEntry> EntryAsync() => (await health.CheckHealthAsync()).Entries["gov-12345"];

        (await EntryAsync()).Status.ShouldBe(HealthStatus.Healthy);

        await simulator.DisposeAsync();
        // Several failed polls after the first: each leaves a debug line, only the first a warning.
        var down = await LoopbackApp.EventuallyAsync(() => Task.FromResult(PollerLines()), l => l.Count(x => x.Level == LogLevel.Debug) >= 4);
        down.Count(x => x.Level == LogLevel.Debug).ShouldBeGreaterThanOrEqualTo(4);
        var warnings = down.Where(l => l.Level >= LogLevel.Warning).ToList();
        warnings.Count.ShouldBe(1);
        warnings[0].Message.ShouldContain($"tenant {Tenant} is unreachable");
        warnings[0].Exception.ShouldBeNull();
        var degraded = await EntryAsync();
        degraded.Status.ShouldBe(HealthStatus.Degraded);
        degraded.Description.ShouldNotBeNull().ShouldContain(Tenant);

        simulator = await StartSimulatorAsync(port);
        await using (simulator)
        {
            var up = await LoopbackApp.EventuallyAsync(() => Task.FromResult(PollerLines()), l => l.Count(x => x.Level >= LogLevel.Warning) >= 2);
            var changes = up.Where(l => l.Level >= LogLevel.Warning).ToList();
            changes.Count.ShouldBe(2);
            changes[1].Message.ShouldBe($"12345 platform of tenant {Tenant} answers again");
            changes.ShouldAllBe(l => l.Exception == null);
            (await EntryAsync()).Status.ShouldBe(HealthStatus.Healthy);
        }
    }

    private static Task<LoopbackApp> StartSimulatorAsync(int port) =>
        LoopbackApp.StartAsync(Gov12345Simulator.Build(["--urls", $"http://127.0.0.1:{port}", "--AppKey", "fy-key", "--Secret", "fy-secret", "--PushKey", "push-key"]));
}
