using Orleans;
using Orleans.Runtime;

namespace Complaints.Reminders.Tests;

/// <summary>
/// The behaviours Orleans checks of every reminder table (its ReminderTableTestsBase: ReminderSimple,
/// RemindersRange, RemindersParallelUpsert), plus what both modes rely on: durability across closing and opening the
/// store, a closed store failing writes at once, and isolation by service id. Each store's tests derive from this.
/// </summary>
public abstract class ReminderTableContract : IAsyncLifetime
{
    private IReminderTable _table = null!;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await OpenStoreAsync();
        _table = await StartTableAsync("service-a");
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>Opens the store (a new one at first, the same one again after <see cref="CloseStoreAsync"/>).</summary>
    protected abstract Task OpenStoreAsync();

    /// <summary>Closes the store: its writer stops taking writes.</summary>
    protected abstract Task CloseStoreAsync();

    /// <summary>A started table over the open store for <paramref name="serviceId"/>, as Orleans' silo lifecycle would start it.</summary>
    protected abstract Task<IReminderTable> StartTableAsync(string serviceId);

    [Fact]
    public async Task Upserted_row_reads_back_exactly()
    {
        // Orleans' own test uses names and keys full of separators and escapes. Whole milliseconds: what both tables
        // keep (the case clocks arm their reminders to whole milliseconds).
        var reminder = NewReminder(NewGrainId(), "foo/bar\\#b_a_z?");
        reminder.StartAt = new DateTime(2026, 5, 13, 18, 55, 8, 862, DateTimeKind.Utc);
        reminder.Period = TimeSpan.FromDays(10).Add(TimeSpan.FromMilliseconds(7));

        var etag = await _table.UpsertRow(reminder, Cancellation);
        var read = await _table.ReadRow(reminder.GrainId, reminder.ReminderName, Cancellation);

        read.ShouldNotBeNull();
        read.GrainId.ShouldBe(reminder.GrainId);
        read.ReminderName.ShouldBe(reminder.ReminderName);
        read.StartAt.ShouldBe(reminder.StartAt);
        read.StartAt.Kind.ShouldBe(DateTimeKind.Utc);
        read.Period.ShouldBe(reminder.Period);
        read.ETag.ShouldNotBeNullOrEmpty();
        read.ETag.ShouldBe(etag);
    }

