using Complaints.Grains;
using Complaints.Sla;

namespace Complaints.Workbench;

/// <summary>What the registration form holds, and the intake's request it becomes (the API's body, field for field).</summary>
public sealed class RegistrationForm
{
    /// <summary>The request's fields the form shows (an intake refusal naming another is shown above the button).</summary>
    public static readonly IReadOnlySet<string> Fields = new HashSet<string>(StringComparer.Ordinal)
    {
        "channel", "kind", "content", "complainant.name", "complainant.phone", "complainant.address", "complainant.accountNo", "receivedAt", "category",
    };

    public string? Channel { get; set; }
    public string Kind { get; set; } = "complaint";
    public string? Content { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? AccountNo { get; set; }

    /// <summary>China time, as the agent reads the clock.</summary>
    public DateTime? ReceivedAt { get; set; }

    public string? Category { get; set; }

    public RegisterComplaintRequest ToRequest() => new()
    {
        Channel = Channel,
        Kind = Kind,
        Content = Content,
        Category = string.IsNullOrEmpty(Category) ? null : Category,
        ReceivedAt = ReceivedAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Unspecified), ChinaTime.Offset) : null,
        Complainant = new ComplainantInput(Empty(Name), Empty(Phone), Empty(Address), Empty(AccountNo)),
    };

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}
