namespace Complaints.Storage;

/// <summary>Notifications addressed to any of <see cref="Recipients"/>, newest first.</summary>
public sealed record NotificationQuery(string Tenant, IReadOnlyList<string> Recipients, DateTimeOffset? Since = null, int Page = 1, int PageSize = 50);

public sealed record NotificationPage(IReadOnlyList<Notification> Items, int Total);

/// <summary>What notifications and breach records the platform keeps, for lists and reports.</summary>
public interface IClockRecords
{
    Task<NotificationPage> NotificationsAsync(NotificationQuery query, CancellationToken cancellationToken = default);

    /// <summary>A notification not caused by a case's events (e.g. a company-wide notice after a low rating).</summary>
    Task AddNotificationAsync(Notification notification, CancellationToken cancellationToken = default);

    /// <summary>The breaches recorded in [from, to), oldest first.</summary>
    Task<IReadOnlyList<BreachRecord>> BreachesAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

/// <summary>
/// The official holiday schedules an administrator loaded at run time (each year as JSON), so they survive a
/// restart without a release.
/// </summary>
public interface ICalendarYears
{
    IReadOnlyDictionary<int, string> Load();

    Task SaveAsync(int year, string scheduleJson, CancellationToken cancellationToken = default);
}
