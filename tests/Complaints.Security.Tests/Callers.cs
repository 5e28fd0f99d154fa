namespace Complaints.Security.Tests;

/// <summary>Who sends a request of the matrix: nobody, each staff role of the tenant in the path, the operator, another tenant's admin.</summary>
public enum Caller
{
    NoToken,
    Agent,
    Supervisor,
    Leader,
    Admin,
    /// <summary>The handler of the department the test case is dispatched to.</summary>
    Handler,
    /// <summary>A handler of another department of the same tenant.</summary>
    OtherHandler,
    /// <summary>The platform operator, of no tenant.</summary>
    Operator,
    /// <summary><c>admin@fuyang-gas</c>, against <c>fangyang-water</c>'s paths.</summary>
    OtherTenantAdmin,
}

public static class Callers
{
    public const string Tenant = "fangyang-water";
    public const string OtherTenant = "fuyang-gas";

    /// <summary>The department the test case is dispatched to, and another one.</summary>
    public const string CaseDepartment = "pipe-network";
    public const string OtherDepartment = "billing";

    /// <summary>The staff of the tenant in the path.</summary>
    public static IReadOnlyList<Caller> TenantStaff { get; } = [Caller.Agent, Caller.Supervisor, Caller.Leader, Caller.Admin, Caller.Handler, Caller.OtherHandler];

    /// <summary>Everyone who logs in (the demo users; <c>operator</c> belongs to no tenant).</summary>
    public static IReadOnlyList<Caller> WithToken { get; } = [.. TenantStaff, Caller.Operator, Caller.OtherTenantAdmin];

    public static string Login(Caller caller) => caller switch
    {
        Caller.Agent => "agent",
        Caller.Supervisor => "supervisor",
        Caller.Leader => "leader",
        Caller.Admin => "admin",
        Caller.Handler => CaseDepartment,
        Caller.OtherHandler => OtherDepartment,
        Caller.Operator => "operator",
        Caller.OtherTenantAdmin => $"admin@{OtherTenant}",
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "logs in with no name"),
    };
}
