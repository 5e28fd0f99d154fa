namespace Complaints.Storage.Tests;

/// <summary>The ledger's reads for the export and the callback register, on both stores.</summary>
public abstract partial class CaseStoreContract
{
    [Fact]
    public async Task The_ledger_streams_every_matching_row_oldest_registered_first_whatever_the_page()
    {
        await SeedLedgerAsync();

        (await StreamAsync(new LedgerQuery { Tenant = TenantA, Page = 2, PageSize = 1 })).ShouldBe([NumberOf(1), NumberOf(2), NumberOf(3), NumberOf(4)]);
        (await StreamAsync(new LedgerQuery { Tenant = TenantA, Status = "dispatched" })).ShouldBe([NumberOf(2), NumberOf(3)]);
        (await StreamAsync(new LedgerQuery { Tenant = TenantA, Overdue = true })).ShouldBe([NumberOf(2)]);
        (await StreamAsync(new LedgerQuery { Tenant = TenantA, From = T0.AddHours(1), Department = "pipe-network" })).ShouldBe([NumberOf(2), NumberOf(4)]);
        (await StreamAsync(new LedgerQuery { Tenant = TenantA, Text = "Zhang_San" })).ShouldBe([NumberOf(2)]);
        (await StreamAsync(new LedgerQuery { Tenant = TenantB })).ShouldBe([NumberOf(2)]);
        (await StreamAsync(new LedgerQuery { Tenant = TenantA, Status = "archived" })).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_callback_register_reads_the_cases_called_back_in_the_window_by_callback_time()
    {
        var rows = new[]
        {
            Ledger(NumberOf(1)) with { Status = "closed", Department = "pipe-network", CallbackAt = T0.AddHours(20), Callbacks = 1 },
            Ledger(NumberOf(2)) with { Status = "closed", Department = "billing", CallbackAt = T0.AddHours(2), Callbacks = 2 },
            Ledger(NumberOf(3)) with { Status = "resolved", Department = "pipe-network" },
            Ledger(NumberOf(4)) with { Status = "closed", Department = "pipe-network", CallbackAt = T0.AddHours(30), Callbacks = 1 },
            Ledger(NumberOf(1), TenantB) with { Status = "closed", Department = "pipe-network", CallbackAt = T0.AddHours(2), Callbacks = 1 },
        };
        foreach (var row in rows)
        {
            (await Append(new CaseAppend(row.Tenant, row.Number, 0, [Event(1)], row))).Status.ShouldBe(AppendStatus.Appended);
        }

        var register = (ICallbackLedger)Store.Ledger;
        var day = await register.CalledBackAsync(TenantA, T0, T0.AddDays(1), null, Cancellation);
        day.Select(r => r.Number).ShouldBe([NumberOf(2), NumberOf(1)]);
        day[0].CallbackAt.ShouldBe(T0.AddHours(2));
        day[0].Callbacks.ShouldBe(2);
        (await register.CalledBackAsync(TenantA, T0, T0.AddDays(1), "pipe-network", Cancellation)).Select(r => r.Number).ShouldBe([NumberOf(1)]);
        (await register.CalledBackAsync(TenantA, T0.AddHours(20), T0.AddHours(30), null, Cancellation)).Select(r => r.Number).ShouldBe([NumberOf(1)]);
        (await register.CalledBackAsync(TenantB, T0, T0.AddDays(2), null, Cancellation)).Select(r => r.Number).ShouldBe([NumberOf(1)]);
    }

    private async Task<List<string>> StreamAsync(LedgerQuery query)
    {
        var numbers = new List<string>();
        await foreach (var row in Store.Ledger.StreamAsync(query, Cancellation))
        {
            numbers.Add(row.Number);
        }

        return numbers;
    }
}
