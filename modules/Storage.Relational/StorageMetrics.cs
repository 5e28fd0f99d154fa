using System.Diagnostics.Metrics;

namespace Complaints.Storage.Relational;

/// <summary>
/// The stores' own metrics, on the meter <c>Complaints.Storage</c>: how many units each commit carries, how long a commit
/// takes, how many appends lose an optimistic-concurrency race. Recorded once per batch (or per lost race) with one
/// preallocated tag, so the hot path allocates nothing for them.
/// </summary>
public static class StorageMetrics
{
    public const string MeterName = "Complaints.Storage";

    private static readonly Meter Meter = new(MeterName);

    public static Histogram<int> CommitBatchSize { get; } =
        Meter.CreateHistogram<int>("complaints.storage.commit.batch_size", "{unit}", "Units of work committed by one transaction of the writer.");

    public static Histogram<double> CommitDuration { get; } =
        Meter.CreateHistogram<double>("complaints.storage.commit.duration", "ms", "Time from opening a batch's transaction to its commit.");

    public static Counter<long> WriteConflicts { get; } =
        Meter.CreateCounter<long>("complaints.storage.write_conflicts", "{append}", "Appends refused because another writer appended to the case first.");

    /// <summary>Records one committed batch of <paramref name="size"/> units that began at <paramref name="startedAt"/> (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public static void Committed(KeyValuePair<string, object?> database, int size, long startedAt)
    {
        CommitBatchSize.Record(size, database);
        CommitDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, database);
    }

    /// <summary>Counts an append refused because another writer moved the case on first.</summary>
    public static void Conflict(KeyValuePair<string, object?> database) => WriteConflicts.Add(1, database);

    /// <summary>The tag that says which store recorded a measurement (<c>db.system</c>: sqlite, postgresql).</summary>
    public static KeyValuePair<string, object?> Database(string system) => new("db.system", system);
}
