using System.Globalization;
using Complaints.Cases;
using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Complaints.Texts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Complaints.Grains;

/// <summary>
/// Watches that the calendar knows the years deadlines reach into (<see cref="CalendarCoverage.MissingYears"/>: the
/// current year, and from 1 November the next). While one is missing, <c>/health</c> says so and every tenant's
/// administrators get one notification a day. Every host runs this; the notification's id is made of the tenant and
/// the China date, and the store keeps the first of equal ids, so two hosts (or a restart) never send it twice a day.
/// </summary>
/// <remarks>
/// Checks at start and then every <c>Calendar:WatchInterval</c> (1 hour unless set; zero turns the notifications off).
/// <c>Calendar:Today</c> (a date, tests only) replaces the China date it takes as today; the clocks are not affected.
/// </remarks>
public sealed class CalendarWatch(
    WorkingDayCalendar calendar,
    TenantDirectory tenants,
    IClockRecords records,
    IConfiguration configuration,
    TimeProvider time,
    ILogger<CalendarWatch> logger) : BackgroundService
{
    /// <summary>The type of the administrators' notification.</summary>
    public const string NotificationType = "calendar-missing";

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromHours(1);

    /// <summary>The China date the watch takes as today.</summary>
    public DateOnly Today() =>
        configuration["Calendar:Today"] is { Length: > 0 } date
            ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture)
            : ChinaTime.Today(time);

    /// <summary>The years needed today that have no official schedule; empty when all is well.</summary>
    public IReadOnlyList<int> MissingYears() => CalendarCoverage.MissingYears(calendar, Today());

    /// <summary>The warning for <paramref name="year"/>, as <c>/health</c> and the notification word it.</summary>
    public static Text Warning(int year) => new(TextKeys.Calendar.YearMissing, year);

    /// <summary>
    /// Notifies every tenant's administrators, once for <paramref name="today"/>, of the years missing on that date.
    /// </summary>
    /// <returns>How many tenants were addressed (0 when nothing is missing); an already sent notification is not sent again.</returns>
    public async Task<int> NotifyAsync(DateOnly today, CancellationToken cancellationToken = default)
    {
        var missing = CalendarCoverage.MissingYears(calendar, today);
        if (missing.Count == 0)
        {
            return 0;
        }

        var count = 0;
        foreach (var tenant in tenants.All)
        {
            // One a day per missing year; rendered in each reader's language when listed.
            foreach (var year in missing)
            {
                var text = new TextRef(TextKeys.Calendar.YearMissing, [year.ToString(CultureInfo.InvariantCulture)]);
                var id = $"{NotificationType}:{tenant.Id}:{today:yyyy-MM-dd}:{year}";
                await records.AddNotificationAsync(
                    new Notification(id, tenant.Id, $"role:{Words.Of(Role.Admin)}", "", NotificationType, null, null, time.GetUtcNow(), text.Key) { Text = text },
                    cancellationToken);
            }

            count++;
        }

        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Calendar:WatchInterval", DefaultInterval);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await NotifyAsync(Today(), stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The store may be briefly unreachable; the next check tries again (the day's id keeps it once).
                logger.LogWarning(exception, "The administrators could not be told of a missing calendar year; trying again in {Interval}", interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
