using Complaints.Sla;
using Complaints.Storage;
using Complaints.Tenants;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Reminders;

namespace Complaints.Reports;

/// <summary>What one run of a tenant's schedule did: the snapshots it produced, and those that failed (tried again at the next tick).</summary>
[GenerateSerializer, Alias("report-schedule-run")]
public sealed record ReportScheduleRun([property: Id(0)] IReadOnlyList<string> Produced, [property: Id(1)] IReadOnlyList<string> Failed);

/// <summary>A tenant's report schedule (key: the tenant id): produces the snapshots that are due, once each.</summary>
[Alias("report-schedule")]
public interface IReportScheduleGrain : IGrainWithStringKey
{
    /// <summary>Makes sure the schedule runs (its reminder is registered on activation) and runs it now.</summary>
    [Alias("start")]
    Task<ReportScheduleRun> StartAsync();

    /// <summary>
    /// Produces what is due at <paramref name="now"/> (<see cref="ReportSchedule.Due"/>). The reminder passes its clock's
    /// time; a test passes the instant it needs instead of waiting for it.
    /// </summary>
    [Alias("run")]
    Task<ReportScheduleRun> RunAsync(DateTimeOffset now);
}

/// <summary>
/// One per tenant, with one reminder (<c>reports</c>, every minute, Orleans' shortest period): each tick asks the pure
/// <see cref="ReportSchedule.Due"/> what is due and produces it (<see cref="ReportSnapshotProducer"/>), keeping each
/// snapshot with its supervisors' notification in one write. The reminder lives as long as the tenant: registered at
/// every activation, which <see cref="ReportScheduleStart"/> causes at every host start. The store refuses a second
/// snapshot of a period, so a second activation (a host thought dead) or a restart never produces a period twice.
/// </summary>
public sealed class ReportScheduleGrain(
    TenantDirectory tenants,
    WorkingDayCalendar calendar,
    IReportSnapshots snapshots,
    ReportSnapshotProducer producer,
    [FromKeyedServices(ReminderTimeProviderNames.Reminders)] TimeProvider time,
    ILogger<ReportScheduleGrain> logger) : Grain, IReportScheduleGrain, IRemindable
{
    private const string Reminder = "reports";
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    private readonly HashSet<string> _produced = new(StringComparer.Ordinal);
    private TenantReportSchedule _schedule = null!;

    private string TenantId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var tenant = tenants.Find(TenantId) ?? throw new InvalidOperationException($"No tenant '{TenantId}' has a report schedule.");
        var started = await snapshots.ScheduleStartedAsync(TenantId, time.GetUtcNow(), cancellationToken);
        _schedule = new TenantReportSchedule(TenantReportSchedule.DailyAtOf(tenant), ChinaTime.DateOf(started));
        _produced.UnionWith((await snapshots.SnapshotsAsync(TenantId, null, cancellationToken)).Select(s => s.Id));
        await this.RegisterOrUpdateReminder(Reminder, Period, Period);
    }

    public Task<ReportScheduleRun> StartAsync() => RunAsync(time.GetUtcNow());

    public Task ReceiveReminder(string reminderName, TickStatus status) => RunAsync(time.GetUtcNow());

    public async Task<ReportScheduleRun> RunAsync(DateTimeOffset now)
    {
        List<string> produced = [];
        List<string> failed = [];
        foreach (var period in ReportSchedule.Due(now, _schedule, calendar, _produced))
        {
            try
            {
                var at = time.GetUtcNow();
                var snapshot = await producer.ProduceAsync(TenantId, period, at);
                if (await snapshots.AddSnapshotAsync(snapshot, ReportSnapshotProducer.Notices(TenantId, period, at)))
                {
                    produced.Add(period.Id);
                }

                // Kept now, by this run or an earlier one elsewhere: either way it is never produced again.
                _produced.Add(period.Id);
            }
            catch (Exception exception)
            {
                // One failing report (a section, the store briefly away) holds up no other; the next tick tries it again.
                logger.LogError(exception, "The {Snapshot} report of tenant {Tenant} could not be produced; trying again at the next tick", period.Id, TenantId);
                failed.Add(period.Id);
            }
        }

        return new ReportScheduleRun(produced, failed);
    }
}
