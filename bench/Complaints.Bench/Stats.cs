namespace Complaints.Bench;

/// <summary>Percentiles of one sample, and median and spread of one figure over repetitions.</summary>
internal static class Stats
{
    /// <summary>The nearest-rank percentile of a sorted sample (p in 0…100); NaN when empty.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static Distribution Describe(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? new Distribution(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Distribution(sorted.Count, sorted[0], Percentile(sorted, 50), Percentile(sorted, 99), Percentile(sorted, 99.9), sorted[^1]);
    }

    /// <summary>Median, minimum and maximum of one figure over repeated runs.</summary>
    public static Spread Over(IEnumerable<double> runs)
    {
        var sorted = runs.Where(v => !double.IsNaN(v)).Order().ToList();
        if (sorted.Count == 0)
        {
            return new Spread(double.NaN, double.NaN, double.NaN, 0);
        }

        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return new Spread(median, sorted[0], sorted[^1], sorted.Count);
    }
}

/// <summary>One sample: count, min, p50, p99, p99.9, max (in the unit of the sample).</summary>
internal sealed record Distribution(int Count, double Min, double P50, double P99, double P999, double Max);

/// <summary>One figure over <see cref="Runs"/> repetitions.</summary>
internal sealed record Spread(double Median, double Min, double Max, int Runs);
