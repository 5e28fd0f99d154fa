using Complaints.Grains;
using Complaints.Sla;

namespace Complaints.Workbench;

/// <summary>What the registration form holds, and the intake's request it becomes (the API's body, field for field).</summary>
public sealed class RegistrationForm
{
    /// <summary>The channel whose items carry a work order number and their own deadline (12345 政务服务热线).</summary>
    public const string Gov12345 = "gov-12345";

    /// <summary>Who a complaint may be about (投诉对象), as the intake reads <c>target.type</c>.</summary>
    public static readonly IReadOnlyList<string> TargetTypes = ["company", "department", "staff"];

    /// <summary>The request's fields the form shows (an intake refusal naming another is shown above the button).</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "channel", "kind", "content", "complainant.name", "complainant.phone", "complainant.address", "complainant.accountNo", "receivedAt", "category",
        "target", "target.type", "target.name", "externalId", "externalDeadline", "recomplaintOf",
    };

    public string? Channel { get; set; }
    public string Kind { get; set; } = "complaint";
    public string? Content { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? AccountNo { get; set; }
    public bool Anonymous { get; set; }

    /// <summary>China time, as the agent reads the clock.</summary>
    public DateTime? ReceivedAt { get; set; }

    public string? Category { get; set; }

    /// <summary>company, department or staff; empty: not said.</summary>
    public string? TargetType { get; set; }

    public string? TargetName { get; set; }

    /// <summary>The 12345 work order's number (sent only for the gov-12345 channel).</summary>
    public string? ExternalId { get; set; }

    /// <summary>The 12345 work order's deadline in China time (sent only for the gov-12345 channel): it wins over the tenant's.</summary>
    public DateTime? ExternalDeadline { get; set; }

    /// <summary>The earlier case this call complains about again (重复投诉).</summary>
    public string? RecomplaintOf { get; set; }

    /// <summary>Whether the 12345 work order's fields apply: the channel is 12345's.</summary>
    public bool IsGov12345 => Channel == Gov12345;

    /// <summary>
    /// What the caller's earlier cases are looked up by, as the agent types: the phone once it is a whole phone number
    /// (not while half typed), the account number from 4 characters; null for neither.
    /// </summary>
    public (string? Phone, string? AccountNo) LookupKeys()
    {
        var phone = Phones.IsValid(Phone) ? Phone!.Trim() : null;
        var account = AccountNo?.Trim() is { Length: >= MinAccountLookup } a ? a : null;
        return (phone, account);
    }

    /// <summary>The shortest account number looked up: shorter ones match too many customers' to mean anything.</summary>
    public const int MinAccountLookup = 4;

    public RegisterComplaintRequest ToRequest() => new()
    {
        Channel = Channel,
        Kind = Kind,
        Content = Content,
        Category = string.IsNullOrEmpty(Category) ? null : Category,
        ReceivedAt = China(ReceivedAt),
        Complainant = new ComplainantInput(Empty(Name), Empty(Phone), Empty(Address), Empty(AccountNo), Anonymous),
        Target = string.IsNullOrEmpty(TargetType) ? null : new TargetInput(TargetType, Empty(TargetName)),
        ExternalId = IsGov12345 ? Empty(ExternalId) : null,
        ExternalDeadline = IsGov12345 ? China(ExternalDeadline) : null,
        RecomplaintOf = Empty(RecomplaintOf),
    };

    private static DateTimeOffset? China(DateTime? at) =>
        at is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Unspecified), ChinaTime.Offset) : null;

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
