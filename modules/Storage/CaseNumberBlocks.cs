namespace Complaints.Storage;

/// <summary>Hands out blocks of case numbers durably, so a number is never given twice, even after a crash.</summary>
public interface ICaseNumberBlocks
{
    /// <summary>Reserves <paramref name="size"/> numbers for the tenant's year; returns the first.</summary>
    Task<long> ReserveAsync(string tenant, int year, int size, CancellationToken cancellationToken = default);
}
