namespace Complaints.Cases;

/// <summary>
/// The stored names (kebab-case) of the lifecycle events: <see cref="EventCodec"/> names the events with these, and
/// SLA policies start and stop clocks on them. The clock events' own names are <see cref="EventCodec"/>'s alone.
/// </summary>
public static class CaseEventTypes
{
#pragma warning disable CS1591 // the names say it all
    public const string Registered = "registered";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Answered = "answered";
    public const string Dispatched = "dispatched";
    public const string DispatchApproved = "dispatch-approved";
    public const string Signed = "signed";
    public const string Returned = "returned";
    public const string ExtensionRequested = "extension-requested";
    public const string ExtensionDecided = "extension-decided";
    public const string ResultReported = "result-reported";
    public const string CallbackRecorded = "callback-recorded";
    public const string Redispatched = "redispatched";
    public const string Supervised = "supervised";
    public const string Closed = "closed";
    public const string ContactViewed = "contact-viewed";
    public const string Recomplained = "recomplained";
#pragma warning restore CS1591

    /// <summary>Every lifecycle event type; a policy naming anything else is refused (a typo would silently disable a clock).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Registered, Accepted, Rejected, Answered, Dispatched, DispatchApproved, Signed, Returned,
        ExtensionRequested, ExtensionDecided, ResultReported, CallbackRecorded, Redispatched, Supervised, Closed,
        ContactViewed, Recomplained,
    ];

    private static readonly HashSet<string> Known = new(All, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="type"/> names a lifecycle event (ignoring case, as policies are read).</summary>
    public static bool IsKnown(string type) => Known.Contains(type);
}
