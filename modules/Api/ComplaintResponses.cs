using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Grains;
using Complaints.Storage;
using Complaints.Texts;

namespace Complaints.Api;

public sealed record HistoryResponse(int Seq, DateTimeOffset At, string Actor, string Type, JsonElement Data);

/// <summary>The complainant: in a case, every contact masked (phone, e-mail, WeChat OpenID); from <c>/contact</c>, unmasked.</summary>
public sealed record ComplainantResponse(string? Name, string? Phone, string? Address, string? AccountNo, bool Anonymous, string? Email = null, string? OpenId = null);

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
    /// <summary>
    /// The case as <paramref name="reader"/> may see it: phones typed into its free text (content, name, address,
    /// account, location, target, result, extension reason, every event's data) stay as written for those who may read
    /// its contact (<see cref="Roles.MayReadContact"/>) and are masked for everyone else. The complainant's phone
    /// field is masked for all; <c>/contact</c> shows it, recorded in the history.
    /// </summary>
    public static ComplaintResponse From(CaseView v, ClaimsPrincipal reader) => From(v, mask: !reader.MayReadContact(v.Department));

    private static ComplaintResponse From(CaseView v, bool mask)
    {
        string? Free(string? text) => mask ? PhoneMask.InTextOrNull(text) : text;
        return new(
        v.Number,
        v.Tenant,
        v.Channel,
        v.Kind,
        v.Category,
        v.Status,
        v.Department,
        Free(v.Content)!,
        new ComplainantResponse(Free(v.Complainant.Name), v.Complainant.Phone, Free(v.Complainant.Address), Free(v.Complainant.AccountNo), v.Complainant.Anonymous, v.Complainant.Email, v.Complainant.OpenId),
        v.ReceivedAt,
        v.RegisteredAt,
        v.Clocks,
        [.. v.History.Select(h => new HistoryResponse(h.Seq, h.At, h.Actor, h.Type, Data(h.Data, mask)))],
        v.Target is { } t && mask ? t with { Name = Free(t.Name) } : v.Target,
        Free(v.Location),
        v.ExternalId,
        v.RecomplaintOf,
        v.Recomplaints,
        v.Owner,
        v.Redispatches,
        v.Returns,
        v.PendingExtension is { } p && mask ? p with { Reason = Free(p.Reason)! } : v.PendingExtension,
        v.ExtendedUntil,
        Free(v.Result),
        v.Satisfaction,
        v.ClosedAt,
        v.ExternalDeadline,
        v.Flags,
        v.Responsible,
        v.Handler,
        v.RedispatchesAgainst,
        v.CallbackAttempts);
    }

    /// <summary>An event's data, every string in it masked when <paramref name="mask"/> (notes, reasons, results, the registration's content).</summary>
    private static JsonElement Data(string data, bool mask)
    {
        if (!mask || !PhoneMask.HasPhone(data))
        {
            return JsonDocument.Parse(data).RootElement.Clone();
        }

        var node = JsonNode.Parse(data);
        MaskStrings(node);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void MaskStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        o[name] = PhoneMask.InText(s);
                    }
                    else
                    {
                        MaskStrings(value);
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue v && v.TryGetValue<string>(out var s))
                    {
                        a[i] = PhoneMask.InText(s);
                    }
                    else
                    {
                        MaskStrings(a[i]);
                    }
                }

                break;
        }
    }
}

public sealed record ListedComplainant(string? Name, string? Phone, string? Address);

/// <summary>
/// One row of a list: the phone is masked for every role, and so are phones typed into its content, name and address —
/// a list is a bulk view (screens, exports); the case itself shows its text to those who may read its contact.
/// </summary>
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
        PhoneMask.InText(r.Content),
        new ListedComplainant(PhoneMask.InTextOrNull(r.ComplainantName), r.ComplainantPhoneMasked, PhoneMask.InTextOrNull(r.Address)),
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
