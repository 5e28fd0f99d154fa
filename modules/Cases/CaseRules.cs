namespace Complaints.Cases;

/// <summary>What a tenant's configuration tells the state machine.</summary>
/// <param name="Channels">The channel ids a case may come from (enabled plugins and offline channels); null: not checked.</param>
/// <param name="UsualDepartments">Category → the department its cases usually go to: the dispatch default.</param>
/// <param name="Discipline">Where complaints about staff conduct go (seed 002); null when the tenant has no such office.</param>
/// <param name="Attachments">The tenant's limits on files; null: <see cref="AttachmentRules.Default"/>.</param>
public sealed record CaseRules(
    IReadOnlySet<string> Categories,
    IReadOnlySet<string> Departments,
    bool ApprovalForAll = false,
    IReadOnlySet<string>? ApprovalChannels = null,
    NotReachedPolicy? NotReached = null,
    IReadOnlySet<string>? Channels = null,
    IReadOnlyDictionary<string, string>? UsualDepartments = null,
    DisciplineRule? Discipline = null,
    AttachmentRules? Attachments = null)
{
    /// <summary>The tenant's limits on files, or the defaults.</summary>
    public AttachmentRules AttachmentLimits => Attachments ?? AttachmentRules.Default;

    /// <summary>Some tenants need a leader's approval before a transfer (seed 002; seed 004 for government platforms).</summary>
    public bool RequiresApproval(string channel) => ApprovalForAll || (ApprovalChannels?.Contains(channel) ?? false);

    /// <summary>A complaint about a staff member, or in one of the tenant's conduct categories (seed 002).</summary>
    public bool IsConduct(string? category, ComplaintTarget? target) =>
        Discipline is { } d && (target?.Type == TargetType.Staff || (category is not null && d.ConductCategories.Contains(category)));

    /// <summary>Where a dispatch without a department goes: the discipline office for conduct, else the category's department.</summary>
    public string? DefaultDepartment(string? category, ComplaintTarget? target) =>
        IsConduct(category, target) ? Discipline!.Department
        : category is not null && UsualDepartments is not null && UsualDepartments.TryGetValue(category, out var department) ? department
        : null;
    /// <summary>
    /// Whether items from <paramref name="channel"/> can be handed back to the platform that sent them (12345 退单): a
    /// government hotline platform takes back what was routed to the wrong company.
    /// </summary>
    public static bool ReturnsToSource(string channel) => channel == "gov-12345";
}

/// <summary>
/// When a customer who cannot be reached at the callback closes the case as not reached (seed 000 art. 12): at the
/// <see cref="Attempts"/>-th failed attempt, or at a failed attempt made <see cref="After"/> or longer after the
/// result. Both null (no policy): the case stays resolved until the customer is reached.
/// </summary>
public sealed record NotReachedPolicy(int? Attempts, TimeSpan? After)
{
    /// <summary>Whether the <paramref name="attempt"/>-th failed attempt, made at <paramref name="now"/>, closes the case.</summary>
    public bool GivesUp(int attempt, DateTimeOffset? resolvedAt, DateTimeOffset now) =>
        attempt >= Attempts || (After is { } after && resolvedAt is { } at && now - at >= after);
}

/// <summary>The discipline office (纪检监察室) and the categories that are about staff conduct.</summary>
public sealed record DisciplineRule(string Department, IReadOnlySet<string> ConductCategories);
