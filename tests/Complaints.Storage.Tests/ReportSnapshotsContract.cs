namespace Complaints.Storage.Tests;

/// <summary>The scheduled report snapshots (<see cref="IReportSnapshots"/>), the same on every database.</summary>
public abstract partial class CaseStoreContract
{
    private static readonly DateTimeOffset Produced = new(2026, 11, 30, 8, 30, 0, TimeSpan.FromHours(8));

    /// <summary>A snapshot of <paramref name="kind"/> for the period from <paramref name="from"/>; its id is made as the schedule makes it.</summary>
    protected static ReportSnapshot Snapshot(string tenant, string kind, DateOnly from, DateOnly to, string content, params byte[] workbook) =>
        new(tenant, $"{kind}-{from:yyyy-MM-dd}", kind, from, to, Produced, content, workbook);

    private static Notification ReportNotice(string tenant, string id) =>
        new($"report:{tenant}:{id}", tenant, "role:supervisor", "", "report-produced", null, null, Produced, "report.produced")
        {
            Text = new TextRef("report.produced", [id]),
        };

    [Fact]
    public async Task A_snapshot_reads_back_as_produced_byte_for_byte_and_is_listed_newest_period_first()
    {
        var day = Snapshot(TenantA, "daily", new(2026, 11, 29), new(2026, 11, 29), """{"kind":"daily","sections":{"overdue":{"items":2,"名称":"逾期"}}}""", 0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF);
        var month = Snapshot(TenantA, "monthly", new(2026, 10, 1), new(2026, 10, 31), """{"kind":"monthly"}""", 0x50, 0x4B);
        var earlier = Snapshot(TenantA, "daily", new(2026, 11, 28), new(2026, 11, 28), "{}", 1);
        var other = Snapshot(TenantB, "daily", new(2026, 11, 29), new(2026, 11, 29), """{"tenant":"b"}""", 2);
        foreach (var snapshot in new[] { earlier, day, month, other })
        {
            (await Store.ReportSnapshots.AddSnapshotAsync(snapshot, [], Cancellation)).ShouldBeTrue();
        }

        await ReopenAsync();

        (await Store.ReportSnapshots.SnapshotContentAsync(TenantA, day.Id, Cancellation)).ShouldBe(day.Content);
        (await Store.ReportSnapshots.SnapshotWorkbookAsync(TenantA, day.Id, Cancellation)).ShouldBe(day.Workbook);
        (await Store.ReportSnapshots.SnapshotContentAsync(TenantB, day.Id, Cancellation)).ShouldBe(other.Content);
        (await Store.ReportSnapshots.SnapshotContentAsync(TenantA, "daily-2026-01-01", Cancellation)).ShouldBeNull();
        (await Store.ReportSnapshots.SnapshotWorkbookAsync(TenantA, "daily-2026-01-01", Cancellation)).ShouldBeNull();
        (await Store.ReportSnapshots.SnapshotsAsync(TenantA, null, Cancellation)).ShouldBe([day.Entry, earlier.Entry, month.Entry]);
        (await Store.ReportSnapshots.SnapshotsAsync(TenantA, "daily", Cancellation)).ShouldBe([day.Entry, earlier.Entry]);
        (await Store.ReportSnapshots.SnapshotsAsync(TenantA, "quarterly", Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_period_is_produced_once_the_second_writes_nothing_and_tells_no_one()
    {
        var first = Snapshot(TenantA, "daily", new(2026, 11, 29), new(2026, 11, 29), """{"first":true}""", 1, 2, 3);
        var second = first with { Content = """{"first":false}""", Workbook = [9], ProducedAt = Produced.AddMinutes(1) };

        (await Store.ReportSnapshots.AddSnapshotAsync(first, [ReportNotice(TenantA, first.Id)], Cancellation)).ShouldBeTrue();
        (await Store.ReportSnapshots.AddSnapshotAsync(second with { Id = "another-id" }, [ReportNotice(TenantA, "another-id")], Cancellation)).ShouldBeFalse();
        (await Store.ReportSnapshots.AddSnapshotAsync(second, [ReportNotice(TenantA, "again")], Cancellation)).ShouldBeFalse();

        (await Store.ReportSnapshots.SnapshotContentAsync(TenantA, first.Id, Cancellation)).ShouldBe(first.Content);
        (await Store.ReportSnapshots.SnapshotWorkbookAsync(TenantA, first.Id, Cancellation)).ShouldBe(first.Workbook);
        (await Store.ReportSnapshots.SnapshotsAsync(TenantA, null, Cancellation)).ShouldBe([first.Entry]);
        var told = await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["role:supervisor"]), Cancellation);
        told.Items.Select(n => n.Id).ShouldBe([$"report:{TenantA}:{first.Id}"]);
        told.Items[0].Number.ShouldBe("");
        told.Items[0].Text.ShouldBe(new TextRef("report.produced", [first.Id]));
    }

    [Fact]
    public async Task A_schedule_keeps_the_time_it_first_started_across_restarts()
    {
        (await Store.ReportSnapshots.ScheduleStartedAsync(TenantA, T0, Cancellation)).ShouldBe(T0);
        (await Store.ReportSnapshots.ScheduleStartedAsync(TenantA, T0.AddDays(3), Cancellation)).ShouldBe(T0);
        await ReopenAsync();
        (await Store.ReportSnapshots.ScheduleStartedAsync(TenantA, T0.AddDays(5), Cancellation)).ShouldBe(T0);
        (await Store.ReportSnapshots.ScheduleStartedAsync(TenantB, T0.AddDays(5), Cancellation)).ShouldBe(T0.AddDays(5));
    }
}
