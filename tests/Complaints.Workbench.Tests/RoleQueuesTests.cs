namespace Complaints.Workbench.Tests;

/// <summary>Which queues each role works from, with the statuses written out by hand.</summary>
public sealed class RoleQueuesTests
{
    [Fact]
    public void The_desk_accepts_dispatches_and_calls_back_and_a_department_signs_and_handles()
    {
        RoleQueues.Of("agent").Select(q => (q.Key, string.Join(",", q.Statuses))).ShouldBe(
            [("to-accept", "registered"), ("to-dispatch", "accepted,returned"), ("callbacks", "resolved")]);
        RoleQueues.Of("handler").Select(q => (q.Key, string.Join(",", q.Statuses))).ShouldBe(
            [("to-sign", "dispatched"), ("to-handle", "in-progress")]);
        RoleQueues.Of("leader").Select(q => (q.Key, string.Join(",", q.Statuses))).ShouldBe([("approvals", "pending-approval")]);
    }

    [Fact]
    public void A_supervisor_watches_extension_requests_and_the_overdue_and_an_admin_every_open_case()
    {
        string[] open = ["registered", "accepted", "pending-approval", "dispatched", "in-progress", "returned", "resolved"];
        var supervisor = RoleQueues.Of("supervisor");
        supervisor.Select(q => (q.Key, q.ExtensionRequestedOnly, q.OverdueOnly)).ShouldBe([("extensions", true, false), ("overdue", false, true)]);
        supervisor.ShouldAllBe(q => q.Statuses.SequenceEqual(open));
        RoleQueues.ShowsOverdueBoard("supervisor").ShouldBeTrue();
        RoleQueues.ShowsOverdueBoard("agent").ShouldBeFalse();

        var admin = RoleQueues.Of("admin").ShouldHaveSingleItem();
        (admin.Key, admin.OverdueOnly, admin.ExtensionRequestedOnly).ShouldBe(("all-open", false, false));
        admin.Statuses.ShouldBe(open);
        admin.For("fangyang-water", "pipe-network", 50).ShouldBe(new Storage.QueueQuery
        {
            Tenant = "fangyang-water",
            Statuses = admin.Statuses,
            Department = "pipe-network",
            Limit = 50,
        });
    }
}
