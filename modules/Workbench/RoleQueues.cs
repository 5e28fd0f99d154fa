using Complaints.Cases;
using Complaints.Grains;
using Complaints.Storage;
using Complaints.Texts;

namespace Complaints.Workbench;

/// <summary>One queue of a role's home page: its key (the tab's), its title and what of the ledger it holds.</summary>
public sealed record QueueDefinition(string Key, string Title, IReadOnlyList<string> Statuses, bool OverdueOnly = false, bool ExtensionRequestedOnly = false)
{
    /// <summary>The ledger query of this queue for <paramref name="tenant"/>, of <paramref name="department"/> when given.</summary>
    public QueueQuery For(string tenant, string? department, int limit) => new()
    {
        Tenant = tenant,
        Statuses = Statuses,
        Department = department,
        OverdueOnly = OverdueOnly,
        ExtensionRequestedOnly = ExtensionRequestedOnly,
        Limit = limit,
    };
}

/// <summary>
/// Which queues each role works from (工作台): the desk takes new items up, dispatches them and calls back; a
/// department signs for and handles its cases; a leader approves; a supervisor decides extensions and watches what is
/// overdue; a tenant admin sees everything open. Pure: the page reads each queue from the ledger.
/// </summary>
public static class RoleQueues
{
    /// <summary>The statuses of an open case (not closed, rejected or answered).</summary>
    public static IReadOnlyList<string> Open { get; } =
        [.. Enum.GetValues<CaseStatus>().Except([CaseStatus.Closed, CaseStatus.Rejected, CaseStatus.Answered]).Select(s => Cases.Words.Of(s))];

    public static IReadOnlyList<QueueDefinition> Of(string role)
    {
        if (role == Roles.Agent)
        {
            return
            [
                new("to-accept", TextKeys.Workbench.Queues.ToAccept, [Status(CaseStatus.Registered)]),
                new("to-dispatch", TextKeys.Workbench.Queues.ToDispatch, [Status(CaseStatus.Accepted), Status(CaseStatus.Returned)]),
                new("callbacks", TextKeys.Workbench.Queues.Callbacks, [Status(CaseStatus.Resolved)]),
            ];
        }

        if (role == Roles.Handler)
        {
            return
            [
                new("to-sign", TextKeys.Workbench.Queues.ToSign, [Status(CaseStatus.Dispatched)]),
                new("to-handle", TextKeys.Workbench.Queues.ToHandle, [Status(CaseStatus.InProgress)]),
            ];
        }

        if (role == Roles.Leader)
        {
            return [new("approvals", TextKeys.Workbench.Queues.Approvals, [Status(CaseStatus.PendingApproval)])];
        }

        if (role == Roles.Supervisor)
        {
            return
            [
                new("extensions", TextKeys.Workbench.Queues.Extensions, Open, ExtensionRequestedOnly: true),
                new("overdue", TextKeys.Workbench.Queues.Overdue, Open, OverdueOnly: true),
            ];
        }

        return [new("all-open", TextKeys.Workbench.Queues.AllOpen, Open)];
    }

    /// <summary>Whether the role's page shows the day's overdue list (逾期未处理明细表) under its overdue queue.</summary>
    public static bool ShowsOverdueBoard(string role) => role == Roles.Supervisor;

    private static string Status(CaseStatus status) => Cases.Words.Of(status);
}
