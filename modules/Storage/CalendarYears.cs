namespace Complaints.Storage;

/// <summary>
/// The official holiday schedules an administrator loaded at run time (each year as JSON), so they survive a
/// restart without a release.
/// </summary>
public interface ICalendarYears
{
    IReadOnlyDictionary<int, string> Load();

    Task SaveAsync(int year, string scheduleJson, CancellationToken cancellationToken = default);
}
