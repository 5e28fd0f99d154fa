using Complaints.Cases;
using static Complaints.Sla.Tests.TestTime;

namespace Complaints.Sla.Tests;

/// <summary>
/// Every category of every shipped tenant, driven through the whole lifecycle with the tenant's own policy:
/// on time every clock that ran is met; late every clock that ran breaches exactly once, at the tenant's cost.
/// </summary>
public sealed class ClockPresetScenarioTests
{
    private static readonly string[] Tenants = ["fangyang-water", "fuyang-gas", "city-water"];

    private static readonly Dictionary<string, (int Points, decimal Fine)> Costs = new()
    {
        ["fangyang-water"] = (2, 20m),
        ["city-water"] = (2, 20m),
        ["fuyang-gas"] = (0, 0m),
    };

    public static TheoryData<string, string> EveryCategory()
    {
        var data = new TheoryData<string, string>();
        foreach (var tenant in Tenants)
        {
            foreach (var category in ClockPresets.CategoryDepartments(tenant).Keys.Order(StringComparer.Ordinal))
            {
                data.Add(tenant, category);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCategory))]
    public void Handled_within_minutes_every_clock_that_ran_is_met_and_nothing_is_left_pending(string tenant, string category)
    {
        var run = ClockedCase.Of(tenant);
        var t0 = T("2026-09-30T16:00:00+08:00");

        Walk(run, category, t0, TimeSpan.FromMinutes(5), Satisfaction.Satisfied);

        run.State.Status.ShouldBe(CaseStatus.Closed);
        run.State.Clocks.Select(c => c.Name).ShouldContain(ClockNames.Resolution);
        run.State.Clocks.Select(c => c.Name).ShouldContain(ClockNames.SignFor);
        run.State.Clocks.Select(c => c.Name).ShouldContain(ClockNames.Callback);
        run.State.Clocks.ShouldAllBe(c => c.Status == ClockStatus.Met && !c.IsRunning);
        run.Log.OfType<ClockWarned>().ShouldBeEmpty();
        run.Log.OfType<ClockBreached>().ShouldBeEmpty();
        run.WakeUp.ShouldBeNull();
        run.Log.OfType<ClockStarted>().ShouldAllBe(s => s.WarnAt >= s.StartedAt && s.WarnAt <= s.DueAt && s.DueAt.Offset == China);
    }

    [Theory]
    [MemberData(nameof(EveryCategory))]
    public void Handled_a_month_late_at_every_step_every_clock_that_ran_breaches_once_at_the_tenant_cost(string tenant, string category)
    {
        var run = ClockedCase.Of(tenant);
        var t0 = T("2026-09-30T16:00:00+08:00");

        Walk(run, category, t0, TimeSpan.FromDays(30), Satisfaction.Satisfied);

        var breaches = run.Log.OfType<ClockBreached>().ToList();
        breaches.Select(b => b.Name).Order().ShouldBe(run.State.Clocks.Select(c => c.Name).Order(), "every clock that ran breached, each once");
        breaches.ShouldAllBe(b => b.Points == Costs[tenant].Points && b.Fine == Costs[tenant].Fine);
        foreach (var b in breaches)
        {
            b.At.ShouldBeGreaterThanOrEqualTo(b.DueAt, $"{b.Name} breached before it was due");
        }

        // Each step came long after both warning and deadline: only breaches were recorded, none twice.
        run.Log.OfType<ClockWarned>().ShouldBeEmpty();
        run.State.Clocks.ShouldAllBe(c => c.Status == ClockStatus.Breached && !c.IsRunning && !c.IsOverdue);
        run.WakeUp.ShouldBeNull();
        run.Engine.Due(run.State, t0.AddYears(1)).ShouldBeEmpty();
        CaseState.Replay(run.Log)!.Clocks.ShouldBe(run.State.Clocks);
    }

    [Theory]
    [MemberData(nameof(EveryCategory))]
    public void An_unsatisfied_customer_restarts_the_department_clocks_with_their_full_durations(string tenant, string category)
    {
        var run = ClockedCase.Of(tenant);
        var t0 = T("2026-09-30T16:00:00+08:00");
        Walk(run, category, t0, TimeSpan.FromMinutes(5), Satisfaction.Unsatisfied);
        var redispatchedAt = t0.AddMinutes(25);
        var rules = new SlaPolicyEvaluator(ClockPresets.Policy(tenant)).Evaluate("hotline", "complaint", category).ToDictionary(r => r.Name);

        var restarted = run.Log.OfType<ClockStarted>().Where(s => s.At == redispatchedAt).ToList();

        run.State.Status.ShouldBe(CaseStatus.Dispatched);
        restarted.Select(s => s.Name).ShouldContain(ClockNames.SignFor);
        restarted.Select(s => s.Name).ShouldContain(ClockNames.Resolution);
        foreach (var s in restarted)
        {
            var expected = ClockSchedule.Compute(rules[s.Name], redispatchedAt, ClockPresets.Calendar);
            s.StartedAt.ShouldBe(redispatchedAt, s.Name);
            s.DueAt.ShouldBe(expected.DueAt, s.Name);
            s.WarnAt.ShouldBe(expected.WarnAt, s.Name);
            s.Department.ShouldBe(run.State.Department, s.Name);
        }

        run.State.Clocks.Where(c => c.IsRunning).Select(c => c.Name).Order().ShouldBe(restarted.Select(s => s.Name).Order());
    }

    /// <summary>Register by hotline, accept, dispatch to the category's department, sign, report, call back: one step each <paramref name="gap"/>.</summary>
    private static void Walk(ClockedCase run, string category, DateTimeOffset t0, TimeSpan gap, Satisfaction satisfaction)
    {
        var department = ClockPresets.CategoryDepartments(run.Tenant)[category];
        run.Register(t0);
        run.Accept(t0 + gap, category);
        run.Dispatch(t0 + (2 * gap), department);
        run.Sign(t0 + (3 * gap));
        run.Report(t0 + (4 * gap));
        run.Callback(t0 + (5 * gap), satisfaction);
    }
}
