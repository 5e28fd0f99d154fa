namespace Complaints.Storage;

/// <summary>
/// Hands out blocks of case numbers durably, so a number is never given twice, and takes back what their holder did
/// not use, so numbers run on without a gap (seed 002: 统一编号; an auditor reads a gap as a lost complaint). The
/// holder (one per tenant and year) is recorded as holding from its first block on until it hands back; a holder that
/// stopped without handing back (a crash) is found by the next one, which records the numbers never registered as a
/// <see cref="NumberGap"/>.
/// </summary>
public interface ICaseNumberBlocks
{
    /// <summary>Reserves <paramref name="size"/> numbers for the tenant's year; returns the first.</summary>
    Task<long> ReserveAsync(string tenant, int year, int size, CancellationToken cancellationToken = default);

    /// <summary>
    /// Hands back what the holder did not use: the numbers from <paramref name="next"/> up to <paramref name="end"/>
    /// (the end of the last block it reserved, exclusive) are given out again next; numbers below that it gave out and
    /// got back unused (<paramref name="unused"/>: registrations that failed) are given out again if they are the last,
    /// else recorded as a gap. Ends the hold.
    /// </summary>
    Task HandBackAsync(string tenant, int year, long next, long end, IReadOnlyCollection<long> unused, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// After a holder stopped without handing back: records the numbers it reserved that no case has
    /// (<paramref name="caseNumber"/> writes a sequence as the case number) as gaps, and ends its hold. Returns them.
    /// </summary>
    Task<IReadOnlyList<NumberGap>> RecoverAsync(string tenant, int year, Func<long, string> caseNumber, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The tenants' years whose numbers are held now (or were, by a holder that crashed).</summary>
    Task<IReadOnlyList<(string Tenant, int Year)>> HeldAsync(CancellationToken cancellationToken = default);

    /// <summary>The tenant's recorded gaps, by year and number.</summary>
    Task<IReadOnlyList<NumberGap>> GapsAsync(string tenant, CancellationToken cancellationToken = default);
}

/// <summary>Case numbers <see cref="First"/>…<see cref="Last"/> of a year that no case will ever have, and why.</summary>
public sealed record NumberGap(string Tenant, int Year, long First, long Last, DateTimeOffset DetectedAt, string Reason)
{
    /// <summary>The holder of the numbers stopped without handing them back (a crash).</summary>
    public const string HolderStopped = "holder-stopped";

    /// <summary>Given to a registration that failed, and not given out again before the holder stopped.</summary>
    public const string RegistrationFailed = "registration-failed";

    /// <summary>Another holder reserved after them (two holders at once, after a cluster split).</summary>
    public const string ReservedPast = "reserved-past";

    public long Count => Last - First + 1;

    /// <summary>Runs of consecutive numbers as gaps.</summary>
    public static IReadOnlyList<NumberGap> Of(string tenant, int year, IEnumerable<long> numbers, DateTimeOffset at, string reason)
    {
        var gaps = new List<NumberGap>();
        foreach (var number in numbers.Distinct().Order())
        {
            if (gaps.Count > 0 && gaps[^1].Last + 1 == number)
            {
                gaps[^1] = gaps[^1] with { Last = number };
            }
            else
            {
                gaps.Add(new NumberGap(tenant, year, number, number, at, reason));
            }
        }

        return gaps;
    }
}
