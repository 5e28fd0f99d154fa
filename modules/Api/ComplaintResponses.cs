using System.Text.Json;
using Complaints.Grains;
using Complaints.Storage;

namespace Complaints.Api;

public sealed record HistoryResponse(int Seq, DateTimeOffset At, string Actor, string Type, JsonElement Data);

public sealed record ComplainantResponse(string? Name, string? Phone, string? Address, string? AccountNo, bool Anonymous);

/// <summary>A case as docs/api.md describes it, plus the further fields a desk needs.</summary>
public sealed record ComplaintResponse(
    string Number,
    string Tenant,
    string Channel,
    string Kind,
    string? Category,
    string Status,
    string? Department,
    string Content,
    ComplainantResponse Complainant,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RegisteredAt,
    IReadOnlyList<ClockView> Clocks,
    IReadOnlyList<HistoryResponse> History,
    TargetInput? Target,
    string? Location,
    string? ExternalId,
    string? RecomplaintOf,
    IReadOnlyList<string> Recomplaints,
    string Owner,
    int Redispatches,
    int Returns,
    ExtensionView? PendingExtension,
    DateTimeOffset? ExtendedUntil,
    string? Result,
    string? Satisfaction,
    DateTimeOffset? ClosedAt,
    DateTimeOffset? ExternalDeadline,
    IReadOnlyList<string> Flags,
    string? Responsible,
    string? Handler,
    IReadOnlyList<string> RedispatchesAgainst,
    int CallbackAttempts)
{
    public static ComplaintResponse From(CaseView v) => new(
        v.Number,
        v.Tenant,
        v.Channel,
        v.Kind,
        v.Category,
        v.Status,
        v.Department,
        v.Content,
        new ComplainantResponse(v.Complainant.Name, v.Complainant.Phone, v.Complainant.Address, v.Complainant.AccountNo, v.Complainant.Anonymous),
        v.ReceivedAt,
        v.RegisteredAt,
        v.Clocks,
        [.. v.History.Select(h => new HistoryResponse(h.Seq, h.At, h.Actor, h.Type, JsonDocument.Parse(h.Data).RootElement.Clone()))],
        v.Target,
        v.Location,
        v.ExternalId,
        v.RecomplaintOf,
        v.Recomplaints,
        v.Owner,
        v.Redispatches,
        v.Returns,
        v.PendingExtension,
        v.ExtendedUntil,
        v.Result,
        v.Satisfaction,
        v.ClosedAt,
        v.ExternalDeadline,
        v.Flags,
        v.Responsible,
        v.Handler,
        v.RedispatchesAgainst,
        v.CallbackAttempts);
}

public sealed record ListedComplainant(string? Name, string? Phone, string? Address);

/// <summary>One row of a list: the phone is masked for every role.</summary>
public sealed record ComplaintListItem(
    string Number,
    string Channel,
    string Kind,
    string? Category,
    string Status,
    string? Department,
    string Content,
    ListedComplainant Complainant,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RegisteredAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? NextDueAt,
    bool Overdue,
    int Redispatches,
    string? Satisfaction,
    DateTimeOffset? ClosedAt,
    string? RecomplaintOf,
    string? Owner,
    string? Handler)
{
    public static ComplaintListItem From(LedgerRow r) => new(
        r.Number,
        r.Channel,
        r.Kind,
        r.Category,
        r.Status,
        r.Department,
        r.Content,
        new ListedComplainant(r.ComplainantName, r.ComplainantPhoneMasked, r.Address),
        r.ReceivedAt,
        r.RegisteredAt,
        r.UpdatedAt,
        r.NextDueAt,
        r.Overdue,
        r.Redispatches,
        r.Satisfaction,
        r.ClosedAt,
        r.RecomplaintOf,
        r.Owner,
        r.Handler);
}

public sealed record ComplaintPage(IReadOnlyList<ComplaintListItem> Items, int Total, int Page, int PageSize);
