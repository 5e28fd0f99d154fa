using Complaints.Texts;

namespace Complaints.Reports;

/// <summary>The words of <see cref="SnapshotKind"/>: as stored and in the API (<c>daily</c>, <c>monthly</c>, <c>quarterly</c>), and as people read them.</summary>
public static class SnapshotKinds
{
    public static IReadOnlyList<SnapshotKind> All { get; } = Enum.GetValues<SnapshotKind>();

    public static string Name(SnapshotKind kind) => kind switch
    {
        SnapshotKind.Daily => "daily",
        SnapshotKind.Monthly => "monthly",
        SnapshotKind.Quarterly => "quarterly",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? name, out SnapshotKind kind)
    {
        foreach (var candidate in All)
        {
            if (Name(candidate) == name)
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The key of the kind's word (每日报表, 月度报表, 季度报表).</summary>
    public static string WordKey(SnapshotKind kind) => kind switch
    {
        SnapshotKind.Daily => TextKeys.Snapshots.Daily,
        SnapshotKind.Monthly => TextKeys.Snapshots.Monthly,
        _ => TextKeys.Snapshots.Quarterly,
    };
}
