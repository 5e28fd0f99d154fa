using Complaints.Reminders.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Grains.Tests;

/// <summary>
/// A case's one reminder row ("sla") over the real SQLite reminder table: removed when nothing is pending, with the
/// handle the case registered it with, and still removed when that handle went stale.
/// </summary>
public sealed class CaseReminderTests : IAsyncLifetime
{
    private static readonly ActorInfo Agent = new("agent@fangyang-water", "agent");

    private readonly RowReads _reads = new();
    private ComplaintCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ComplaintCluster.StartAsync((services, _) =>
        services.AddSingleton<IReminderTable>(sp => new CountingReminderTable(sp.GetRequiredService<SqliteReminderTable>(), _reads)));

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private SqliteReminderTable Table => _cluster.Silo().GetRequiredService<SqliteReminderTable>();

    [Fact]
    public async Task A_case_whose_clocks_all_stop_removes_its_reminder_without_reading_it_back()
    {
        var complaint = _cluster.Case("FYW-2026-910001");
        await complaint.Register(CaseGrainTests.Hotline("水表箱破损"), Agent);
        await ComplaintCluster.EventuallyAsync(async () => await Row(complaint) is not null);

        (await complaint.Act(new RejectRequest("非本公司供水范围"), Agent)).Kind.ShouldBe(OutcomeKind.Ok);

        await ComplaintCluster.EventuallyAsync(async () => await Row(complaint) is null);
        _reads.Of(complaint.GetGrainId()).ShouldBe(0);
    }

    [Fact]
    public async Task A_reminder_rewritten_since_the_case_registered_it_is_still_removed()
    {
        var complaint = _cluster.Case("FYW-2026-910002");
        await complaint.Register(CaseGrainTests.Hotline("水表箱破损"), Agent);
        await ComplaintCluster.EventuallyAsync(async () => await Row(complaint) is not null);

        // As if another activation (on another host, a moment ago) had armed it again: the row has a new tag.
        var row = (await Row(complaint))!;
        var rewritten = await Table.UpsertRow(new ReminderEntry { GrainId = row.GrainId, ReminderName = row.ReminderName, StartAt = row.StartAt, Period = row.Period });
        rewritten.ShouldNotBe(row.ETag);

        (await complaint.Act(new RejectRequest("非本公司供水范围"), Agent)).Kind.ShouldBe(OutcomeKind.Ok);

        await ComplaintCluster.EventuallyAsync(async () => await Row(complaint) is null);
    }

    private Task<ReminderEntry?> Row(ICaseGrain complaint) => Table.ReadRow(complaint.GetGrainId(), "sla");

    /// <summary>Single-row reads that reached the reminder table, per grain.</summary>
    private sealed class RowReads
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<GrainId, int> _reads = new();

        public void Add(GrainId grain) => _reads.AddOrUpdate(grain, 1, (_, n) => n + 1);

        public int Of(GrainId grain) => _reads.GetValueOrDefault(grain);
    }

    /// <summary>The silo's reminder table, counting the single-row reads it serves.</summary>
    private sealed class CountingReminderTable(IReminderTable table, RowReads reads) : IReminderTable
    {
        public Task StartAsync(CancellationToken cancellationToken = default) => table.StartAsync(cancellationToken);

        public Task<ReminderTableData> ReadRows(GrainId grainId) => table.ReadRows(grainId);

        public Task<ReminderTableData> ReadRows(uint begin, uint end) => table.ReadRows(begin, end);

        public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
        {
            reads.Add(grainId);
            return table.ReadRow(grainId, reminderName);
        }

        public Task<string?> UpsertRow(ReminderEntry entry) => table.UpsertRow(entry);

        public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => table.RemoveRow(grainId, reminderName, eTag);

        public Task TestOnlyClearTable() => table.TestOnlyClearTable();
    }
}
