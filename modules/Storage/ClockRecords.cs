namespace Complaints.Storage;

/// <summary>Notifications addressed to any of <see cref="Recipients"/>, newest first.</summary>
public sealed record NotificationQuery(string Tenant, IReadOnlyList<string> Recipients, DateTimeOffset? Since = null, int Page = 1, int PageSize = 50);

public sealed record NotificationPage(IReadOnlyList<Notification> Items, int Total);

/// <summary>What notifications and breach records the platform keeps, for lists and reports.</summary>
public interface IClockRecords
{
    Task<NotificationPage> NotificationsAsync(NotificationQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// A notification not caused by a case's events (e.g. a company-wide notice after a low rating). One whose id is
    /// stored already is not added again, so a notice with a fixed id is sent once however many hosts send it.
    /// </summary>
    Task AddNotificationAsync(Notification notification, CancellationToken cancellationToken = default);

    /// <summary>The breaches recorded in [from, to), oldest first.</summary>
    Task<IReadOnlyList<BreachRecord>> BreachesAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

/// <summary>
/// A message to whoever must act on a case: <see cref="Recipient"/> is <c>department:{id}</c> or <c>role:{role}</c>.
/// </summary>
public sealed record Notification(string Id, string Tenant, string Recipient, string Number, string Type, string? Clock, DateTimeOffset? DueAt, DateTimeOffset At, string Message);

/// <summary>One breached item (超时), with what it costs the department (seed 001 §8): the overdue report's source.</summary>
public sealed record BreachRecord(string Tenant, string Number, string Clock, string? Department, DateTimeOffset DueAt, DateTimeOffset BreachedAt, int Points, decimal Fine);
