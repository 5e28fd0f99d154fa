namespace Complaints.Tenants;

/// <summary>One tenant (a utility or a subsidiary) as configured under <c>Tenants:{tenant}</c>.</summary>
public sealed class TenantOptions
{
    public string Name { get; set; } = "";

    /// <summary>Case numbers read <c>{NumberPrefix}-{year}-{sequence}</c>, e.g. FYW-2026-000042.</summary>
    public string NumberPrefix { get; set; } = "";

    public DispatchApprovalOptions DispatchApproval { get; set; } = new();

    /// <summary>When the working day ends ("17:30"); working-day deadlines fall then instead of at 24:00.</summary>
    public string? WorkdayEnd { get; set; }

    public Dictionary<string, DepartmentOptions> Departments { get; set; } = [];

    public Dictionary<string, CategoryOptions> Categories { get; set; } = [];

    /// <summary>
    /// Channels without a plugin, whose items an agent types in: id → name (walk-in → 来访). Null: the defaults of
    /// <see cref="ChannelNames.DefaultOffline"/>. With the plugins the tenant enables (<c>Channels:{id}</c>) they are
    /// the only channels a case may come from.
    /// </summary>
    public Dictionary<string, string>? OfflineChannels { get; set; }

    /// <summary>Where complaints about staff conduct go (seed 002: 纪检监察室); unset when the tenant has no such office.</summary>
    public DisciplineOptions? Discipline { get; set; }

    /// <summary>Configured users (production): login name → user. Demo users are added on top when enabled.</summary>
    public Dictionary<string, UserOptions> Users { get; set; } = [];
}

public sealed class DispatchApprovalOptions
{
    /// <summary>Every transfer needs a leader's approval (seed 002).</summary>
    public bool Required { get; set; }

    /// <summary>Only items from these channels need it (seed 004: government platforms, via the leader in charge).</summary>
    public List<string> Channels { get; set; } = [];
}

public sealed class DepartmentOptions
{
    public string Name { get; set; } = "";
}

public sealed class CategoryOptions
{
    public string Name { get; set; } = "";

    /// <summary>The department a case of this category usually goes to.</summary>
    public string? Department { get; set; }
}

public sealed class UserOptions
{
    public string DisplayName { get; set; } = "";

    /// <summary>agent, supervisor, leader, admin or handler.</summary>
    public string Role { get; set; } = "";

    /// <summary>For handlers: the department they act for.</summary>
    public string? Department { get; set; }

    /// <summary>An ASP.NET Core Identity password hash (PBKDF2); see the README for how to make one.</summary>
    public string? PasswordHash { get; set; }
}

public sealed class DisciplineOptions
{
    /// <summary>The department that investigates staff conduct; it gets such complaints by default and alone sees them.</summary>
    public string Department { get; set; } = "";

    /// <summary>Categories that are about staff conduct; a complaint whose target is <c>staff</c> counts too.</summary>
    public List<string> ConductCategories { get; set; } = [];
}
