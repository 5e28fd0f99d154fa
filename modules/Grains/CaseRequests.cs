using Complaints.Cases;
using Complaints.Tenants;

namespace Complaints.Grains;

/// <summary>Turns the API's requests (strings, as users type them) into the state machine's typed commands.</summary>
internal static class CaseRequests
{
    public static (Register? Command, Refusal? Refusal) ToRegister(string tenant, string number, RegisterComplaintRequest r)
    {
        if (string.IsNullOrWhiteSpace(r.Kind))
        {
            return (null, new Refusal(RefusalKind.Invalid, "This field is required.", "kind"));
        }

        if (!Words.TryParse<ComplaintKind>(r.Kind, out var kind))
        {
            return (null, Unknown("kind", r.Kind, Words.All<ComplaintKind>()));
        }

        ComplaintTarget? target = null;
        if (r.Target is { } t)
        {
            if (!Words.TryParse<TargetType>(t.Type, out var type))
            {
                return (null, Unknown("target.type", t.Type, Words.All<TargetType>()));
            }

            target = new ComplaintTarget(type, string.IsNullOrWhiteSpace(t.Name) ? null : t.Name.Trim());
        }

        var c = r.Complainant;
        var complainant = c is null
            ? new Complainant(Anonymous: true)
            : new Complainant(Trim(c.Name), Trim(c.Phone), Trim(c.Address), Trim(c.AccountNo), c.Anonymous);
        return (new Register(
            tenant,
            number,
            r.Channel ?? "",
            kind,
            r.Content ?? "",
            r.Category,
            r.ReceivedAt,
            r.ExternalId,
            complainant,
            target,
            r.Location,
            r.RecomplaintOf,
            r.ExternalDeadline), null);
    }

    public static (CaseCommand? Command, Refusal? Refusal) ToCommand(CaseActionRequest request) => request switch
    {
        AcceptRequest r => (new Accept(r.Category ?? "", r.Note), null),
        RejectRequest r => (new Reject(r.Reason ?? ""), null),
        AnswerRequest r => (new Answer(r.Reply ?? ""), null),
        DispatchRequest r => (new Dispatch(r.Department ?? "", r.Note), null),
        ApproveDispatchRequest r => (new ApproveDispatch(r.Note), null),
        SignRequest => (new Sign(), null),
        ReturnRequest r => (new Return(r.Reason ?? ""), null),
        RequestExtensionRequest { Until: null } => (null, new Refusal(RefusalKind.Invalid, "This field is required.", "until")),
        RequestExtensionRequest r => (new RequestExtension(r.Until.Value, r.Reason ?? ""), null),
        DecideExtensionRequest { Approve: null } => (null, new Refusal(RefusalKind.Invalid, "This field is required.", "approve")),
        DecideExtensionRequest r => (new DecideExtension(r.Approve.Value, r.Note), null),
        ReportResultRequest r => (new ReportResult(r.Result ?? "", r.Measures, r.Accountability, r.Compensation), null),
        RecordCallbackRequest r when string.IsNullOrWhiteSpace(r.Satisfaction) => (null, new Refusal(RefusalKind.Invalid, "This field is required.", "satisfaction")),
        RecordCallbackRequest r => Words.TryParse<Satisfaction>(r.Satisfaction, out var s)
            ? (new RecordCallback(s, r.Note), null)
            : (null, Unknown("satisfaction", r.Satisfaction, Words.All<Satisfaction>())),
        SuperviseRequest r => (new Supervise(r.Note ?? ""), null),
        _ => (null, new Refusal(RefusalKind.Invalid, $"Unknown action '{request.GetType().Name}'.")),
    };

    public static Actor ToActor(ActorInfo actor) =>
        Words.TryParse<Role>(actor.Role, out var role)
            ? new Actor(actor.User, role, actor.Department)
            : throw new ArgumentException($"Unknown role '{actor.Role}'.", nameof(actor));

    public static CaseRules RulesOf(Tenant tenant) => new(
        tenant.Categories.Keys.ToHashSet(StringComparer.Ordinal),
        tenant.Departments.Keys.ToHashSet(StringComparer.Ordinal),
        tenant.ApprovalForAll,
        tenant.ApprovalChannels);

    private static Refusal Unknown(string field, string? value, IEnumerable<string> known) =>
        new(RefusalKind.Invalid, $"Unknown value '{value}'. Known: {string.Join(", ", known)}.", field);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
