namespace Complaints.Storage;

/// <summary>
/// Notifications addressed to any of <see cref="Recipients"/>, newest first. With a <see cref="Reader"/> the page says
/// which items that user has read and how many are unread; <see cref="UnreadOnly"/> lists only those.
/// </summary>
public sealed record NotificationQuery(string Tenant, IReadOnlyList<string> Recipients, DateTimeOffset? Since = null, int Page = 1, int PageSize = 50)
{
    /// <summary>The user whose read marks apply (the token's subject); null: none.</summary>
    public string? Reader { get; init; }

    public bool UnreadOnly { get; init; }
}

public sealed record NotificationPage(IReadOnlyList<Notification> Items, int Total)
{
    /// <summary>The ids among <see cref="Items"/> that the query's reader has read.</summary>
    public IReadOnlySet<string> Read { get; init; } = new HashSet<string>();

    /// <summary>How many of the reader's notifications (all pages, any <c>since</c>) are unread.</summary>
    public int Unread { get; init; }
}

/// <summary>A notification with where the store put it: the order in which a feed hands notifications on.</summary>
/// <param name="StoredAt">The database's time of the insert: later rows have later or equal times.</param>
public sealed record FeedItem(Notification Notification, DateTimeOffset StoredAt);

/// <summary>What notifications and breach records the platform keeps, for lists and reports.</summary>
public interface IClockRecords
{
    Task<NotificationPage> NotificationsAsync(NotificationQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// A notification not caused by a case's events (e.g. a company-wide notice after a low rating). One whose id is
    /// stored already is not added again, so a notice with a fixed id is sent once however many hosts send it.
    /// </summary>
    Task AddNotificationAsync(Notification notification, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks <paramref name="ids"/> (null: every notification addressed to <paramref name="recipients"/>) read by
    /// <paramref name="reader"/>; only notifications addressed to <paramref name="recipients"/> are marked. Returns how
    /// many were newly marked (marking twice keeps the first time).
    /// </summary>
    Task<int> MarkReadAsync(string tenant, string reader, IReadOnlyList<string> recipients, IReadOnlyList<string>? ids, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tenant's notifications stored after <paramref name="after"/> (every recipient), in the order stored, at most
    /// <paramref name="limit"/>: what a feed reads to push notifications to connected clients.
    /// </summary>
    Task<IReadOnlyList<FeedItem>> FeedAsync(string tenant, DateTimeOffset after, int limit, CancellationToken cancellationToken = default);

    /// <summary>The newest stored time of the tenant's notifications (null: none), where a new feed starts.</summary>
    Task<DateTimeOffset?> FeedEndAsync(string tenant, CancellationToken cancellationToken = default);

    /// <summary>When notification <paramref name="id"/> was stored (null: unknown id): where a resumed stream goes on.</summary>
    Task<DateTimeOffset?> StoredAtAsync(string tenant, string id, CancellationToken cancellationToken = default);

    /// <summary>The breaches recorded in [from, to), oldest first.</summary>
    Task<IReadOnlyList<BreachRecord>> BreachesAsync(string tenant, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}

/// <summary>
/// A message to whoever must act on a case: <see cref="Recipient"/> is <c>department:{id}</c>, <c>role:{role}</c>,
/// <c>user:{id}</c> or <c>all</c>. <see cref="Text"/> is what it says, rendered in each reader's language when read;
/// rows without one (written before texts, or a plugin's notice) say <see cref="Message"/> as stored.
/// </summary>
public sealed record Notification(string Id, string Tenant, string Recipient, string Number, string Type, string? Clock, DateTimeOffset? DueAt, DateTimeOffset At, string Message)
{
    public TextRef? Text { get; init; }
}

/// <summary>
/// A text as stored: a key of the platform's resource set and its arguments (the storage contract knows no
/// languages; the reader's side renders it).
/// </summary>
public sealed record TextRef(string Key, IReadOnlyList<TextArg> Args)
{
    public bool Equals(TextRef? other) => other is not null && Key == other.Key && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => HashCode.Combine(Key, Args.Count);
}

/// <summary>One argument of a <see cref="TextRef"/>: a value written as is, or the key of a word rendered in the reader's language.</summary>
public sealed record TextArg(string Value, bool IsKey = false)
{
    public static TextArg Word(string key) => new(key, IsKey: true);

    public static implicit operator TextArg(string value) => new(value);
}

/// <summary>One breached item (超时), with what it costs the department (seed 001 §8): the overdue report's source.</summary>
public sealed record BreachRecord(string Tenant, string Number, string Clock, string? Department, DateTimeOffset DueAt, DateTimeOffset BreachedAt, int Points, decimal Fine)
{
    /// <summary>Who the fine is charged to: the department user who had signed for the case; null for the desk's clocks or before signing.</summary>
    public string? Person { get; init; }
}
