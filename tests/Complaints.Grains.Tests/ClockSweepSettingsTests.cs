using Microsoft.Extensions.Configuration;

namespace Complaints.Grains.Tests;

/// <summary>The sweep is the safety net under the reminders: a host configured without appsettings.json keeps it.</summary>
public sealed class ClockSweepSettingsTests
{
    [Fact]
    public void Without_settings_the_sweep_runs_every_30_seconds_for_cases_5_seconds_late()
    {
        var (interval, grace) = ClockSweep.From(new ConfigurationBuilder().Build());

        interval.ShouldBe(TimeSpan.FromSeconds(30));
        grace.ShouldBe(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Settings_override_the_defaults_and_zero_turns_the_periodic_sweep_off()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Clocks:SweepInterval"] = "00:00:00", ["Clocks:SweepGrace"] = "00:00:02" })
            .Build();

        ClockSweep.From(configuration).ShouldBe((TimeSpan.Zero, TimeSpan.FromSeconds(2)));
    }
}
