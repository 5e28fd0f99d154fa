namespace Complaints.Bench;

internal sealed record Breach(string Number, DateTimeOffset At, DateTimeOffset DueAt)
{
    public double LatenessMs => (At - DueAt).TotalMilliseconds;
}

/// <summary>What the clocks did for a set of cases with known deadlines: lateness, missing and duplicate breaches.</summary>
internal sealed record DeadlineCheck(int Expected, int Fired, int Missing, int FiredTwice, int Early, Distribution LatenessMs)
{
    public static DeadlineCheck Of(IReadOnlyCollection<string> numbers, IEnumerable<Breach> breaches)
    {
        var wanted = numbers.ToHashSet();
        var mine = breaches.Where(b => wanted.Contains(b.Number)).GroupBy(b => b.Number).ToList();
        var first = mine.Select(g => g.OrderBy(b => b.At).First()).ToList();
        return new DeadlineCheck(
            wanted.Count,
            first.Count,
            wanted.Count - first.Count,
            mine.Count(g => g.Count() > 1),
            first.Count(b => b.LatenessMs < 0),
            Stats.Describe(first.Select(b => b.LatenessMs)));
    }
}
