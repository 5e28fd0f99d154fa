namespace Complaints.Channels;

// The platform's words a plugin needs, as constants: a plugin sees only this contract, never the complaints module
// that owns them. Each is a copy; a test in tests/Complaints.Architecture.Tests fails when one drifts from its owner.

/// <summary>
/// <see cref="ChannelReply.Moment"/>: what happened to the case, in the case history's words (owner: the case
/// events' stored names and the list of events that produce a reply, in the complaints module).
/// </summary>
public static class ReplyMoments
{
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Answered = "answered";
    public const string Signed = "signed";
    /// <summary>A department gave the case back to the desk (internal: not a return to a source platform).</summary>
    public const string Returned = "returned";

    /// <summary>The desk returned the item to the platform it came from (12345 退单).</summary>
    public const string ReturnedToSource = "returned-to-source";

    /// <summary>An extension was decided; a reply is made only for an approved one (a denial or a request makes none).</summary>
    public const string ExtensionDecided = "extension-decided";
    public const string ResultReported = "result-reported";
    public const string Closed = "closed";

    public static IReadOnlyList<string> All { get; } = [Accepted, Rejected, Answered, Signed, Returned, ReturnedToSource, ExtensionDecided, ResultReported, Closed];
}

/// <summary>A case's status, as <see cref="CaseSnapshot.Status"/> carries it (owner: the case state machine's statuses).</summary>
public static class CaseStatuses
{
    public const string Registered = "registered";
    public const string Accepted = "accepted";
    public const string PendingApproval = "pending-approval";
    public const string Dispatched = "dispatched";
    public const string InProgress = "in-progress";
    public const string Returned = "returned";
    public const string Resolved = "resolved";
    public const string Closed = "closed";
    public const string Rejected = "rejected";
    public const string Answered = "answered";

    public static IReadOnlyList<string> All { get; } = [Registered, Accepted, PendingApproval, Dispatched, InProgress, Returned, Resolved, Closed, Rejected, Answered];
}

/// <summary>The staff roles a platform token's <see cref="StaffClaims.Role"/> claim carries (owner: the state machine's roles).</summary>
public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Leader = "leader";
    public const string Admin = "admin";
    public const string Handler = "handler";

    public static IReadOnlyList<string> All { get; } = [Agent, Supervisor, Leader, Admin, Handler];
}

/// <summary>The claims of a platform token, for plugin endpoints that require a logged-in user (owner: the API's token issuer).</summary>
public static class StaffClaims
{
    public const string Tenant = "tenant";
    public const string Role = "role";
    public const string Department = "department";
    public const string Name = "name";
    public const string Subject = "sub";

    /// <summary>The user's security stamp: the host refuses a token whose stamp is no longer the user's.</summary>
    public const string Stamp = "sst";

    public static IReadOnlyList<string> All { get; } = [Tenant, Role, Department, Name, Subject, Stamp];
}

/// <summary>China Standard Time, UTC+08:00 without daylight saving (owner: the SLA module's ChinaTime).</summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);
}
