using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Complaints.Storage.Relational;

namespace Complaints.Storage.Tests;

/// <summary>
/// Listens to the <c>Complaints.Storage</c> meter while alive, keeping the measurements of one database
/// (<c>db.system</c>): the meter is process-wide, and the test classes of the other database run side by side.
/// </summary>
public sealed class StorageMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _conflicts;

    public StorageMeasurements(string system)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StorageMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) =>
        {
            if (Of(system, tags) && instrument == StorageMetrics.CommitBatchSize)
            {
                BatchSizes.Add(value);
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (Of(system, tags) && instrument == StorageMetrics.CommitDuration)
            {
                Latencies.Add(value);
            }
        });
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (Of(system, tags) && instrument == StorageMetrics.WriteConflicts)
            {
                Interlocked.Add(ref _conflicts, value);
            }
        });
        _listener.Start();
    }

    public ConcurrentBag<int> BatchSizes { get; } = [];

    public ConcurrentBag<double> Latencies { get; } = [];

    public long Conflicts => Interlocked.Read(ref _conflicts);

    public void Dispose() => _listener.Dispose();

    private static bool Of(string system, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "db.system")
            {
                return Equals(tag.Value, system);
            }
        }

        return false;
    }
}
