using System.Data.Common;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>
/// The hand-back and crash recovery of case number blocks (<see cref="ICaseNumberBlocks"/>), the same SQL on both
/// databases, each run inside the caller's transaction.
/// </summary>
public static class CaseNumberHolds
{
    public static async Task HandBackAsync(
        DbConnection connection, DbTransaction transaction, RelationalDialect dialect,
        string tenant, int year, long next, long end, IReadOnlyCollection<long> unused, DateTimeOffset at)
    {
        var left = new SortedSet<long>(unused.Where(n => n < next));
        // The last numbers given out came back unused: given out again next, like the rest of the block.
        while (left.Remove(next - 1))
        {
            next--;
        }

        var handedBack = await connection.ExecuteAsync(
            "UPDATE number_blocks SET next = @next, held_from = NULL WHERE tenant = @tenant AND year = @year AND next = @end",
            new { tenant, year, next, end },
            transaction);
        List<NumberGap> gaps = [.. NumberGap.Of(tenant, year, left, at, NumberGap.RegistrationFailed)];
        if (handedBack == 0 && next < end)
        {
            gaps.Add(new NumberGap(tenant, year, next, end - 1, at, NumberGap.ReservedPast));
        }

        await RecordAsync(connection, transaction, dialect, gaps);
    }

    public static async Task<IReadOnlyList<NumberGap>> RecoverAsync(
        DbConnection connection, DbTransaction transaction, RelationalDialect dialect,
        string tenant, int year, Func<long, string> caseNumber, DateTimeOffset at)
    {
        var hold = await connection.QuerySingleOrDefaultAsync<(long? HeldFrom, long Next)>(
            "SELECT held_from, next FROM number_blocks WHERE tenant = @tenant AND year = @year",
            new { tenant, year },
            transaction);
        if (hold.HeldFrom is not { } from || from >= hold.Next)
        {
            return [];
        }

        var registered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (low, high) in SameWidth(from, hold.Next - 1))
        {
            // Within one width the numbers sort as text, so the primary key answers the range.
            registered.UnionWith(await connection.QueryAsync<string>(
                "SELECT number FROM cases WHERE tenant = @tenant AND number >= @low AND number <= @high",
                new { tenant, low = caseNumber(low), high = caseNumber(high) },
                transaction));
        }

        var unused = new List<long>();
        for (var n = from; n < hold.Next; n++)
        {
            if (!registered.Contains(caseNumber(n)))
            {
                unused.Add(n);
            }
        }

        var gaps = NumberGap.Of(tenant, year, unused, at, NumberGap.HolderStopped);
        await RecordAsync(connection, transaction, dialect, gaps);
        await connection.ExecuteAsync(
            "UPDATE number_blocks SET held_from = NULL WHERE tenant = @tenant AND year = @year",
            new { tenant, year },
            transaction);
        return gaps;
    }

    public const string SelectGaps =
        "SELECT tenant, year, first_number, last_number, detected_at, reason FROM number_gaps WHERE tenant = @tenant ORDER BY year, first_number";

    private static Task RecordAsync(DbConnection connection, DbTransaction transaction, RelationalDialect dialect, IReadOnlyList<NumberGap> gaps) =>
        gaps.Count == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(
                """
                INSERT INTO number_gaps (tenant, year, first_number, last_number, detected_at, reason)
                VALUES (@Tenant, @Year, @First, @Last, @DetectedAt, @Reason)
                ON CONFLICT (tenant, year, first_number) DO NOTHING
                """,
                gaps.Select(g => new { g.Tenant, g.Year, g.First, g.Last, DetectedAt = dialect.Time(g.DetectedAt), g.Reason }),
                transaction);

    /// <summary>Splits a range where its numbers grow a digit (the sequence is written with at least six).</summary>
    private static IEnumerable<(long Low, long High)> SameWidth(long low, long high)
    {
        var limit = 999_999L;
        while (low <= high)
        {
            while (low > limit)
            {
                limit = (limit * 10) + 9;
            }

            var top = Math.Min(high, limit);
            yield return (low, top);
            low = top + 1;
        }
    }
}
