using System.Text.Json;
using Complaints.Sla;
using Complaints.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Grains.Tests;

/// <summary>A year's official schedule loaded on one host of a cluster must govern the deadlines of every host.</summary>
public sealed class CalendarRefreshTests
{
    [Fact]
    public async Task A_year_loaded_on_one_host_comes_into_force_on_the_other_without_a_restart()
    {
        await using var cluster = await ComplaintCluster.StartAsync(
            (_, configuration) => configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Calendar:RefreshInterval"] = "00:00:00.100" }),
            silos: 2);
        var (first, second) = (cluster.Silo(0), cluster.Silo(1));
        var nationalDay = new DateOnly(2027, 10, 1);
        second.GetRequiredService<WorkingDayCalendar>().IsWorkday(nationalDay).ShouldBeTrue("2027 is not built in: weekdays only");

        // What PUT /api/v1/calendar/years/2027 does on the host that takes it: store the year, apply it there.
        ScheduleDay[] days = [new("国庆节", nationalDay, true), new("国庆节", nationalDay.AddDays(1), true), new("国庆节调休", new DateOnly(2027, 10, 9), false)];
        await first.GetRequiredService<ICalendarYears>().SaveAsync(2027, JsonSerializer.Serialize(days, PlatformCalendar.Json));
        first.GetRequiredService<WorkingDayCalendar>().LoadYear(2027, days);

        var calendar = second.GetRequiredService<WorkingDayCalendar>();
        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(calendar.IsOfficial(2027)));
        calendar.IsWorkday(nationalDay).ShouldBeFalse();
        calendar.IsWorkday(new DateOnly(2027, 10, 9)).ShouldBeTrue("a make-up Saturday");
        calendar.ShouldNotBeSameAs(first.GetRequiredService<WorkingDayCalendar>(), "each host has its own calendar");
    }
}
