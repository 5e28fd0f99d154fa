namespace Complaints.Storage.Tests;

/// <summary>The workbench's queues (<see cref="IOpenCases.QueueAsync"/>) and the ledger's queue columns, on every database.</summary>
public abstract partial class CaseStoreContract
{
    private IOpenCases OpenCases => (IOpenCases)Store.Ledger;

    private async Task PutAsync(int n, string status, DateTimeOffset? dueAt, bool overdue = false, string department = "pipe-network", int registeredMinutes = 0, bool warned = false, DateTimeOffset? extensionRequestedAt = null)
    {
        var row = Ledger(NumberOf(n)) with
        {
            Status = status,
            Department = department,
            NextDueAt = dueAt,
            Overdue = overdue,
            RegisteredAt = T0.AddMinutes(registeredMinutes),
            Warned = warned,
            ExtensionRequestedAt = extensionRequestedAt,
        };
        (await Append(new CaseAppend(TenantA, row.Number, 0, [Event(1)], row))).Status.ShouldBe(AppendStatus.Appended);
    }

    [Fact]
    public async Task A_queue_holds_its_statuses_overdue_first_then_the_nearest_deadline_then_those_without_one()
    {
        await PutAsync(1, "dispatched", T0.AddHours(5));
        await PutAsync(2, "dispatched", T0.AddHours(1));
        await PutAsync(3, "in-progress", T0.AddHours(3));
        await PutAsync(4, "in-progress", dueAt: null, registeredMinutes: 5);
        await PutAsync(5, "dispatched", dueAt: null, registeredMinutes: 1);
        await PutAsync(6, "in-progress", T0.AddHours(9), overdue: true, registeredMinutes: 9); // a breached clock and another one running
        await PutAsync(7, "dispatched", dueAt: null, overdue: true, registeredMinutes: 2);
        await PutAsync(8, "registered", T0); // another status
        await PutAsync(9, "dispatched", T0, department: "billing"); // another department
        (await Append(NewCase(NumberOf(10), TenantB))).Status.ShouldBe(AppendStatus.Appended); // another tenant

        var queue = await OpenCases.QueueAsync(new QueueQuery { Tenant = TenantA, Statuses = ["dispatched", "in-progress"], Department = "pipe-network" }, Cancellation);

        queue.Select(r => r.Number).ShouldBe([NumberOf(7), NumberOf(6), NumberOf(2), NumberOf(3), NumberOf(1), NumberOf(5), NumberOf(4)]);
        (await OpenCases.QueueAsync(new QueueQuery { Tenant = TenantA, Statuses = ["dispatched", "in-progress"], Department = "pipe-network", Limit = 3 }, Cancellation))
            .Select(r => r.Number).ShouldBe([NumberOf(7), NumberOf(6), NumberOf(2)]);
        (await OpenCases.QueueAsync(new QueueQuery { Tenant = TenantA, Statuses = ["dispatched"] }, Cancellation))
            .Select(r => r.Number).ShouldBe([NumberOf(7), NumberOf(9), NumberOf(2), NumberOf(1), NumberOf(5)]);
    }

    [Fact]
    public async Task The_overdue_board_and_the_extension_requests_hold_only_their_cases_and_the_ledger_keeps_both_columns()
    {
        await PutAsync(1, "in-progress", T0.AddHours(2), extensionRequestedAt: T0.AddMinutes(30), warned: true);
        await PutAsync(2, "in-progress", dueAt: null, overdue: true, registeredMinutes: 3);
        await PutAsync(3, "dispatched", T0.AddHours(1), overdue: true, registeredMinutes: 1);
        await PutAsync(4, "in-progress", T0.AddHours(1));
        await PutAsync(5, "closed", dueAt: null, overdue: true); // ended: not on an open queue

        string[] open = ["dispatched", "in-progress"];
        (await OpenCases.QueueAsync(new QueueQuery { Tenant = TenantA, Statuses = open, OverdueOnly = true }, Cancellation))
            .Select(r => r.Number).ShouldBe([NumberOf(3), NumberOf(2)]);
        var requests = await OpenCases.QueueAsync(new QueueQuery { Tenant = TenantA, Statuses = open, ExtensionRequestedOnly = true }, Cancellation);
        var request = requests.ShouldHaveSingleItem();
        (request.Number, request.Warned, request.ExtensionRequestedAt).ShouldBe((NumberOf(1), true, T0.AddMinutes(30)));

        // A later append replaces both: the warning and the request are over.
        var row = Ledger(NumberOf(1)) with { Status = "in-progress", Warned = false, ExtensionRequestedAt = null };
        (await Append(new CaseAppend(TenantA, row.Number, 1, [Event(2, "extension-decided")], row))).Status.ShouldBe(AppendStatus.Appended);
        (await OpenCases.QueueAsync(new QueueQuery { Tenant = TenantA, Statuses = open, ExtensionRequestedOnly = true }, Cancellation)).ShouldBeEmpty();
        var after = (await Store.Ledger.QueryAsync(new LedgerQuery { Tenant = TenantA, Text = NumberOf(1) }, Cancellation)).Items.ShouldHaveSingleItem();
        (after.Warned, after.ExtensionRequestedAt).ShouldBe((false, null));
    }
}
