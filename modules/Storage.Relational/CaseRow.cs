using System.Globalization;

namespace Complaints.Storage.Relational;

/// <summary>
/// A <c>cases</c> row as Dapper reads it (properties named as the columns). Times, the flag and the count are read as
/// they come (long or DateTime, long or bool) and mapped by the dialect.
/// </summary>
internal sealed class CaseRow
{
    public string tenant { get; set; } = "";
    public string number { get; set; } = "";
    public string channel { get; set; } = "";
    public string kind { get; set; } = "";
    public string? category { get; set; }
    public string status { get; set; } = "";
    public string? department { get; set; }
    public string content { get; set; } = "";
    public string? complainant_name { get; set; }
    public string? complainant_phone_masked { get; set; }
    public string? address { get; set; }
    public string? external_id { get; set; }
    public string? recomplaint_of { get; set; }
    public object received_at { get; set; } = 0L;
    public object registered_at { get; set; } = 0L;
    public object updated_at { get; set; } = 0L;
    public object? closed_at { get; set; }
    public string? satisfaction { get; set; }
    public object redispatches { get; set; } = 0L;
    public object? next_due_at { get; set; }
    public object overdue { get; set; } = 0L;
    public object? wake_at { get; set; }
    public string? owner { get; set; }
    public string? handler { get; set; }
    public string? target_type { get; set; }
    public string? target_name { get; set; }
    public string? location { get; set; }
    public object? dispatched_at { get; set; }
    public object? resolution_due_at { get; set; }
    public string? result { get; set; }
    public object? callback_at { get; set; }
    public object callbacks { get; set; } = 0L;
    public object resolution_breached { get; set; } = 0L;
    public object warned { get; set; } = 0L;
    public object? extension_requested_at { get; set; }

    public LedgerRow ToLedgerRow(RelationalDialect dialect) => new()
    {
        Tenant = tenant,
        Number = number,
        Channel = channel,
        Kind = kind,
        Category = category,
        Status = status,
        Department = department,
        Content = content,
        ComplainantName = complainant_name,
        ComplainantPhoneMasked = complainant_phone_masked,
        Address = address,
        ExternalId = external_id,
        RecomplaintOf = recomplaint_of,
        ReceivedAt = dialect.ReadTime(received_at),
        RegisteredAt = dialect.ReadTime(registered_at),
        UpdatedAt = dialect.ReadTime(updated_at),
        ClosedAt = dialect.ReadTimeOrNull(closed_at),
        Satisfaction = satisfaction,
        Redispatches = Convert.ToInt32(redispatches, CultureInfo.InvariantCulture),
        NextDueAt = dialect.ReadTimeOrNull(next_due_at),
        Overdue = Convert.ToBoolean(overdue, CultureInfo.InvariantCulture),
        WakeAt = dialect.ReadTimeOrNull(wake_at),
        Owner = owner,
        Handler = handler,
        TargetType = target_type,
        TargetName = target_name,
        Location = location,
        DispatchedAt = dialect.ReadTimeOrNull(dispatched_at),
        ResolutionDueAt = dialect.ReadTimeOrNull(resolution_due_at),
        Result = result,
        CallbackAt = dialect.ReadTimeOrNull(callback_at),
        Callbacks = Convert.ToInt32(callbacks, CultureInfo.InvariantCulture),
        ResolutionBreached = Convert.ToBoolean(resolution_breached, CultureInfo.InvariantCulture),
        Warned = Convert.ToBoolean(warned, CultureInfo.InvariantCulture),
        ExtensionRequestedAt = dialect.ReadTimeOrNull(extension_requested_at),
    };
}
