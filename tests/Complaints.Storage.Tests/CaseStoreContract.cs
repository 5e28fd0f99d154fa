namespace Complaints.Storage.Tests;

/// <summary>
/// What every implementation of the storage contract (<see cref="ICaseEventStore"/>, <see cref="ILedger"/>,
/// <see cref="ICaseNumberBlocks"/>, <see cref="IStorageProbe"/>, <see cref="IClockRecords"/>, <see cref="ICalendarYears"/>,
/// <see cref="IChannelOutbox"/>, <see cref="IReplyAddresses"/>) must do, whatever the database. An implementation
/// runs these tests by deriving from this class and saying how to open its store over a fresh, private storage.
/// </summary>
public abstract partial class CaseStoreContract : IAsyncLifetime
{
    protected const string TenantA = "fangyang-water";
    protected const string TenantB = "beihai-gas";
    protected const string Hotline = "hotline";
    protected const string WeChat = "wechat";
    protected const string Gov12345 = "gov-12345";

    /// <summary>A Beijing-time instant on a whole millisecond (the ledger keeps milliseconds).</summary>
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly List<OpenStore> _opened = [];

    /// <summary>The store under test; <see cref="ReopenAsync"/> replaces it.</summary>
    protected OpenStore Store { get; private set; } = null!;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// Opens the store over this test's own storage: empty the first time, the same storage again (with everything
    /// committed so far) after the previous instance was closed.
    /// </summary>
    protected abstract Task<OpenStore> OpenStoreAsync();

    /// <summary>The <c>db.system</c> tag of the store's metrics.</summary>
    protected abstract string DatabaseSystem { get; }

    /// <summary>Removes this test's storage; every store opened on it is closed by then.</summary>
    protected abstract ValueTask DeleteStorageAsync();