    [Fact]
    public async Task Unspecified_start_times_are_taken_as_utc_and_local_ones_converted()
    {
        var unspecified = NewReminder(NewGrainId(), "unspecified");
        unspecified.StartAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);
        var local = NewReminder(NewGrainId(), "local");
        local.StartAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local);

        await _table.UpsertRow(unspecified, Cancellation);
        await _table.UpsertRow(local, Cancellation);

        (await _table.ReadRow(unspecified.GrainId, "unspecified", Cancellation))!.StartAt
            .ShouldBe(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        (await _table.ReadRow(local.GrainId, "local", Cancellation))!.StartAt
            .ShouldBe(local.StartAt.ToUniversalTime());
    }

    [Fact]
    public async Task Reading_a_missing_row_gives_null()
    {
        (await _table.ReadRow(NewGrainId(), "nothing", Cancellation)).ShouldBeNull();
        (await _table.ReadRows(NewGrainId(), Cancellation)).Reminders.ShouldBeEmpty();
    }

    [Fact]
    public async Task Upserting_again_replaces_the_row_and_changes_the_etag()
    {
        var reminder = NewReminder(NewGrainId(), "sla");
        var first = await _table.UpsertRow(reminder, Cancellation);

        reminder.StartAt = reminder.StartAt.AddMinutes(5);
        reminder.Period = TimeSpan.FromMinutes(2);
        var second = await _table.UpsertRow(reminder, Cancellation);

        second.ShouldNotBe(first);
        var rows = await _table.ReadRows(reminder.GrainId, Cancellation);
        var row = rows.Reminders.ShouldHaveSingleItem();
        row.ETag.ShouldBe(second);
        row.StartAt.ShouldBe(reminder.StartAt);
        row.Period.ShouldBe(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public async Task Remove_succeeds_only_with_the_current_etag_and_the_right_name()
    {
        // Orleans' ReminderSimple, step by step.
        var reminder = NewReminder(NewGrainId(), "foo/bar\\#b_a_z?");
        var stale = await _table.UpsertRow(reminder, Cancellation);
        reminder.StartAt = DateTime.UtcNow;
        var current = await _table.UpsertRow(reminder, Cancellation);

        (await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, stale!, Cancellation)).ShouldBeFalse("the etag is stale");
        (await _table.RemoveRow(reminder.GrainId, "bla", current!, Cancellation)).ShouldBeFalse("the reminder name is wrong");
        (await _table.ReadRow(reminder.GrainId, reminder.ReminderName, Cancellation)).ShouldNotBeNull();

        (await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, current!, Cancellation)).ShouldBeTrue("the etag is current");
        (await _table.ReadRow(reminder.GrainId, reminder.ReminderName, Cancellation)).ShouldBeNull();
        (await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, current!, Cancellation)).ShouldBeFalse("the row is gone");
    }

    [Fact]
    public async Task An_etag_from_before_a_remove_does_not_remove_the_reminder_registered_again()
    {
        var reminder = NewReminder(NewGrainId(), "sla");
        var old = await _table.UpsertRow(reminder, Cancellation);
        (await _table.RemoveRow(reminder.GrainId, "sla", old!, Cancellation)).ShouldBeTrue();
        await _table.UpsertRow(reminder, Cancellation);

        (await _table.RemoveRow(reminder.GrainId, "sla", old!, Cancellation)).ShouldBeFalse();
    }

    [Fact]
    public async Task Rows_by_grain_are_that_grains_reminders_only()
    {
        var grain = NewGrainId();
        var other = NewGrainId();
        await _table.UpsertRow(NewReminder(grain, "a"), Cancellation);
        await _table.UpsertRow(NewReminder(grain, "b"), Cancellation);
        await _table.UpsertRow(NewReminder(other, "a"), Cancellation);

        var rows = await _table.ReadRows(grain, Cancellation);

        rows.Reminders.Select(r => r.ReminderName).Order().ShouldBe(["a", "b"]);
        rows.Reminders.ShouldAllBe(r => r.GrainId == grain);
    }

    [Fact]
    public async Task Hash_ranges_select_like_orleans_including_wrap_around_and_the_full_ring()
    {
        // Orleans' RemindersRange, with its 1,000 grains.
        const int Count = 1000;
        var grains = Enumerable.Range(0, Count).Select(_ => NewGrainId()).ToArray();
        await Task.WhenAll(grains.Select((grain, i) => _table.UpsertRow(NewReminder(grain, i.ToString()), Cancellation)));
        var hashes = grains.Select(g => g.GetUniformHashCode()).ToArray();

        (await _table.ReadRows(0, uint.MaxValue, Cancellation)).Reminders.Count.ShouldBe(hashes.Count(h => h > 0));
        (await _table.ReadRows(0, 0, Cancellation)).Reminders.Count.ShouldBe(Count, "begin == end is the whole ring");
        var pivot = hashes[0];
        (await _table.ReadRows(pivot, pivot, Cancellation)).Reminders.Count.ShouldBe(Count, "begin == end is the whole ring anywhere");

        var sorted = hashes.Order().ToArray();
        var edges = new List<(uint Begin, uint End)>
        {
            (sorted[10], sorted[20]),                       // an ordinary range: (begin, end]
            (sorted[20], sorted[10]),                       // wraps past uint.MaxValue
            (sorted[^1], sorted[0]),                        // wraps, holding just the lowest hash
            (sorted[0] - 1, sorted[0]),                     // exactly one row
            (sorted[0], sorted[0] + 1),                     // begin is exclusive
            (uint.MaxValue, 0),                             // the wrap point itself
            (uint.MaxValue - 1, uint.MaxValue),
        };
        for (var i = 0; i < 200; i++)
        {
            edges.Add(((uint)Random.Shared.NextInt64(0, 1L << 32), (uint)Random.Shared.NextInt64(0, 1L << 32)));
        }

        foreach (var (begin, end) in edges)
        {
            var rows = await _table.ReadRows(begin, end, Cancellation);
            var expected = begin < end
                ? hashes.Where(h => h > begin && h <= end)
                : hashes.Where(h => h > begin || h <= end);
            rows.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order()
                .ShouldBe(expected.Order(), $"range ({begin}, {end}]");
        }
    }

    [Fact]
    public async Task Ring_partitions_add_up_to_all_rows_once()
    {
        const int Count = 1000;
        await Task.WhenAll(Enumerable.Range(0, Count).Select(i => _table.UpsertRow(NewReminder(NewGrainId(), "r" + i), Cancellation)));

        // Cut the ring at random points, as silos' ranges do; the last range wraps around.
        var cuts = Enumerable.Range(0, 7).Select(_ => (uint)Random.Shared.NextInt64(0, 1L << 32)).Distinct().Order().ToArray();
        var ranges = cuts.Select((begin, i) => (Begin: begin, End: cuts[(i + 1) % cuts.Length]));

        var seen = new List<ReminderEntry>();
        foreach (var (begin, end) in ranges)
        {
            seen.AddRange((await _table.ReadRows(begin, end, Cancellation)).Reminders);
        }

        seen.Count.ShouldBe(Count);
        seen.Select(r => (r.GrainId, r.ReminderName)).Distinct().Count().ShouldBe(Count);
    }

    [Fact]
    public async Task Parallel_upserts_of_the_same_reminders_each_get_their_own_etag()
    {
        // Orleans' RemindersParallelUpsert: 5 grains, 5 concurrent upserts each.
        var upserts = await Task.WhenAll(Enumerable.Range(0, 5).Select(i =>
        {
            var grain = NewGrainId();
            var startAt = DateTime.UtcNow;
            return Task.WhenAll(Enumerable.Range(1, 5).Select(j =>
            {
                var reminder = NewReminder(grain, i.ToString());
                reminder.StartAt = startAt.AddMilliseconds(j);
                return _table.UpsertRow(reminder, Cancellation);
            }));
        }));

        upserts.ShouldAllBe(etags => etags.Distinct().Count() == 5);
    }

    [Fact]
    public async Task Concurrent_upserts_from_many_tasks_all_land()
    {
        const int Count = 2000;
        var reminders = Enumerable.Range(0, Count).Select(i => NewReminder(NewGrainId(), "sla")).ToArray();

        var etags = await Task.WhenAll(reminders.Select(r => Task.Run(() => _table.UpsertRow(r, Cancellation), Cancellation)));

        etags.ShouldAllBe(etag => !string.IsNullOrEmpty(etag)); // unique per reminder, not across reminders
        (await _table.ReadRows(0, 0, Cancellation)).Reminders.Count.ShouldBe(Count);
        foreach (var (reminder, etag) in reminders.Zip(etags).Take(50))
        {
            (await _table.ReadRow(reminder.GrainId, "sla", Cancellation))!.ETag.ShouldBe(etag);
        }
    }

    [Fact]
    public async Task Rows_survive_closing_the_store_and_opening_it_again()
    {
        var reminder = NewReminder(NewGrainId(), "sla");
        var etag = await _table.UpsertRow(reminder, Cancellation);
        await CloseStoreAsync();

        await OpenStoreAsync();
        var reopened = await StartTableAsync("service-a");

        var read = await reopened.ReadRow(reminder.GrainId, "sla", Cancellation);
        read.ShouldNotBeNull();
        read.ETag.ShouldBe(etag);
        read.StartAt.ShouldBe(reminder.StartAt);
        read.Period.ShouldBe(reminder.Period);
        (await reopened.ReadRows(0, 0, Cancellation)).Reminders.ShouldHaveSingleItem();
        (await reopened.RemoveRow(reminder.GrainId, "sla", etag!, Cancellation)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_write_after_the_store_is_closed_fails_at_once_and_so_does_the_next()
    {
        var reminder = NewReminder(NewGrainId(), "sla");
        var etag = await _table.UpsertRow(reminder, Cancellation);
        await CloseStoreAsync();

        // Rows wait to be written together; with the writer gone, none may wait for ever.
        await Should.ThrowAsync<ObjectDisposedException>(_table.UpsertRow(reminder, Cancellation).WaitAsync(TimeSpan.FromSeconds(10), Cancellation));
        await Should.ThrowAsync<ObjectDisposedException>(_table.RemoveRow(reminder.GrainId, "sla", etag!, Cancellation).WaitAsync(TimeSpan.FromSeconds(10), Cancellation));
    }

    [Fact]
    public async Task Another_service_id_neither_sees_nor_touches_the_rows()
    {
        var other = await StartTableAsync("service-b");
        var grain = NewGrainId();
        var mine = await _table.UpsertRow(NewReminder(grain, "sla"), Cancellation);

        (await other.ReadRow(grain, "sla", Cancellation)).ShouldBeNull();
        (await other.ReadRows(grain, Cancellation)).Reminders.ShouldBeEmpty();
        (await other.ReadRows(0, 0, Cancellation)).Reminders.ShouldBeEmpty();
        (await other.RemoveRow(grain, "sla", mine!, Cancellation)).ShouldBeFalse();

        // The same key under the other service is a separate row.
        var theirs = await other.UpsertRow(NewReminder(grain, "sla"), Cancellation);
        await other.TestOnlyClearTable(Cancellation);

        (await _table.ReadRow(grain, "sla", Cancellation))!.ETag.ShouldBe(mine);
        (await other.ReadRow(grain, "sla", Cancellation)).ShouldBeNull();
        theirs.ShouldNotBe(mine);
    }

    [Fact]
    public async Task Starting_twice_keeps_the_rows()
    {
        var reminder = NewReminder(NewGrainId(), "sla");
        await _table.UpsertRow(reminder, Cancellation);

        await _table.StartAsync(Cancellation);

        (await _table.ReadRow(reminder.GrainId, "sla", Cancellation)).ShouldNotBeNull();
    }

    /// <summary>Like Orleans' test grain ids: a GUID key with an extension full of separators.</summary>
    protected static GrainId NewGrainId() =>
        GrainId.Create(GrainType.Create("my-remindable-grain"), GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), "foo/bar\\#baz?"));

    protected static ReminderEntry NewReminder(GrainId grainId, string name)
    {
        var now = DateTime.UtcNow;
        return new ReminderEntry
        {
            GrainId = grainId,
            ReminderName = name,
            StartAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, now.Second, DateTimeKind.Utc),
            Period = TimeSpan.FromMinutes(1),
        };
    }
}
