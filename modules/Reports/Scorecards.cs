using Complaints.Storage;

namespace Complaints.Reports;

/// <summary>
/// One department's or one person's card for a period (seed 001 §8, seed 004 §4.3); definitions in docs/reports.md,
/// "Scorecards". Rates are fractions rounded to 4 places, null when there is nothing to divide by.
/// </summary>
public sealed record ScorecardCounters(
    int Handled,
    int Closed,
    decimal? CompletionRate,
    int OnTime,
    int Overdue,
    int Recomplaints,
    int Points,
    decimal Fines,
    int Callbacks,
    int Satisfied,
    decimal? SatisfactionRate,
    int Redispatches,
    bool? TargetsMet);

/// <summary>A department's card (the fixed fields of the API reference, plus <see cref="Recomplaints"/>).</summary>
public sealed record DepartmentScorecard(
    string Department, string Name, int Handled, int Closed, decimal? CompletionRate, int OnTime, int Overdue, int Recomplaints,
    int Points, decimal Fines, int Callbacks, int Satisfied, decimal? SatisfactionRate, int Redispatches, bool? TargetsMet)
{
    public static DepartmentScorecard Of(string department, string name, ScorecardCounters c) => new(
        department, name, c.Handled, c.Closed, c.CompletionRate, c.OnTime, c.Overdue, c.Recomplaints, c.Points, c.Fines, c.Callbacks,
        c.Satisfied, c.SatisfactionRate, c.Redispatches, c.TargetsMet);
}

/// <summary>A clock that was breached <see cref="Items"/> times in the year, charged to the person (seed 001 §8.7).</summary>
public sealed record RepeatedBreach(string Clock, string Name, int Items);

/// <summary>A handler's card in one department; <see cref="Flagged"/> when <see cref="RepeatedBreaches"/> is not empty.</summary>
public sealed record PersonScorecard(
    string Person, string Name, string Department, int Handled, int Closed, decimal? CompletionRate, int OnTime, int Overdue, int Recomplaints,
    int Points, decimal Fines, int Callbacks, int Satisfied, decimal? SatisfactionRate, int Redispatches, bool? TargetsMet,
    bool Flagged, IReadOnlyList<RepeatedBreach> RepeatedBreaches)
{
    public static PersonScorecard Of(string person, string name, string department, ScorecardCounters c, IReadOnlyList<RepeatedBreach> repeated) => new(
        person, name, department, c.Handled, c.Closed, c.CompletionRate, c.OnTime, c.Overdue, c.Recomplaints, c.Points, c.Fines, c.Callbacks,
        c.Satisfied, c.SatisfactionRate, c.Redispatches, c.TargetsMet, repeated.Count > 0, repeated);
}

/// <summary>The scorecards of [<see cref="From"/>, <see cref="To"/>]; the same-breach flag counts the year from <see cref="YearFrom"/> to <see cref="To"/>.</summary>
public sealed record ScorecardReport(DateOnly From, DateOnly To, DateOnly YearFrom, IReadOnlyList<DepartmentScorecard> Departments, IReadOnlyList<PersonScorecard> People);

/// <summary>The pure part: the database's grouped figures and the tenant's rules make the cards.</summary>
public static class Scorecards
{
    /// <summary>The first day of the year that ends with <paramref name="to"/> (a rolling year: 2026-11-30 → 2025-12-01).</summary>
    public static DateOnly YearFrom(DateOnly to) => to.AddYears(-1).AddDays(1);

