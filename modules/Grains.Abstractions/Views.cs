namespace Complaints.Grains;

/// <summary>One SLA clock: state is running, warned, breached, met or stopped.</summary>
[GenerateSerializer, Alias("clock-view"), Immutable]
public sealed record ClockView(
    [property: Id(0)] string Name,
    [property: Id(1)] DateTimeOffset StartedAt,
    [property: Id(2)] DateTimeOffset DueAt,
    [property: Id(3)] DateTimeOffset? WarnAt,
    [property: Id(4)] string State)
{
    /// <summary>Who the clock runs against, if a department.</summary>
    [Id(5)] public string? Department { get; init; }

    [Id(6)] public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>
    /// True when the time from start to due crosses a year without an official holiday schedule: the due time was
    /// counted with weekends only there and may move when the year is loaded (docs/domain.md).
    /// </summary>
    [Id(7)] public bool Provisional { get; init; }
}

/// <summary>One step of the case's history; <see cref="Data"/> is the event's JSON with personal data masked.</summary>
[GenerateSerializer, Alias("history-entry"), Immutable]
public sealed record HistoryEntry(
    [property: Id(0)] int Seq,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] string Type,
    [property: Id(4)] string Data);

[GenerateSerializer, Alias("extension-view"), Immutable]
public sealed record ExtensionView(
    [property: Id(0)] DateTimeOffset Until,
    [property: Id(1)] string Reason,
    [property: Id(2)] string RequestedBy,
    [property: Id(3)] DateTimeOffset RequestedAt);

/// <summary>A case as the API shows it (docs/api.md): the phone is always masked here.</summary>
[GenerateSerializer, Alias("case-view"), Immutable]
public sealed record CaseView
{
    [Id(0)] public required string Number { get; init; }
    [Id(1)] public required string Tenant { get; init; }
    [Id(2)] public required string Channel { get; init; }
    [Id(3)] public required string Kind { get; init; }
    [Id(4)] public string? Category { get; init; }
    [Id(5)] public required string Status { get; init; }
    [Id(6)] public string? Department { get; init; }
    [Id(7)] public required string Content { get; init; }
    [Id(8)] public required ComplainantInput Complainant { get; init; }
    [Id(9)] public required DateTimeOffset ReceivedAt { get; init; }
    [Id(10)] public required DateTimeOffset RegisteredAt { get; init; }
    [Id(11)] public IReadOnlyList<ClockView> Clocks { get; init; } = [];
    [Id(12)] public IReadOnlyList<HistoryEntry> History { get; init; } = [];
    [Id(13)] public TargetInput? Target { get; init; }
    [Id(14)] public string? Location { get; init; }
    [Id(15)] public string? ExternalId { get; init; }
    [Id(16)] public string? RecomplaintOf { get; init; }
    [Id(17)] public IReadOnlyList<string> Recomplaints { get; init; } = [];
    [Id(18)] public required string Owner { get; init; }
    [Id(19)] public int Redispatches { get; init; }
    [Id(20)] public int Returns { get; init; }
    [Id(21)] public ExtensionView? PendingExtension { get; init; }
    [Id(22)] public DateTimeOffset? ExtendedUntil { get; init; }
    [Id(23)] public string? Result { get; init; }
    [Id(24)] public string? Satisfaction { get; init; }
    [Id(25)] public DateTimeOffset? ClosedAt { get; init; }
    [Id(26)] public DateTimeOffset? ExternalDeadline { get; init; }
    [Id(27)] public IReadOnlyList<string> Flags { get; init; } = [];
    [Id(28)] public string? Responsible { get; init; }
    // Ids from 40 on: parallel work adds fields at the next free ids.
    /// <summary>The department user who signed for it in the current round (承办人).</summary>
    [Id(40)] public string? Handler { get; init; }
    /// <summary>The department each re-dispatch or escalation counts against, in order.</summary>
    [Id(41)] public IReadOnlyList<string> RedispatchesAgainst { get; init; } = [];
    /// <summary>Callbacks since the latest result that did not reach the customer.</summary>
    [Id(42)] public int CallbackAttempts { get; init; }
}

public enum OutcomeKind
{
    Ok,
    Created,
    /// <summary>The same channel + external id was registered before: <see cref="CaseOutcome.Case"/> is that case.</summary>
    Duplicate,
    NotFound,
    Invalid,
    Conflict,
    Forbidden,
}

/// <summary>What a call on a case came to: the case, or why not (nothing changed then).</summary>
[GenerateSerializer, Alias("case-outcome"), Immutable]
public sealed record CaseOutcome(
    [property: Id(0)] OutcomeKind Kind,
    [property: Id(1)] CaseView? Case = null,
    [property: Id(2)] string? Message = null,
    [property: Id(3)] string? Field = null)
{
    public bool Succeeded => Kind is OutcomeKind.Ok or OutcomeKind.Created or OutcomeKind.Duplicate;
}

[GenerateSerializer, Alias("contact-outcome"), Immutable]
public sealed record ContactOutcome(
    [property: Id(0)] OutcomeKind Kind,
    [property: Id(1)] ComplainantInput? Contact = null,
    [property: Id(2)] string? Message = null);
