using Complaints.Cases;

namespace Complaints.Grains;

/// <summary>The statuses' words as the API and the ledger show them: taken from <see cref="CaseStatus"/>, their owner.</summary>
public static class CaseStatuses
{
    public static IReadOnlyList<string> All { get; } = [.. Words.All<CaseStatus>()];
}
