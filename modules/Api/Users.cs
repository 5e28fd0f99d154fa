using System.Collections.Frozen;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Complaints.Grains;
using Complaints.Storage;
using Complaints.Tenants;
using Microsoft.Extensions.Configuration;

namespace Complaints.Api;

/// <summary>
/// Someone who may log in, as a token carries them. <paramref name="Login"/> is what they type and the token's subject
/// (<c>name@tenant</c>; an operator's bare name); <paramref name="Name"/> the login within the tenant.
/// </summary>
public sealed record PlatformUser(string Login, string? Tenant, string Name, string DisplayName, string Role, string? Department, string SecurityStamp, bool Demo)
{
    public static PlatformUser Of(UserAccount account) => new(
        UserDirectory.LoginOf(account.Tenant, account.Login), account.Tenant, account.Login, account.DisplayName, account.Role, account.Department, account.SecurityStamp, false);

    /// <summary>Who the user is to every request: a bearer token's claims, and the workbench's sign-in cookie's.</summary>
    public IReadOnlyList<Claim> Claims()
    {
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, Login),
            new(PlatformClaims.Name, DisplayName),
            new(PlatformClaims.Role, Role),
            new(PlatformClaims.Stamp, SecurityStamp),
        };
        if (Tenant is { } tenant)
        {
            claims.Add(new Claim(PlatformClaims.Tenant, tenant)); // an operator has none
        }

        if (Department is { } department)
        {
            claims.Add(new Claim(PlatformClaims.Department, department));
        }

        return claims;
    }
}

/// <summary>
/// Who may log in: the users kept in the store (<see cref="IUserAccounts"/>: made by the <c>create-user</c> command, a
/// tenant admin, or imported once from the configuration's <c>Tenants:{tenant}:Users:{name}</c>), and in demo mode the
/// documented demo users, kept in memory only: agent, supervisor, leader, admin and one handler per department in
/// every tenant, and the platform operator <c>operator</c>, password "demo". The default tenant's users log in by plain
/// name; other tenants' as <c>name@tenant</c>; an operator by plain name (before the default tenant's user of that name).
/// </summary>
public sealed partial class UserDirectory
{
    public const string DemoPassword = "demo";

    /// <summary>The security stamp of every demo user: they cannot be disabled, they vanish with demo mode.</summary>
    public const string DemoStamp = "demo";

    private readonly FrozenDictionary<string, PlatformUser> _demo;
    private readonly TenantDirectory _tenants;

    public UserDirectory(TenantDirectory tenants, IConfiguration configuration, TimeProvider time)
    {
        _tenants = tenants;
        DefaultTenant = configuration["Auth:DefaultTenant"] ?? tenants.All.Select(t => t.Id).Order().FirstOrDefault() ?? "";
        var demo = configuration.IsDemo();
        var users = new Dictionary<string, PlatformUser>(StringComparer.OrdinalIgnoreCase);
        var configured = new List<UserAccount>();
        if (demo)
        {
            users[Roles.Operator] = new PlatformUser(Roles.Operator, null, Roles.Operator, "Demo operator", Roles.Operator, null, DemoStamp, true);
        }

        foreach (var tenant in tenants.All)
        {
            void Add(string name, string displayName, string role, string? department)
            {
                var login = LoginOf(tenant.Id, name);
                users[login] = new PlatformUser(login, tenant.Id, name, displayName, role, department, DemoStamp, true);
                if (tenant.Id == DefaultTenant)
                {
                    users.TryAdd(name, users[login]);
                }
            }

            if (demo)
            {
                Add(Roles.Agent, "Demo agent", Roles.Agent, null);
                Add(Roles.Supervisor, "Demo supervisor", Roles.Supervisor, null);
                Add(Roles.Leader, "Demo leader", Roles.Leader, null);
                Add(Roles.Admin, "Demo administrator", Roles.Admin, null);
                foreach (var department in tenant.Departments.Values)
                {
                    Add(department.Id, department.Name, Roles.Handler, department.Id);
                }
            }

            foreach (var (name, options) in tenant.Configuration.GetSection("Users").GetChildren().Select(c => (c.Key, c.Get<UserOptions>()!)))
            {
                if (!Roles.Staff.Contains(options.Role) || (options.Role == Roles.Handler) != (options.Department is not null))
                {
                    throw new InvalidOperationException($"User '{name}' of tenant '{tenant.Id}': role must be one of {string.Join(", ", Roles.Staff)}, and only handlers have a Department.");
                }

                if (string.IsNullOrEmpty(options.PasswordHash))
                {
                    throw new InvalidOperationException($"User '{name}' of tenant '{tenant.Id}' has no PasswordHash (make one with the hash-password command).");
                }

                var now = time.GetUtcNow();
                configured.Add(new UserAccount
                {
                    Tenant = tenant.Id,
                    Login = name.ToLowerInvariant(),
                    DisplayName = string.IsNullOrWhiteSpace(options.DisplayName) ? name : options.DisplayName,
                    Role = options.Role,
                    Department = options.Department,
                    PasswordHash = options.PasswordHash,
                    SecurityStamp = NewStamp(),
                    CreatedAt = now,
                    ChangedAt = now,
                });
            }
        }

        _demo = users.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
        Configured = configured;
    }

    public string DefaultTenant { get; }

    /// <summary>
    /// The users of <c>Tenants:{tenant}:Users</c>: each is added to the store when the host starts, unless its tenant
    /// has that login already. From then on the store's row is the user (an admin's disable or reset sticks).
    /// </summary>
    public IReadOnlyList<UserAccount> Configured { get; }

    /// <summary>What a user types to log in: <c>name@tenant</c>, or an operator's bare name.</summary>
    public static string LoginOf(string? tenant, string name) => tenant is null ? name : $"{name}@{tenant}";

    public static string NewStamp() => Guid.NewGuid().ToString("N");

    /// <summary>A login name within a tenant: lower-case letters, digits, '.', '_' and '-', 2 to 64 characters.</summary>
    public static bool IsValidName(string name) => NamePattern().IsMatch(name);

    /// <summary>The demo user of this login, in demo mode.</summary>
    public PlatformUser? Demo(string login) => _demo.GetValueOrDefault(login.Trim());

    /// <summary>
    /// Where a typed login may live in the store, in the order to look: <c>name@tenant</c> in that tenant (if it exists);
    /// a bare name among the operators, then in the default tenant.
    /// </summary>
    public IReadOnlyList<(string? Tenant, string Name)> Candidates(string login)
    {
        login = login.Trim().ToLowerInvariant();
        var at = login.LastIndexOf('@');
        if (at < 0)
        {
            return [(null, login), (DefaultTenant, login)];
        }

        var tenant = login[(at + 1)..];
        return _tenants.Find(tenant) is null ? [] : [(tenant, login[..at])];
    }

    /// <summary>The store's key of a token's user: its tenant claim and the subject without <c>@tenant</c>.</summary>
    public static (string? Tenant, string Name, string? Stamp) KeyOf(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirst(PlatformClaims.Subject)?.Value ?? "";
        var tenant = principal.FindFirst(PlatformClaims.Tenant)?.Value;
        var suffix = "@" + tenant;
        var name = tenant is not null && subject.EndsWith(suffix, StringComparison.Ordinal) ? subject[..^suffix.Length] : subject;
        return (tenant, name, principal.FindFirst(PlatformClaims.Stamp)?.Value);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