    /// <param name="departments">The tenant's departments (id → name), each gets a card; <paramref name="only"/> keeps one.</param>
    /// <param name="names">Known people's names (person id → display name); others are shown by their id.</param>
    /// <param name="clockName">A clock's name as people read it.</param>
    public static ScorecardReport Build(
        DateOnly from,
        DateOnly to,
        ScorecardFigures figures,
        ScorecardOptions rules,
        IReadOnlyDictionary<string, string> departments,
        string? only,
        IReadOnlyDictionary<string, string> names,
        Func<string, string> clockName)
    {
        bool Mine(string department) => only is null || department == only;

        var departmentIds = departments.Keys
            .Concat(figures.Cases.Select(c => c.Department))
            .Concat(figures.Breaches.Select(b => b.Department))
            .Concat(figures.Recomplaints.Select(r => r.Department))
            .Concat(figures.Redispatches.Select(r => r.Department))
            .Where(Mine)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var departmentCards = departmentIds
            .Select(d => DepartmentScorecard.Of(d, departments.GetValueOrDefault(d) ?? d, Counters(figures, rules, d, person: null)))
            .ToList();

        // The same clock breached by one person, over every department they handled for in the year.
        var repeated = figures.YearBreaches
            .GroupBy(b => (b.Person, b.Clock))
            .Select(g => (g.Key.Person, g.Key.Clock, Items: g.Sum(b => b.Items), Department: g.OrderByDescending(b => b.Items).ThenBy(b => b.Department, StringComparer.Ordinal).First().Department))
            .Where(r => r.Items >= rules.RepeatBreachLimit)
            .ToList();

        var people = figures.Cases.Where(c => c.Handler is not null).Select(c => (c.Department, Person: c.Handler!))
            .Concat(figures.Breaches.Where(b => b.Person is not null).Select(b => (b.Department, Person: b.Person!)))
            .Concat(figures.Recomplaints.Concat(figures.Redispatches).Where(r => r.Person is not null).Select(r => (r.Department, Person: r.Person!)))
            .ToList();
        // A flagged person with nothing else in the period still gets a card, under the department most of those breaches were charged to.
        people.AddRange(repeated.Where(r => r.Department is not null && !people.Any(p => p.Person == r.Person)).Select(r => (r.Department!, r.Person)));
        var personCards = people
            .Where(p => Mine(p.Department))
            .Distinct()
            .OrderBy(p => p.Department, StringComparer.Ordinal)
            .ThenBy(p => p.Person, StringComparer.Ordinal)
            .Select(p =>
            {
                var breaches = repeated.Where(r => r.Person == p.Person)
                    .Select(r => new RepeatedBreach(r.Clock, clockName(r.Clock), r.Items))
                    .OrderBy(r => r.Clock, StringComparer.Ordinal)
                    .ToList();
                return PersonScorecard.Of(p.Person, names.GetValueOrDefault(p.Person) ?? p.Person, p.Department, Counters(figures, rules, p.Department, p.Person), breaches);
            })
            .ToList();
        return new ScorecardReport(from, to, YearFrom(to), departmentCards, personCards);
    }

    /// <summary>A department's counters (<paramref name="person"/> null: every row of the department) or one person's in it.</summary>
    private static ScorecardCounters Counters(ScorecardFigures figures, ScorecardOptions rules, string department, string? person)
    {
        bool Of(string d, string? p) => d == department && (person is null || p == person);

        var cases = figures.Cases.Where(c => Of(c.Department, c.Handler)).ToList();
        var breaches = figures.Breaches.Where(b => Of(b.Department, b.Person)).ToList();
        var recomplaints = figures.Recomplaints.Where(r => Of(r.Department, r.Person)).Sum(r => r.Items);
        var handled = cases.Sum(c => c.Handled);
        var closed = cases.Sum(c => c.Closed);
        var due = handled - cases.Sum(c => c.WithinDeadline);
        var callbacks = cases.Sum(c => c.Callbacks);
        var satisfied = cases.Sum(c => c.Satisfied);
        var completion = Rate(closed, due);
        var satisfaction = Rate(satisfied, callbacks);
        return new ScorecardCounters(
            handled,
            closed,
            completion,
            cases.Sum(c => c.OnTime),
            breaches.Sum(b => b.Items),
            recomplaints,
            breaches.Sum(b => b.Points) + (recomplaints * rules.RecomplaintPoints),
            breaches.Sum(b => b.Fines) + (recomplaints * rules.RecomplaintFine),
            callbacks,
            satisfied,
            satisfaction,
            figures.Redispatches.Where(r => Of(r.Department, r.Person)).Sum(r => r.Items),
            TargetsMet(closed, due, rules.CompletionTarget, satisfied, callbacks, rules.SatisfactionTarget));
    }

    private static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Each rate that can be computed meets its target (compared unrounded: 9 of 10 meets 90 %); a rate with nothing
    /// to divide by is not judged; null when neither can be.
    /// </summary>
    public static bool? TargetsMet(int closed, int due, decimal completionTarget, int satisfied, int callbacks, decimal satisfactionTarget)
    {
        if (due == 0 && callbacks == 0)
        {
            return null;
        }

        return (due == 0 || closed >= completionTarget * due) && (callbacks == 0 || satisfied >= satisfactionTarget * callbacks);
    }
}
