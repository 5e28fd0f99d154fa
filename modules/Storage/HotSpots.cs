namespace Complaints.Storage;

/// <summary>
/// The cases registered in [<see cref="From"/>, <see cref="To"/>) that the hot spots are found among; with a
/// <see cref="Department"/>, only the cases now with that department (a handler's own).
/// </summary>
public sealed record HotSpotQuery(string Tenant, DateTimeOffset From, DateTimeOffset To)
{
    public string? Department { get; init; }
}

/// <summary>
/// One case as the hot spots read it: what a hot spot lists, the places to find its street or community in, and
/// <see cref="Complainant"/>, which stands for the complainant's phone without being it.
/// </summary>
public sealed record HotSpotCase
{
    public required string Number { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public string? Category { get; init; }
    public required string Status { get; init; }
    public string? Department { get; init; }
    public required string Content { get; init; }
    public string? Address { get; init; }
    public string? Location { get; init; }
    public string? ComplainantName { get; init; }

    /// <summary>Always masked (138****5678).</summary>
    public string? ComplainantPhoneMasked { get; init; }

    /// <summary>
    /// The same number for the cases of one read whose complainant gave the same phone (spaces and hyphens ignored),
    /// null without a phone. The phone itself never leaves the database: it lives only in the registration event.
    /// </summary>
    public long? Complainant { get; init; }
}

/// <summary>Reads the cases for the hot spots report (seed 002: issues many customers raise).</summary>
public interface IHotSpots
{
    /// <summary>The period's cases, oldest first, as they are read (a month is not held in memory by the store).</summary>
    IAsyncEnumerable<HotSpotCase> HotSpotCasesAsync(HotSpotQuery query, CancellationToken cancellationToken = default);
}
