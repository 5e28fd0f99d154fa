namespace Complaints.Bench;

internal sealed record Breach(string Number, DateTimeOffset At, DateTimeOffset DueAt)
{
    public double LatenessMs => (At - DueAt).TotalMilliseconds;
}

/// <summary>A warning as recorded (<see cref="At"/>), when it was due (<see cref="WarnAt"/>) and its clock's deadline.</summary>
internal sealed record Warning(string Number, DateTimeOffset At, DateTimeOffset WarnAt, DateTimeOffset DueAt)
{
    public double LatenessMs => (At - WarnAt).TotalMilliseconds;

    /// <summary>How long before its deadline the warning came.</summary>
    public double AheadSeconds => (DueAt - At).TotalSeconds;
}

/// <summary>
/// What the clocks did for a set of cases with known deadlines: lateness, missing and duplicate breaches; and the
/// warnings' lateness and how long before its deadline the latest-coming one came (deadlines go first at a full
/// catch-up gate, so warnings pay for a backlog).
/// </summary>
internal sealed record DeadlineCheck(int Expected, int Fired, int Missing, int FiredTwice, int Early, Distribution LatenessMs, IReadOnlyList<LatenessSlice> Slices)
{
    public Distribution? WarningLatenessMs { get; init; }

    /// <summary>The least time any warning came before its deadline, s.</summary>
    public double? LeastWarningAheadSeconds { get; init; }

    /// <summary>The width of a <see cref="LatenessSlice"/>: a storm's lateness over its window shows when a backlog formed.</summary>
    public static readonly TimeSpan SliceWidth = TimeSpan.FromSeconds(10);

    public static DeadlineCheck Of(IReadOnlyCollection<string> numbers, IEnumerable<Breach> breaches, IEnumerable<Warning>? warnings = null)
    {
        var wanted = numbers.ToHashSet();
        var mine = breaches.Where(b => wanted.Contains(b.Number)).GroupBy(b => b.Number).ToList();
        var first = mine.Select(g => g.OrderBy(b => b.At).First()).ToList();
        var warned = warnings?.Where(w => wanted.Contains(w.Number)).ToList() ?? [];
        return new DeadlineCheck(
            wanted.Count,
            first.Count,
            wanted.Count - first.Count,
            mine.Count(g => g.Count() > 1),
            first.Count(b => b.LatenessMs < 0),
            Stats.Describe(first.Select(b => b.LatenessMs)),
            Slice(first))
        {
            WarningLatenessMs = warned.Count == 0 ? null : Stats.Describe(warned.Select(w => w.LatenessMs)),
            LeastWarningAheadSeconds = warned.Count == 0 ? null : warned.Min(w => w.AheadSeconds),
        };
    }

    /// <summary>The deadlines in slices of <see cref="SliceWidth"/> from the first one due.</summary>
    private static List<LatenessSlice> Slice(List<Breach> breaches)
    {
        if (breaches.Count == 0)
        {
            return [];
        }

        var firstDue = breaches.Min(b => b.DueAt);
        return [.. breaches.GroupBy(b => (b.DueAt - firstDue).Ticks / SliceWidth.Ticks).OrderBy(g => g.Key)
            .Select(g => new LatenessSlice(g.Key * SliceWidth.TotalSeconds, Stats.Describe(g.Select(b => b.LatenessMs))))];
    }
}

/// <summary>The lateness of the deadlines due in one slice of the window, from <see cref="FromSeconds"/> after the first.</summary>
internal sealed record LatenessSlice(double FromSeconds, Distribution LatenessMs);
