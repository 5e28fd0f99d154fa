using Complaints.Sla;
using Complaints.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Complaints.Grains;

/// <summary>
/// Brings the years an administrator loaded on any host into this host's calendar. The host that takes
/// <c>PUT /api/v1/calendar/years/{year}</c> stores the year and applies it at once; every host (that one too) re-reads
/// the stored years every <c>Calendar:RefreshInterval</c> (1 minute unless set; zero turns it off) and applies those
/// that changed. Reading the store, not a message between hosts, also reaches a host that was down or still starting
/// when the year was loaded, and needs nothing from Orleans: a year is published months before it starts.
/// </summary>
internal sealed class CalendarRefresh(
    ICalendarYears years,
    WorkingDayCalendar calendar,
    IConfiguration configuration,
    ILogger<CalendarRefresh> logger) : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The stored form of each year this refresh last applied, so an unchanged year is not parsed again. It starts
    /// empty: the first tick re-applies every stored year, so one saved while this host was starting is not missed.
    /// </summary>
    private readonly Dictionary<int, string> _applied = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Calendar:RefreshInterval", DefaultInterval);
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                Apply(years.Load());
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // The store may be briefly unreachable; the calendar in force stays, the next tick tries again.
                logger.LogWarning(exception, "The stored calendar years could not be read; trying again in {Interval}", interval);
            }
        }
    }

    private void Apply(IReadOnlyDictionary<int, string> stored)
    {
        foreach (var (year, json) in stored)
        {
            if (_applied.TryGetValue(year, out var applied) && applied == json)
            {
                continue;
            }

            calendar.LoadYear(year, StoredCalendarYear.Parse(json).Days);
            _applied[year] = json;
            logger.LogDebug("Calendar year {Year} as stored is in force on this host", year);
        }
    }
}