    public async ValueTask InitializeAsync() => Store = await OpenAsync();

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var store in _opened)
            {
                await store.DisposeAsync();
            }
        }
        finally
        {
            await DeleteStorageAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the store (as a shutdown would) and opens a new one over the same storage.</summary>
    protected async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await OpenAsync();
    }

    private async Task<OpenStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _opened.Add(store);
        return store;
    }

    // ---------------------------------------------------------------- events

    [Fact]
    public async Task Appended_events_read_back_in_seq_order_with_type_time_offset_actor_and_data()
    {
        var first = new[]
        {
            new StoredEvent(1, "registered", T0.AddMicroseconds(123_456), "channel:hotline", """{"content":"停水三天了","phone":"13812345678"}"""),
            new StoredEvent(2, "accepted", new DateTimeOffset(2026, 3, 2, 1, 5, 0, TimeSpan.Zero).AddMicroseconds(7), "agent.li", """{"category":"no-water","note":null}"""),
        };
        var later = Enumerable.Range(3, 10)
            .Select(seq => new StoredEvent(seq, "supervised", T0.AddHours(seq).ToOffset(new TimeSpan(5, 45, 0)), "supervisor.wang", $$"""{"note":"n{{seq}}"}"""))
            .ToArray();

        (await Append(NewCase("FY-2026-000001") with { Events = first })).Status.ShouldBe(AppendStatus.Appended);
        (await Append(Next("FY-2026-000001", 2, later))).Status.ShouldBe(AppendStatus.Appended);

        var read = await Store.Events.ReadAsync(TenantA, "FY-2026-000001", Cancellation);

        ShouldBeSame(read, [.. first, .. later]);
        read.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, 12));
    }

    [Fact]
    public async Task Reading_an_unknown_case_gives_no_events()
    {
        await Append(NewCase("FY-2026-000001"));

        (await Store.Events.ReadAsync(TenantA, "FY-2026-000404", Cancellation)).ShouldBeEmpty();
        (await Store.Events.ReadAsync(TenantB, "FY-2026-000001", Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_same_number_in_two_tenants_is_two_cases()
    {
        var a = NewCase("FY-2026-000001") with { Events = [Event(1, "registered", "a")] };
        var b = NewCase("FY-2026-000001", TenantB) with { Events = [Event(1, "registered", "b")] };

        (await Append(a)).Status.ShouldBe(AppendStatus.Appended);
        (await Append(b)).Status.ShouldBe(AppendStatus.Appended);

        ShouldBeSame(await Store.Events.ReadAsync(TenantA, "FY-2026-000001", Cancellation), a.Events);
        ShouldBeSame(await Store.Events.ReadAsync(TenantB, "FY-2026-000001", Cancellation), b.Events);
        (await Rows(new LedgerQuery { Tenant = TenantA })).Single().Tenant.ShouldBe(TenantA);
        (await Rows(new LedgerQuery { Tenant = TenantB })).Single().Tenant.ShouldBe(TenantB);
    }

    // ---------------------------------------------------------------- optimistic concurrency

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Appending_with_a_stale_expected_seq_is_a_conflict_and_writes_nothing(int staleSeq)
    {
        const string Number = "FY-2026-000001";
        var registered = NewCase(Number) with { Events = [Event(1), Event(2, "accepted")] };
        await Append(registered);
        var rowBefore = await Row(Number);

        var stale = Next(Number, staleSeq, [Event(staleSeq + 1, "dispatched")]) with
        {
            Ledger = Ledger(Number) with { Status = "dispatched", Department = "pipe-network", UpdatedAt = T0.AddHours(1) },
        };
        var result = await Append(stale);

        result.Status.ShouldBe(AppendStatus.Conflict);
        ShouldBeSame(await Store.Events.ReadAsync(TenantA, Number, Cancellation), registered.Events);
        (await Row(Number)).ShouldBe(rowBefore);

        (await Append(stale with { ExpectedSeq = 2, Events = [Event(3, "dispatched")] })).Status.ShouldBe(AppendStatus.Appended);
        (await Store.Events.ReadAsync(TenantA, Number, Cancellation)).Select(e => e.Seq).ShouldBe([1, 2, 3]);
        (await Row(Number)).Status.ShouldBe("dispatched");
    }

    [Fact]
    public async Task Concurrent_appends_on_the_same_seq_let_exactly_one_win()
    {
        const string Number = "FY-2026-000001";
        await Append(NewCase(Number));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            Append(Next(Number, 1, [Event(2, "supervised", $"writer-{i}")]))));

        results.Count(r => r.Status == AppendStatus.Appended).ShouldBe(1);
        results.Count(r => r.Status == AppendStatus.Conflict).ShouldBe(9);
        var winner = Array.FindIndex(results, r => r.Status == AppendStatus.Appended);
        var events = await Store.Events.ReadAsync(TenantA, Number, Cancellation);
        events.Count.ShouldBe(2);
        events[1].Data.ShouldBe($$"""{"by":"writer-{{winner}}"}""");
    }

    // ---------------------------------------------------------------- idempotent intake

    [Fact]
    public async Task A_second_intake_of_the_same_external_id_is_a_duplicate_naming_the_first_and_writes_nothing()
    {
        var first = NewCase("FY-2026-000001", externalId: "call-42");
        (await Append(first)).Status.ShouldBe(AppendStatus.Appended);

        var second = NewCase("FY-2026-000002", externalId: "call-42");
        var result = await Append(second);

        result.ShouldBe(new AppendResult(AppendStatus.DuplicateIntake, "FY-2026-000001"));
        (await Store.Events.ReadAsync(TenantA, "FY-2026-000002", Cancellation)).ShouldBeEmpty();
        (await Rows(new LedgerQuery { Tenant = TenantA })).Select(r => r.Number).ShouldBe(["FY-2026-000001"]);
        (await Store.Ledger.FindByExternalIdAsync(TenantA, Hotline, "call-42", Cancellation)).ShouldBe("FY-2026-000001");
    }

    [Fact]
    public async Task Retrying_the_same_intake_under_the_same_number_is_a_duplicate_too()
    {
        var intake = NewCase("FY-2026-000001", externalId: "call-42");
        await Append(intake);

        (await Append(intake)).ShouldBe(new AppendResult(AppendStatus.DuplicateIntake, "FY-2026-000001"));
        (await Store.Events.ReadAsync(TenantA, "FY-2026-000001", Cancellation)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task The_same_external_id_on_another_channel_or_in_another_tenant_is_a_new_case()
    {
        (await Append(NewCase("FY-2026-000001", externalId: "42"))).Status.ShouldBe(AppendStatus.Appended);
        (await Append(NewCase("FY-2026-000002", externalId: "42", channel: WeChat))).Status.ShouldBe(AppendStatus.Appended);
        (await Append(NewCase("FY-2026-000001", TenantB, externalId: "42"))).Status.ShouldBe(AppendStatus.Appended);

        (await Store.Ledger.FindByExternalIdAsync(TenantA, Hotline, "42", Cancellation)).ShouldBe("FY-2026-000001");
        (await Store.Ledger.FindByExternalIdAsync(TenantA, WeChat, "42", Cancellation)).ShouldBe("FY-2026-000002");
        (await Store.Ledger.FindByExternalIdAsync(TenantB, Hotline, "42", Cancellation)).ShouldBe("FY-2026-000001");
        (await Store.Ledger.FindByExternalIdAsync(TenantB, WeChat, "42", Cancellation)).ShouldBeNull();
        (await Store.Ledger.FindByExternalIdAsync(TenantA, Gov12345, "42", Cancellation)).ShouldBeNull();
        (await Store.Ledger.FindByExternalIdAsync(TenantA, Hotline, "43", Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Cases_without_an_external_id_are_never_duplicates_of_each_other()
    {
        (await Append(NewCase("FY-2026-000001"))).Status.ShouldBe(AppendStatus.Appended);
        (await Append(NewCase("FY-2026-000002"))).Status.ShouldBe(AppendStatus.Appended);
    }

    [Fact]
    public async Task Later_appends_to_a_case_registered_with_an_external_id_are_not_taken_for_duplicates()
    {
        await Append(NewCase("FY-2026-000001", externalId: "call-42"));

        var dispatched = Next("FY-2026-000001", 1, [Event(2, "dispatched")]) with
        {
            Ledger = Ledger("FY-2026-000001") with { ExternalId = "call-42", Status = "dispatched", Department = "pipe-network" },
        };

        (await Append(dispatched)).Status.ShouldBe(AppendStatus.Appended);
        (await Row("FY-2026-000001")).Status.ShouldBe("dispatched");
        (await Store.Ledger.FindByExternalIdAsync(TenantA, Hotline, "call-42", Cancellation)).ShouldBe("FY-2026-000001");
    }

    [Fact]
    public async Task A_new_case_on_a_number_already_taken_is_a_conflict()
    {
        var first = NewCase("FY-2026-000001");
        await Append(first);

        var clash = NewCase("FY-2026-000001") with { Events = [Event(1, "registered", "someone-else")] };

        (await Append(clash)).Status.ShouldBe(AppendStatus.Conflict);
        ShouldBeSame(await Store.Events.ReadAsync(TenantA, "FY-2026-000001", Cancellation), first.Events);
    }

    // ---------------------------------------------------------------- concurrency

    [Fact]
    public async Task Five_hundred_concurrent_appends_to_different_cases_all_land()
    {
        var appends = Enumerable.Range(1, 500)
            .Select(i => NewCase(NumberOf(i), externalId: $"ext-{i}") with { Events = [Event(1), Event(2, "accepted", $"n{i}")] })
            .ToArray();

        var results = await Task.WhenAll(appends.Select(Append));

        results.ShouldAllBe(r => r.Status == AppendStatus.Appended);
        (await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantA, PageSize = 1 }, Cancellation)).Total.ShouldBe(500);
        var reads = await Task.WhenAll(appends.Select(a => Store.Events.ReadAsync(TenantA, a.Number, Cancellation)));
        for (var i = 0; i < appends.Length; i++)
        {
            ShouldBeSame(reads[i], appends[i].Events);
        }
    }

    [Fact]
    public async Task Concurrent_intakes_of_one_external_id_register_it_exactly_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(1, 20)
            .Select(i => Append(NewCase(NumberOf(i), externalId: "wx-msg-7"))));

        var winners = results.Select((r, i) => (r, Number: NumberOf(i + 1))).Where(x => x.r.Status == AppendStatus.Appended).ToArray();
        winners.Length.ShouldBe(1);
        var winner = winners[0].Number;
        results.Where(r => r.Status != AppendStatus.Appended)
            .ShouldAllBe(r => r.Status == AppendStatus.DuplicateIntake && r.ExistingNumber == winner);
        (await Store.Ledger.FindByExternalIdAsync(TenantA, Hotline, "wx-msg-7", Cancellation)).ShouldBe(winner);
        (await Rows(new LedgerQuery { Tenant = TenantA })).Select(r => r.Number).ShouldBe([winner]);
        foreach (var loser in Enumerable.Range(1, 20).Select(NumberOf).Where(n => n != winner))
        {
            (await Store.Events.ReadAsync(TenantA, loser, Cancellation)).ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task An_append_that_fails_writes_nothing_and_does_not_spoil_concurrent_ones()
    {
        // Two ways to fail inside the store: a ledger row missing a required column, and events repeating a seq.
        var missingContent = NewCase("FY-2026-000900") with { Ledger = Ledger("FY-2026-000900") with { Content = null! } };
        var repeatedSeq = NewCase("FY-2026-000901") with { Events = [Event(1), Event(2, "accepted"), Event(2, "rejected")] };
        var good = Enumerable.Range(1, 40).Select(i => NewCase(NumberOf(i))).ToArray();

        var goodTasks = good[..20].Select(Append).ToList();
        var failing1 = Append(missingContent);
        goodTasks.AddRange(good[20..30].Select(Append));
        var failing2 = Append(repeatedSeq);
        goodTasks.AddRange(good[30..].Select(Append));

        (await Task.WhenAll(goodTasks)).ShouldAllBe(r => r.Status == AppendStatus.Appended);
        await Should.ThrowAsync<Exception>(failing1);
        await Should.ThrowAsync<Exception>(failing2);

        (await Store.Events.ReadAsync(TenantA, "FY-2026-000900", Cancellation)).ShouldBeEmpty();
        (await Store.Events.ReadAsync(TenantA, "FY-2026-000901", Cancellation)).ShouldBeEmpty();
        (await Rows(new LedgerQuery { Tenant = TenantA, PageSize = 100 })).Select(r => r.Number).Order()
            .ShouldBe(good.Select(g => g.Number).Order());

        // The store goes on working, and the failed numbers are still free.
        (await Append(NewCase("FY-2026-000900"))).Status.ShouldBe(AppendStatus.Appended);
        (await Append(NewCase("FY-2026-000901"))).Status.ShouldBe(AppendStatus.Appended);
    }

    // ---------------------------------------------------------------- the ledger

    [Fact]
    public async Task The_ledger_row_reads_back_with_every_field()
    {
        var row = FullRow("FY-2026-000001");
        await Append(NewCase("FY-2026-000001") with { Ledger = row });

        (await Row("FY-2026-000001")).ShouldBe(row);
    }

    [Fact]
    public async Task Each_append_replaces_the_ledger_row()
    {
        const string Number = "FY-2026-000001";
        var registered = Ledger(Number, externalId: "call-1") with { ComplainantName = "Li Wei", ComplainantPhoneMasked = "138****5678", Address = "12 Harbour Road", Owner = "channel:wechat" };
        await Append(NewCase(Number) with { Ledger = registered });
        (await Row(Number)).ShouldBe(registered);

        var dispatched = registered with
        {
            Status = "dispatched",
            Category = "no-water",
            Department = "pipe-network",
            UpdatedAt = T0.AddHours(1),
            NextDueAt = T0.AddHours(25),
            Overdue = false,
            Owner = "agent.li", // the first desk person takes over a channel's item
            Handler = "handler.chen",
        };
        await Append(Next(Number, 1, [Event(2, "dispatched")]) with { Ledger = dispatched });
        (await Row(Number)).ShouldBe(dispatched);

        var redispatchedOverdue = dispatched with
        {
            Department = "billing",
            Redispatches = 2,
            UpdatedAt = T0.AddHours(30),
            Overdue = true,
            Handler = null, // a new round: nobody has signed yet
        };
        await Append(Next(Number, 2, [Event(3, "redispatched"), Event(4, "redispatched")]) with { Ledger = redispatchedOverdue });
        (await Row(Number)).ShouldBe(redispatchedOverdue);

        var closed = redispatchedOverdue with
        {
            Status = "closed",
            ClosedAt = T0.AddDays(3),
            UpdatedAt = T0.AddDays(3),
            Satisfaction = "satisfied",
            NextDueAt = null,
            Overdue = false,
        };
        await Append(Next(Number, 4, [Event(5, "closed")]) with { Ledger = closed });
        (await Row(Number)).ShouldBe(closed);
        (await Rows(new LedgerQuery { Tenant = TenantA })).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("everything", "4,3,2,1")]
    [InlineData("status", "3,2")]
    [InlineData("department", "4,2")]
    [InlineData("category", "4,2")]
    [InlineData("channel", "3,1")]
    [InlineData("overdue", "2")]
    [InlineData("not-overdue", "4,3,1")]
    [InlineData("from", "4,3,2")]
    [InlineData("to", "2,1")]
    [InlineData("from-to", "3,2")]
    [InlineData("status-department", "2")]
    [InlineData("text-number", "3")]
    [InlineData("text-content", "1")]
    [InlineData("text-name", "3")]
    [InlineData("text-percent", "2")]
    [InlineData("text-underscore", "2")]
    [InlineData("text-backslash", "4")]
    [InlineData("text-nothing", "")]
    [InlineData("status-nothing", "")]
    [InlineData("other-tenant-filter", "")]
    public async Task Ledger_queries_filter_and_list_newest_registered_first(string filter, string expected)
    {
        await SeedLedgerAsync();
        var all = new LedgerQuery { Tenant = TenantA };
        var query = filter switch
        {
            "everything" => all,
            "status" => all with { Status = "dispatched" },
            "department" => all with { Department = "pipe-network" },
            "category" => all with { Category = "no-water" },
            "channel" => all with { Channel = Hotline },
            "overdue" => all with { Overdue = true },
            "not-overdue" => all with { Overdue = false },
            "from" => all with { From = T0.AddHours(1) },
            "to" => all with { To = T0.AddHours(2) },
            "from-to" => all with { From = T0.AddHours(1), To = T0.AddHours(3) },
            "status-department" => all with { Status = "dispatched", Department = "pipe-network" },
            "text-number" => all with { Text = "000003" },
            "text-content" => all with { Text = "Harbour" },
            "text-name" => all with { Text = "Wang" },
            // Literal, not wildcards: "50%" must not match "500 yuan", "Zhang_San" must not match "Zhang San".
            "text-percent" => all with { Text = "50%" },
            "text-underscore" => all with { Text = "Zhang_San" },
            "text-backslash" => all with { Text = @"12\34" },
            "text-nothing" => all with { Text = "sewage" },
            "status-nothing" => all with { Status = "archived" },
            // Tenant B's only case is dispatched to pipe-network and overdue: it must not leak into A's lists.
            "other-tenant-filter" => all with { Status = "dispatched", Department = "pipe-network", Overdue = true, Channel = Gov12345 },
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };

        var page = await Store.Ledger.QueryAsync(query, Cancellation);

        var numbers = expected.Length == 0 ? [] : expected.Split(',').Select(i => NumberOf(int.Parse(i, System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        page.Items.Select(r => r.Number).ShouldBe(numbers);
        page.Total.ShouldBe(numbers.Length);
        page.Items.ShouldAllBe(r => r.Tenant == TenantA);
    }

    [Fact]
    public async Task Ledger_pages_count_the_total_and_skip_whole_pages()
    {
        await SeedLedgerAsync();

        var second = await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantA, Page = 2, PageSize = 1 }, Cancellation);
        second.Items.Select(r => r.Number).ShouldBe([NumberOf(3)]);
        second.Total.ShouldBe(4);

        var lastPartial = await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantA, Page = 2, PageSize = 3 }, Cancellation);
        lastPartial.Items.Select(r => r.Number).ShouldBe([NumberOf(1)]);
        lastPartial.Total.ShouldBe(4);

        var beyond = await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantA, Page = 3, PageSize = 2 }, Cancellation);
        beyond.Items.ShouldBeEmpty();
        beyond.Total.ShouldBe(4);

        var filtered = await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantA, Status = "dispatched", Page = 2, PageSize = 1 }, Cancellation);
        filtered.Items.Select(r => r.Number).ShouldBe([NumberOf(2)]);
        filtered.Total.ShouldBe(2);
    }

    [Fact]
    public async Task Ledger_queries_see_only_their_tenant()
    {
        await SeedLedgerAsync();

        var b = await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantB }, Cancellation);
        b.Items.Select(r => (r.Tenant, r.Number)).ShouldBe([(TenantB, NumberOf(2))]);
        b.Total.ShouldBe(1);

        // Only tenant A has complainants called Zhang; tenant B's own text matches are found.
        (await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantB, Text = "Zhang" }, Cancellation)).Total.ShouldBe(0);
        (await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantB, Text = "Harbour" }, Cancellation)).Total.ShouldBe(1);
        (await Store.Ledger.FindByExternalIdAsync(TenantB, Hotline, "nothing", Cancellation)).ShouldBeNull();

        var nobody = await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = "nobody" }, Cancellation);
        nobody.Items.ShouldBeEmpty();
        nobody.Total.ShouldBe(0);
    }

    // ---------------------------------------------------------------- case numbers

    [Fact]
    public async Task Number_blocks_are_consecutive_and_never_overlap()
    {
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 100, Cancellation)).ShouldBe(1);
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 100, Cancellation)).ShouldBe(101);
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 10, Cancellation)).ShouldBe(201);
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 1, Cancellation)).ShouldBe(211);
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 1, Cancellation)).ShouldBe(212);
    }

    [Fact]
    public async Task Number_blocks_are_independent_per_tenant_and_per_year()
    {
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(1);
        (await Store.Numbers.ReserveAsync(TenantB, 2026, 50, Cancellation)).ShouldBe(1);
        (await Store.Numbers.ReserveAsync(TenantA, 2027, 50, Cancellation)).ShouldBe(1);
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(51);
        (await Store.Numbers.ReserveAsync(TenantB, 2027, 50, Cancellation)).ShouldBe(1);
        (await Store.Numbers.ReserveAsync(TenantB, 2026, 50, Cancellation)).ShouldBe(51);
        (await Store.Numbers.ReserveAsync(TenantA, 2027, 50, Cancellation)).ShouldBe(51);
    }

    [Fact]
    public async Task Concurrent_reservations_never_overlap()
    {
        var sizes = Enumerable.Range(0, 200).Select(i => 1 + (i % 7)).ToArray();

        var firsts = await Task.WhenAll(sizes.Select(size => Store.Numbers.ReserveAsync(TenantA, 2026, size, Cancellation)));

        var blocks = firsts.Zip(sizes, (first, size) => (First: first, Last: first + size - 1)).OrderBy(b => b.First).ToArray();
        blocks[0].First.ShouldBeGreaterThanOrEqualTo(1);
        for (var i = 1; i < blocks.Length; i++)
        {
            blocks[i].First.ShouldBeGreaterThan(blocks[i - 1].Last, $"block {blocks[i]} overlaps {blocks[i - 1]}");
        }

        (await Store.Numbers.ReserveAsync(TenantA, 2026, 1, Cancellation)).ShouldBeGreaterThan(blocks[^1].Last);
    }

    [Fact]
    public async Task Number_blocks_survive_closing_and_reopening_the_store()
    {
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 100, Cancellation)).ShouldBe(1);
        (await Store.Numbers.ReserveAsync(TenantB, 2026, 20, Cancellation)).ShouldBe(1);

        await ReopenAsync();

        (await Store.Numbers.ReserveAsync(TenantA, 2026, 100, Cancellation)).ShouldBe(101);
        (await Store.Numbers.ReserveAsync(TenantB, 2026, 20, Cancellation)).ShouldBe(21);
        (await Store.Numbers.ReserveAsync(TenantA, 2025, 5, Cancellation)).ShouldBe(1);
    }

    [Fact]
    public async Task The_unused_rest_handed_back_is_given_out_next_so_numbers_run_on_without_a_gap()
    {
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(1);
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(51);
        (await Store.Numbers.HeldAsync(Cancellation)).ShouldBe(new[] { (TenantA, 2026) });

        // The holder gave 1…29 and stops normally (idle, a stop, a move to another host).
        await Store.Numbers.HandBackAsync(TenantA, 2026, next: 30, end: 101, unused: [], T0, Cancellation);
        (await Store.Numbers.HeldAsync(Cancellation)).ShouldBeEmpty();

        await ReopenAsync();
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(30);
        (await Store.Numbers.GapsAsync(TenantA, Cancellation)).ShouldBeEmpty();
        (await Store.Numbers.RecoverAsync(TenantA, 2026, n => $"FY-2026-{n:D6}", T0, Cancellation))
            .ShouldBe(new[] { new NumberGap(TenantA, 2026, 30, 79, T0, NumberGap.HolderStopped) }, "held again, and no case has any of it");
    }

    [Fact]
    public async Task Numbers_of_failed_registrations_are_given_out_again_when_last_and_else_recorded()
    {
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(1);

        // 1…9 given; the registrations of 4 and 9 failed and their numbers were not given out again before the stop.
        await Store.Numbers.HandBackAsync(TenantA, 2026, next: 10, end: 51, unused: [9, 4], T0, Cancellation);

        (await Store.Numbers.ReserveAsync(TenantA, 2026, 10, Cancellation)).ShouldBe(9);
        (await Store.Numbers.GapsAsync(TenantA, Cancellation)).ShouldBe(new[] { new NumberGap(TenantA, 2026, 4, 4, T0, NumberGap.RegistrationFailed) });
    }

    [Fact]
    public async Task After_a_crash_the_numbers_no_case_has_are_recorded_as_gaps_once_and_never_given_out()
    {
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(1);
        (await Store.Numbers.ReserveAsync(TenantB, 2026, 50, Cancellation)).ShouldBe(1);
        foreach (var number in new[] { 1, 2, 3, 5 })
        {
            await Append(NewCase($"FY-2026-{number:D6}"));
        }

        await ReopenAsync(); // the holder crashed: nothing handed back

        var found = T0.AddHours(1);
        var gaps = await Store.Numbers.RecoverAsync(TenantA, 2026, n => $"FY-2026-{n:D6}", found, Cancellation);
        NumberGap[] expected = [new(TenantA, 2026, 4, 4, found, NumberGap.HolderStopped), new(TenantA, 2026, 6, 50, found, NumberGap.HolderStopped)];
        gaps.ShouldBe(expected);
        (await Store.Numbers.GapsAsync(TenantA, Cancellation)).ShouldBe(expected);
        (await Store.Numbers.GapsAsync(TenantB, Cancellation)).ShouldBeEmpty();
        (await Store.Numbers.HeldAsync(Cancellation)).ShouldBe(new[] { (TenantB, 2026) }, "tenant B's holder is untouched");

        (await Store.Numbers.RecoverAsync(TenantA, 2026, n => $"FY-2026-{n:D6}", found.AddHours(1), Cancellation)).ShouldBeEmpty("recorded once");
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(51, "a number that may have been given is never given again");
    }

    [Fact]
    public async Task A_holder_handing_back_after_another_reserved_past_it_records_its_rest_as_a_gap()
    {
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(1);
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 50, Cancellation)).ShouldBe(51); // a second holder (a cluster split)

        await Store.Numbers.HandBackAsync(TenantA, 2026, next: 10, end: 51, unused: [], T0, Cancellation);

        (await Store.Numbers.GapsAsync(TenantA, Cancellation)).ShouldBe(new[] { new NumberGap(TenantA, 2026, 10, 50, T0, NumberGap.ReservedPast) });
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 1, Cancellation)).ShouldBe(101);
    }

    // ---------------------------------------------------------------- durability and health

    [Fact]
    public async Task Everything_written_is_there_after_closing_and_reopening_the_store()
    {
        var registered = NewCase("FY-2026-000001", externalId: "call-42") with
        {
            Events = [new StoredEvent(1, "registered", T0.AddMicroseconds(5), "channel:hotline", """{"content":"停水"}""")],
            Ledger = FullRow("FY-2026-000001") with { ExternalId = "call-42", Channel = Hotline },
        };
        await Append(registered);
        var later = new StoredEvent(2, "accepted", T0.AddMinutes(3).ToOffset(TimeSpan.FromHours(-5)), "agent.li", "{}");
        var accepted = Next("FY-2026-000001", 1, [later]) with { Ledger = registered.Ledger with { Status = "accepted", UpdatedAt = T0.AddMinutes(3) } };
        await Append(accepted);
        var other = NewCase("FY-2026-000002", TenantB);
        await Append(other);
        await Store.Numbers.ReserveAsync(TenantA, 2026, 10, Cancellation);

        await ReopenAsync();

        ShouldBeSame(await Store.Events.ReadAsync(TenantA, "FY-2026-000001", Cancellation), [.. registered.Events, later]);
        ShouldBeSame(await Store.Events.ReadAsync(TenantB, "FY-2026-000002", Cancellation), other.Events);
        (await Row("FY-2026-000001")).ShouldBe(accepted.Ledger);
        (await Rows(new LedgerQuery { Tenant = TenantB })).ShouldBe([other.Ledger]);
        (await Store.Ledger.FindByExternalIdAsync(TenantA, Hotline, "call-42", Cancellation)).ShouldBe("FY-2026-000001");

        // The reopened store still enforces what it enforced before.
        (await Append(NewCase("FY-2026-000003", externalId: "call-42"))).ShouldBe(new AppendResult(AppendStatus.DuplicateIntake, "FY-2026-000001"));
        (await Append(Next("FY-2026-000001", 1, [Event(2, "dispatched")]))).Status.ShouldBe(AppendStatus.Conflict);
        (await Append(Next("FY-2026-000001", 2, [Event(3, "dispatched")]))).Status.ShouldBe(AppendStatus.Appended);
        (await Store.Numbers.ReserveAsync(TenantA, 2026, 10, Cancellation)).ShouldBe(11);
    }

    [Fact]
    public async Task Ping_answers_on_a_new_store_and_after_reopening()
    {
        await Store.Probe.PingAsync(Cancellation);
        await Append(NewCase("FY-2026-000001"));

        await ReopenAsync();

        await Store.Probe.PingAsync(Cancellation);
    }

    // ---------------------------------------------------------------- clock wake-ups

    [Fact]
    public async Task Cases_due_for_wake_up_are_those_whose_wake_at_has_come_soonest_first_in_every_tenant()
    {
        await Append(NewCase(NumberOf(1)) with { Ledger = Ledger(NumberOf(1)) with { WakeAt = T0.AddHours(1) } });
        await Append(NewCase(NumberOf(2)) with { Ledger = Ledger(NumberOf(2)) with { WakeAt = T0.AddMinutes(30) } });
        await Append(NewCase(NumberOf(3)) with { Ledger = Ledger(NumberOf(3)) with { WakeAt = null } });
        await Append(NewCase(NumberOf(4)) with { Ledger = Ledger(NumberOf(4)) with { WakeAt = T0.AddHours(2) } });
        await Append(NewCase(NumberOf(1), TenantB) with { Ledger = Ledger(NumberOf(1), TenantB) with { WakeAt = T0 } });

        (await Store.Ledger.DueForWakeUpAsync(T0.AddHours(1), 10, Cancellation))
            .ShouldBe([(TenantB, NumberOf(1)), (TenantA, NumberOf(2)), (TenantA, NumberOf(1))]);
        (await Store.Ledger.DueForWakeUpAsync(T0.AddHours(1), 2, Cancellation)).ShouldBe([(TenantB, NumberOf(1)), (TenantA, NumberOf(2))]);
        (await Store.Ledger.DueForWakeUpAsync(T0.AddMinutes(-1), 10, Cancellation)).ShouldBeEmpty();

        // A case that caught up moves its wake-up on (or clears it) with its next append.
        await Append(Next(NumberOf(2), 1, [Event(2, "clock-warned")]) with { Ledger = Ledger(NumberOf(2)) with { WakeAt = null } });
        await Append(Next(NumberOf(1), 1, [Event(2, "clock-warned")], TenantB) with { Ledger = Ledger(NumberOf(1), TenantB) with { WakeAt = T0.AddDays(1) } });
        (await Store.Ledger.DueForWakeUpAsync(T0.AddHours(3), 10, Cancellation)).ShouldBe([(TenantA, NumberOf(1)), (TenantA, NumberOf(4))]);
    }

    // ---------------------------------------------------------------- notifications and breaches

    [Fact]
    public async Task Notifications_are_written_with_their_append_and_listed_newest_first_for_the_recipients_asked()
    {
        var toDepartment = Notice("n-1", "department:pipe-network", T0.AddMinutes(1));
        var toSupervisor = Notice("n-2", "role:supervisor", T0.AddMinutes(2)) with { Clock = "resolution", DueAt = T0.AddHours(4), Type = "clock-breached" };
        var toLeader = Notice("n-3", "role:leader", T0.AddMinutes(3));
        await Append(NewCase(NumberOf(1)) with { Notifications = [toDepartment, toSupervisor] });
        await Append(Next(NumberOf(1), 1, [Event(2, "clock-breached")]) with { Notifications = [toLeader] });
        var otherTenant = Notice("n-4", "role:supervisor", T0.AddMinutes(4)) with { Tenant = TenantB };
        await Append(NewCase(NumberOf(1), TenantB) with { Notifications = [otherTenant] });

        var mine = await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["role:supervisor", "department:pipe-network"]), Cancellation);
        mine.Items.ShouldBe([toSupervisor, toDepartment]);
        mine.Total.ShouldBe(2);

        (await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["role:leader"]), Cancellation)).Items.ShouldBe([toLeader]);
        (await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantB, ["role:supervisor"]), Cancellation)).Items.ShouldBe([otherTenant]);
        (await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["role:agent"]), Cancellation)).Total.ShouldBe(0);

        var since = await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["role:supervisor", "department:pipe-network"], Since: T0.AddMinutes(2)), Cancellation);
        since.Items.ShouldBe([toSupervisor]);
        var secondPage = await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["role:supervisor", "department:pipe-network", "role:leader"], Page: 2, PageSize: 2), Cancellation);
        secondPage.Items.ShouldBe([toDepartment]);
        secondPage.Total.ShouldBe(3);
    }

    [Fact]
    public async Task A_notification_keeps_its_text_key_and_arguments_words_included_and_one_without_keeps_its_message()
    {
        var keyed = Notice("n-1", "department:pipe-network", T0.AddMinutes(1)) with
        {
            Message = "notifications.clock-warned",
            Text = new TextRef("notifications.clock-warned", [NumberOf(1), TextArg.Word("clock.resolution"), "2026-03-02 13:00", "引号\"与{花括号}"]),
        };
        var plain = Notice("n-2", "department:pipe-network", T0.AddMinutes(2)) with { Type = "notice" };
        await Append(NewCase(NumberOf(1)) with { Notifications = [keyed] });
        await Store.ClockRecords.AddNotificationAsync(plain, Cancellation);

        var read = await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["department:pipe-network"]), Cancellation);

        read.Items.ShouldBe([plain, keyed]);
        read.Items[1].Text!.Args[1].IsKey.ShouldBeTrue();
        read.Items[0].Text.ShouldBeNull();
    }

    [Fact]
    public async Task Read_marks_are_per_user_listed_counted_and_filtered_and_marking_twice_keeps_the_first_time()
    {
        await Append(NewCase(NumberOf(1)) with
        {
            Notifications = [Notice("n-1", "role:leader", T0.AddMinutes(1)), Notice("n-2", "role:leader", T0.AddMinutes(2)), Notice("n-3", "role:leader", T0.AddMinutes(3)), Notice("n-4", "role:agent", T0.AddMinutes(4))],
        });
        var leaders = new NotificationQuery(TenantA, ["role:leader"]);

        (await Store.ClockRecords.MarkReadAsync(TenantA, "leader-1", ["role:leader"], ["n-2", "n-4"], T0.AddHours(1), Cancellation)).ShouldBe(1); // n-4 is not theirs
        (await Store.ClockRecords.MarkReadAsync(TenantA, "leader-1", ["role:leader"], ["n-2"], T0.AddHours(2), Cancellation)).ShouldBe(0);

        var mine = await Store.ClockRecords.NotificationsAsync(leaders with { Reader = "leader-1" }, Cancellation);
        mine.Read.ShouldBe(["n-2"], ignoreOrder: true);
        mine.Unread.ShouldBe(2);
        mine.Total.ShouldBe(3);
        var unread = await Store.ClockRecords.NotificationsAsync(leaders with { Reader = "leader-1", UnreadOnly = true }, Cancellation);
        unread.Items.Select(n => n.Id).ShouldBe(["n-3", "n-1"]);
        unread.Total.ShouldBe(2);
        var otherLeader = await Store.ClockRecords.NotificationsAsync(leaders with { Reader = "leader-2" }, Cancellation);
        otherLeader.Read.ShouldBeEmpty();
        otherLeader.Unread.ShouldBe(3);

        (await Store.ClockRecords.MarkReadAsync(TenantA, "leader-1", ["role:leader"], null, T0.AddHours(3), Cancellation)).ShouldBe(2);
        (await Store.ClockRecords.NotificationsAsync(leaders with { Reader = "leader-1" }, Cancellation)).Unread.ShouldBe(0);
        (await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["role:agent"]) { Reader = "leader-1" }, Cancellation)).Unread.ShouldBe(1);
        (await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantB, ["role:leader"]) { Reader = "leader-1" }, Cancellation)).Unread.ShouldBe(0);
    }

    [Fact]
    public async Task The_feed_hands_on_a_tenants_notifications_in_the_order_stored_after_a_cursor()
    {
        (await Store.ClockRecords.FeedEndAsync(TenantA, Cancellation)).ShouldBeNull();
        await Append(NewCase(NumberOf(1)) with { Notifications = [Notice("n-1", "role:leader", T0.AddHours(5))] });
        var end = (await Store.ClockRecords.FeedEndAsync(TenantA, Cancellation)).ShouldNotBeNull();
        await Append(NewCase(NumberOf(1), TenantB) with { Notifications = [Notice("n-b", "role:leader", T0) with { Tenant = TenantB }] });
        while (DateTimeOffset.UtcNow - end < TimeSpan.FromMilliseconds(5))
        {
            await Task.Yield(); // a later insert has a later stored time (milliseconds): not a wait for anything else
        }

        // Stored later with an earlier event time (a breach caught up after downtime): the feed goes by when it was stored.
        await Append(Next(NumberOf(1), 1, [Event(2, "clock-breached")]) with { Notifications = [Notice("n-2", "role:agent", T0)] });

        var all = await Store.ClockRecords.FeedAsync(TenantA, DateTimeOffset.UnixEpoch, 10, Cancellation);
        all.Select(i => i.Notification.Id).ShouldBe(["n-1", "n-2"]);
        all[0].StoredAt.ShouldBe(end);
        (await Store.ClockRecords.FeedAsync(TenantA, end, 10, Cancellation)).Select(i => i.Notification.Id).ShouldBe(["n-2"]);
        (await Store.ClockRecords.FeedAsync(TenantA, DateTimeOffset.UnixEpoch, 1, Cancellation)).ShouldHaveSingleItem();
        (await Store.ClockRecords.StoredAtAsync(TenantA, "n-1", Cancellation)).ShouldBe(end);
        (await Store.ClockRecords.StoredAtAsync(TenantA, "n-b", Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task A_notification_added_again_under_its_id_is_kept_once_as_first_written()
    {
        // Two hosts sending the same once-a-day notice (a fixed id) at the same moment, then a third later.
        var notice = Notice("calendar-missing:a:2026-11-02", "role:admin", T0.AddMinutes(1));
        await Task.WhenAll(
            Store.ClockRecords.AddNotificationAsync(notice, Cancellation),
            Store.ClockRecords.AddNotificationAsync(notice, Cancellation));
        await Store.ClockRecords.AddNotificationAsync(notice with { Message = "again", At = T0.AddMinutes(2) }, Cancellation);

        var listed = await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["role:admin"]), Cancellation);
        listed.Items.ShouldBe([notice]);
    }

    [Fact]
    public async Task An_append_that_is_refused_writes_none_of_its_notifications_or_breaches()
    {
        await Append(NewCase(NumberOf(1), externalId: "call-1"));
        var breach = new BreachRecord(TenantA, NumberOf(1), "resolution", "pipe-network", T0.AddHours(1), T0.AddHours(1), 2, 20m);

        (await Append(Next(NumberOf(1), 0, [Event(1, "clock-breached")]) with { Notifications = [Notice("late", "role:supervisor", T0)], Breaches = [breach] }))
            .Status.ShouldBe(AppendStatus.Conflict);
        (await Append(NewCase(NumberOf(2), externalId: "call-1") with { Notifications = [Notice("dup", "role:supervisor", T0)], Breaches = [breach with { Number = NumberOf(2) }] }))
            .Status.ShouldBe(AppendStatus.DuplicateIntake);

        (await Store.ClockRecords.NotificationsAsync(new NotificationQuery(TenantA, ["role:supervisor"]), Cancellation)).Total.ShouldBe(0);
        (await Store.ClockRecords.BreachesAsync(TenantA, T0.AddDays(-1), T0.AddDays(1), Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Breaches_are_recorded_once_and_listed_oldest_first_within_the_period_and_tenant()
    {
        var first = new BreachRecord(TenantA, NumberOf(1), "resolution", "pipe-network", T0.AddHours(4), T0.AddHours(4).AddSeconds(1), 2, 20.5m) { Person = "handler.chen" };
        var second = new BreachRecord(TenantA, NumberOf(2), "first-reply", null, T0.AddHours(6), T0.AddHours(6), 1, 0m);
        var otherTenant = new BreachRecord(TenantB, NumberOf(1), "resolution", "billing", T0.AddHours(5), T0.AddHours(5), 3, 100m);
        await Append(NewCase(NumberOf(1)) with { Breaches = [first] });
        await Append(NewCase(NumberOf(2)) with { Breaches = [second] });
        await Append(NewCase(NumberOf(1), TenantB) with { Breaches = [otherTenant] });
        // The same breach again (a tick retried after its append): still one.
        await Append(Next(NumberOf(1), 1, [Event(2, "clock-breached")]) with { Breaches = [first] });

        (await Store.ClockRecords.BreachesAsync(TenantA, T0, T0.AddDays(1), Cancellation)).ShouldBe([first, second]);
        (await Store.ClockRecords.BreachesAsync(TenantA, T0.AddHours(4).AddSeconds(1), T0.AddHours(6), Cancellation)).ShouldBe([first]);
        (await Store.ClockRecords.BreachesAsync(TenantA, T0.AddHours(4).AddSeconds(2), T0.AddHours(6).AddMilliseconds(1), Cancellation)).ShouldBe([second]);
        (await Store.ClockRecords.BreachesAsync(TenantB, T0, T0.AddDays(1), Cancellation)).ShouldBe([otherTenant]);
        (await Store.ClockRecords.BreachesAsync(TenantA, T0.AddDays(1), T0.AddDays(2), Cancellation)).ShouldBeEmpty();
    }

    // ---------------------------------------------------------------- calendar years

    [Fact]
    public async Task Calendar_years_are_saved_replaced_and_kept_across_reopening()
    {
        Store.CalendarYears.Load().ShouldBeEmpty();

        await Store.CalendarYears.SaveAsync(2027, """{"year":2027,"days":[]}""", Cancellation);
        await Store.CalendarYears.SaveAsync(2028, """{"year":2028,"days":[{"name":"元旦","date":"2028-01-01","isOffDay":true}]}""", Cancellation);
        await Store.CalendarYears.SaveAsync(2027, """{"year":2027,"days":[{"name":"春节","date":"2027-02-06","isOffDay":true}]}""", Cancellation);

        await ReopenAsync();

        var years = Store.CalendarYears.Load();
        years.Keys.Order().ShouldBe([2027, 2028]);
        years[2027].ShouldBe("""{"year":2027,"days":[{"name":"春节","date":"2027-02-06","isOffDay":true}]}""");
        years[2028].ShouldBe("""{"year":2028,"days":[{"name":"元旦","date":"2028-01-01","isOffDay":true}]}""");
    }

    // ---------------------------------------------------------------- outbox

    [Fact]
    public async Task Outbox_replies_are_written_with_their_append_and_claimed_in_order_per_case_once_each()
    {
        var accepted = Reply("a1", NumberOf(1), "accepted", T0.AddMinutes(1));
        var dispatched = Reply("a2", NumberOf(1), "dispatched", T0.AddMinutes(2));
        var other = Reply("b1", NumberOf(2), "accepted", T0.AddMinutes(3));
        var closed = Reply("a3", NumberOf(1), "closed", T0.AddMinutes(4));
        await Append(NewCase(NumberOf(1)) with { Outbox = [dispatched, accepted] });
        await Append(NewCase(NumberOf(2)) with { Outbox = [other] });
        await Append(Next(NumberOf(1), 1, [Event(2, "closed")]) with { Outbox = [closed] });

        // Nothing is due before it was created; then each due reply once, oldest first, and never to two claimers.
        (await Store.Outbox.ClaimAsync(T0, TimeSpan.FromMinutes(1), 10, Cancellation)).ShouldBeEmpty();
        var first = await Store.Outbox.ClaimAsync(T0.AddHours(1), TimeSpan.FromMinutes(1), 2, Cancellation);
        var rest = await Store.Outbox.ClaimAsync(T0.AddHours(1), TimeSpan.FromMinutes(1), 10, Cancellation);
        (await Store.Outbox.ClaimAsync(T0.AddHours(1), TimeSpan.FromMinutes(1), 10, Cancellation)).ShouldBeEmpty();

        first.Concat(rest).Select(e => e.Message).ShouldBe([accepted, dispatched, other, closed]);
        first.Concat(rest).ShouldAllBe(e => e.Attempts == 0);
        first.Concat(rest).Where(e => e.Message.Number == NumberOf(1)).Select(e => e.Message.Moment).ShouldBe(["accepted", "dispatched", "closed"]);
    }

    [Fact]
    public async Task A_released_reply_comes_back_at_its_next_attempt_and_a_settled_one_never()
    {
        await Append(NewCase(NumberOf(1)) with { Outbox = [Reply("r1", NumberOf(1), "accepted", T0), Reply("r2", NumberOf(1), "closed", T0.AddSeconds(1))] });
        var claimed = await Store.Outbox.ClaimAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(5), 10, Cancellation);
        claimed.Count.ShouldBe(2);

        await Store.Outbox.SettleAsync("r1", OutboxStatus.Pending, 1, T0.AddMinutes(10), "channel busy", Cancellation); // released for a retry
        await Store.Outbox.SettleAsync("r2", OutboxStatus.Sent, 1, null, null, Cancellation);

        (await Store.Outbox.ClaimAsync(T0.AddMinutes(9), TimeSpan.FromMinutes(5), 10, Cancellation)).ShouldBeEmpty();
        var retried = (await Store.Outbox.ClaimAsync(T0.AddMinutes(10), TimeSpan.FromMinutes(5), 10, Cancellation)).ShouldHaveSingleItem();
        retried.Message.Id.ShouldBe("r1");
        retried.Attempts.ShouldBe(1);
        await Store.Outbox.SettleAsync("r1", OutboxStatus.Failed, 2, null, "gave up", Cancellation);
        (await Store.Outbox.ClaimAsync(T0.AddDays(1), TimeSpan.FromMinutes(5), 10, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_claim_that_outlives_its_lease_is_failed_and_never_sent_again()
    {
        await Append(NewCase(NumberOf(1)) with { Outbox = [Reply("r1", NumberOf(1), "accepted", T0)] });
        (await Store.Outbox.ClaimAsync(T0.AddMinutes(1), TimeSpan.FromMinutes(5), 10, Cancellation)).ShouldHaveSingleItem();

        // Within the lease the claimer may still be sending: nobody else gets it.
        (await Store.Outbox.ClaimAsync(T0.AddMinutes(5), TimeSpan.FromMinutes(5), 10, Cancellation)).ShouldBeEmpty();

        // Its host died mid-send (the send may have gone through): after the lease it is failed, not handed out again,
        // not even after a restart.
        (await Store.Outbox.ClaimAsync(T0.AddMinutes(7), TimeSpan.FromMinutes(5), 10, Cancellation)).ShouldBeEmpty();
        await ReopenAsync();
        (await Store.Outbox.ClaimAsync(T0.AddDays(1), TimeSpan.FromMinutes(5), 10, Cancellation)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_append_writes_none_of_its_replies()
    {
        await Append(NewCase(NumberOf(1), externalId: "call-1"));

        (await Append(Next(NumberOf(1), 0, [Event(1, "accepted")]) with { Outbox = [Reply("lost", NumberOf(1), "accepted", T0)] })).Status.ShouldBe(AppendStatus.Conflict);
        (await Append(NewCase(NumberOf(2), externalId: "call-1") with { Outbox = [Reply("dup", NumberOf(2), "accepted", T0)] })).Status.ShouldBe(AppendStatus.DuplicateIntake);

        (await Store.Outbox.ClaimAsync(T0.AddDays(1), TimeSpan.FromMinutes(1), 10, Cancellation)).ShouldBeEmpty();
    }

    // ---------------------------------------------------------------- reply addresses

    [Fact]
    public async Task A_reply_address_is_saved_with_the_registration_and_read_back()
    {
        (await Append(NewCase(NumberOf(1), channel: WeChat, externalId: "wx-1") with { ReplyAddress = new ReplyAddress(WeChat, "oAbc-openid") })).Status.ShouldBe(AppendStatus.Appended);

        (await Store.ReplyAddresses.FindAsync(TenantA, NumberOf(1), Cancellation)).ShouldBe("oAbc-openid");
        (await Store.ReplyAddresses.FindAsync(TenantB, NumberOf(1), Cancellation)).ShouldBeNull();
        await ReopenAsync();
        (await Store.ReplyAddresses.FindAsync(TenantA, NumberOf(1), Cancellation)).ShouldBe("oAbc-openid");
    }

    [Fact]
    public async Task An_append_refused_as_duplicate_or_conflict_writes_no_reply_address()
    {
        await Append(NewCase(NumberOf(1), channel: WeChat, externalId: "wx-1") with { ReplyAddress = new ReplyAddress(WeChat, "first") });

        (await Append(NewCase(NumberOf(2), channel: WeChat, externalId: "wx-1") with { ReplyAddress = new ReplyAddress(WeChat, "duplicate") }))
            .Status.ShouldBe(AppendStatus.DuplicateIntake);
        (await Append(NewCase(NumberOf(1), channel: WeChat) with { ReplyAddress = new ReplyAddress(WeChat, "conflict") }))
            .Status.ShouldBe(AppendStatus.Conflict);

        (await Store.ReplyAddresses.FindAsync(TenantA, NumberOf(1), Cancellation)).ShouldBe("first");
        (await Store.ReplyAddresses.FindAsync(TenantA, NumberOf(2), Cancellation)).ShouldBeNull();
    }

    [Fact]
    public async Task Reply_addresses_are_saved_replaced_and_forgotten_per_tenant_and_channel()
    {
        await Store.ReplyAddresses.SaveAsync(TenantA, NumberOf(1), WeChat, "13812345678", Cancellation);
        await Store.ReplyAddresses.SaveAsync(TenantA, NumberOf(2), "sms", "13812345678", Cancellation);
        await Store.ReplyAddresses.SaveAsync(TenantA, NumberOf(3), "sms", "13812345678", Cancellation);
        await Store.ReplyAddresses.SaveAsync(TenantB, NumberOf(1), "sms", "13812345678", Cancellation);
        await Store.ReplyAddresses.SaveAsync(TenantA, NumberOf(1), WeChat, "oNew-openid", Cancellation); // replaced

        (await Store.ReplyAddresses.FindAsync(TenantA, NumberOf(1), Cancellation)).ShouldBe("oNew-openid");
        (await Store.ReplyAddresses.ForgetAsync(TenantA, "sms", "13812345678", Cancellation)).ShouldBe(2);
        (await Store.ReplyAddresses.ForgetAsync(TenantA, "sms", "13812345678", Cancellation)).ShouldBe(0);

        (await Store.ReplyAddresses.FindAsync(TenantA, NumberOf(2), Cancellation)).ShouldBeNull();
        (await Store.ReplyAddresses.FindAsync(TenantA, NumberOf(3), Cancellation)).ShouldBeNull();
        (await Store.ReplyAddresses.FindAsync(TenantB, NumberOf(1), Cancellation)).ShouldBe("13812345678");
        (await Store.ReplyAddresses.FindAsync(TenantA, NumberOf(1), Cancellation)).ShouldBe("oNew-openid");
    }

    // ---------------------------------------------------------------- metrics

    [Fact]
    public async Task Commits_record_their_batch_size_and_latency_and_lost_races_count_as_write_conflicts()
    {
        using var metrics = new StorageMeasurements(DatabaseSystem);
        await Append(NewCase(NumberOf(1)));

        (await Append(Next(NumberOf(1), 0, [Event(1, "accepted")]))).Status.ShouldBe(AppendStatus.Conflict);

        metrics.Conflicts.ShouldBe(1);
        metrics.BatchSizes.Sum().ShouldBeGreaterThanOrEqualTo(2);
        metrics.BatchSizes.ShouldAllBe(size => size > 0);
        metrics.Latencies.Count.ShouldBe(metrics.BatchSizes.Count);
        metrics.Latencies.ShouldAllBe(ms => ms >= 0);
    }

    // ---------------------------------------------------------------- helpers

    protected static OutboxMessage Reply(string id, string number, string moment, DateTimeOffset createdAt, string tenant = TenantA) =>
        new(id, tenant, number, WeChat, "wx-" + number, moment, $$"""{"number":"{{number}}"}""", createdAt);

    protected static string NumberOf(int i) => $"FY-2026-{i:000000}";

    protected static StoredEvent Event(int seq, string type = "registered", string by = "agent.li") =>
        new(seq, type, T0.AddMinutes(seq), by, $$"""{"by":"{{by}}"}""");

    protected static LedgerRow Ledger(string number, string tenant = TenantA, string channel = Hotline, string? externalId = null) => new()
    {
        Tenant = tenant,
        Number = number,
        Channel = channel,
        Kind = "complaint",
        Status = "registered",
        Content = "No water since 7am",
        ExternalId = externalId,
        ReceivedAt = T0,
        RegisteredAt = T0,
        UpdatedAt = T0,
    };

    /// <summary>A new case: one "registered" event, expected seq 0.</summary>
    protected static CaseAppend NewCase(string number, string tenant = TenantA, string? externalId = null, string channel = Hotline) =>
        new(tenant, number, 0, [Event(1)], Ledger(number, tenant, channel, externalId));

    protected static CaseAppend Next(string number, int expectedSeq, IReadOnlyList<StoredEvent> events, string tenant = TenantA) =>
        new(tenant, number, expectedSeq, events, Ledger(number, tenant));

    protected static LedgerRow FullRow(string number) => new()
    {
        Tenant = TenantA,
        Number = number,
        Channel = WeChat,
        Kind = "complaint",
        Category = "low-pressure",
        Status = "closed",
        Department = "pipe-network",
        Content = "水压低，三楼以上没水",
        ComplainantName = "张三",
        ComplainantPhoneMasked = "138****5678",
        Address = "海港路12号",
        ExternalId = "wx-oAbc-123",
        RecomplaintOf = "FY-2025-009999",
        ReceivedAt = T0.AddMinutes(-2),
        RegisteredAt = T0,
        UpdatedAt = T0.AddDays(2).AddMilliseconds(17),
        ClosedAt = T0.AddDays(2),
        Satisfaction = "dissatisfied",
        Redispatches = 3,
        Owner = "agent.li",
        Handler = "handler.chen",
        NextDueAt = T0.AddDays(5),
        Overdue = true,
    };

    protected static Notification Notice(string id, string recipient, DateTimeOffset at, string number = "FY-2026-000001") =>
        new(id, TenantA, recipient, number, "clock-warned", "first-reply", at.AddHours(1), at, $"案件 {number} 即将超时");

    protected Task<AppendResult> Append(CaseAppend append) => Store.Events.AppendAsync(append, Cancellation);

    protected async Task<IReadOnlyList<LedgerRow>> Rows(LedgerQuery query) => (await Store.Ledger.QueryAsync(query, Cancellation)).Items;

    protected async Task<LedgerRow> Row(string number, string tenant = TenantA)
    {
        var rows = await Rows(new LedgerQuery { Tenant = tenant, Text = number });
        return rows.ShouldHaveSingleItem();
    }

    protected static void ShouldBeSame(IReadOnlyList<StoredEvent> actual, IReadOnlyList<StoredEvent> expected)
    {
        actual.Count.ShouldBe(expected.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            actual[i].Seq.ShouldBe(expected[i].Seq);
            actual[i].Type.ShouldBe(expected[i].Type);
            // Same instant and same offset: the event keeps the local time it was recorded in.
            actual[i].At.ShouldBe(expected[i].At);
            actual[i].At.Offset.ShouldBe(expected[i].At.Offset, $"offset of event {expected[i].Seq}");
            actual[i].At.Ticks.ShouldBe(expected[i].At.Ticks, $"local time of event {expected[i].Seq}");
            actual[i].Actor.ShouldBe(expected[i].Actor);
            actual[i].Data.ShouldBe(expected[i].Data);
        }
    }

    /// <summary>
    /// Tenant A: four cases registered an hour apart (1 oldest … 4 newest), tenant B: one case with the number of A's
    /// case 2 that matches every filter the "other tenant" query uses.
    /// </summary>
    private async Task SeedLedgerAsync()
    {
        var rows = new[]
        {
            Ledger(NumberOf(1)) with
            {
                Content = "No water on Harbour Road", ComplainantName = "Zhang San", RegisteredAt = T0,
            },
            Ledger(NumberOf(2), channel: WeChat) with
            {
                Status = "dispatched", Department = "pipe-network", Category = "no-water", Overdue = true, NextDueAt = T0,
                Content = "Low pressure 50% of the day", ComplainantName = "Zhang_San", RegisteredAt = T0.AddHours(1),
            },
            Ledger(NumberOf(3)) with
            {
                Status = "dispatched", Department = "billing", Category = "billing-dispute",
                Content = "Bill of 500 yuan, doubled", ComplainantName = "Wang Fang", RegisteredAt = T0.AddHours(2),
            },
            Ledger(NumberOf(4), channel: Gov12345) with
            {
                Status = "closed", Department = "pipe-network", Category = "no-water", ClosedAt = T0.AddHours(5),
                Content = @"Meter reads 12\34, wrong", RegisteredAt = T0.AddHours(3),
            },
            Ledger(NumberOf(2), TenantB, Gov12345) with
            {
                Status = "dispatched", Department = "pipe-network", Category = "no-water", Overdue = true,
                Content = "No water on Harbour Road either", ComplainantName = "Wang_Fang", RegisteredAt = T0.AddHours(4),
            },
        };

        foreach (var row in rows)
        {
            (await Append(new CaseAppend(row.Tenant, row.Number, 0, [Event(1)], row))).Status.ShouldBe(AppendStatus.Appended);
        }
    }
}
