using System.Diagnostics;
using System.Runtime;
using Complaints.Api;
using Orleans.Runtime;

namespace Complaints.Host;

/// <summary>Platform operator-only figures about the process, for capacity planning and the benchmark.</summary>
internal static class PlatformDiagnostics
{
    /// <summary>
    /// <c>POST /api/v1/admin/diagnostics/memory</c>: a full, compacting garbage collection, then the managed heap, the
    /// process's resident memory and the number of grain activations. With <c>deactivateIdleSeconds</c>, grains idle
    /// for at least that long are deactivated first (what Orleans' idle collection does on its own after
    /// <c>Orleans:IdleMinutes</c>). It pauses the process briefly: an operator's tool, not a probe.
    /// </summary>
    public static void MapPlatformDiagnostics(this WebApplication app) =>
        app.MapPost("/api/v1/admin/diagnostics/memory", MemoryAsync)
            .RequireAuthorization(ApiModule.OperatorPolicy)
            .Produces<MemoryReport>()
            .WithTags("admin")
            .WithSummary("Collect garbage fully and report the managed heap, resident memory and grain activations.");

    private static async Task<IResult> MemoryAsync(IGrainFactory grains, int? deactivateIdleSeconds)
    {
        if (deactivateIdleSeconds is < 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["deactivateIdleSeconds"] = ["Must be zero or more."] });
        }

        var management = grains.GetGrain<IManagementGrain>(0);
        if (deactivateIdleSeconds is { } idle)
        {
            await management.ForceActivationCollection(TimeSpan.FromSeconds(idle));
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);

        using var process = Process.GetCurrentProcess();
        var info = GC.GetGCMemoryInfo();
        return TypedResults.Ok(new MemoryReport(
            GC.GetTotalMemory(forceFullCollection: false),
            info.HeapSizeBytes,
            info.TotalCommittedBytes,
            process.WorkingSet64,
            process.PrivateMemorySize64,
            await management.GetTotalActivationCount(),
            GCSettings.IsServerGC,
            Environment.ProcessorCount));
    }
}

/// <summary>Bytes, after a full collection.</summary>
public sealed record MemoryReport(
    long ManagedHeapBytes,
    long GcHeapSizeBytes,
    long GcCommittedBytes,
    long WorkingSetBytes,
    long PrivateBytes,
    int Activations,
    bool ServerGc,
    int Processors);
