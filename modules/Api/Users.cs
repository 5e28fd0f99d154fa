using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Complaints.Grains;
using Complaints.Tenants;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;

namespace Complaints.Api;

public sealed record PlatformUser(string Login, string Tenant, string DisplayName, string Role, string? Department, string? PasswordHash, bool Demo);

/// <summary>
/// Who may log in: users configured per tenant, plus (demo mode only) the documented demo users:
/// agent, supervisor, leader, admin and one handler per department, password "demo". The default
/// tenant's users log in by plain name; other tenants' as <c>name@tenant</c>.
/// </summary>
public sealed class UserDirectory
{
    public const string DemoPassword = "demo";

    private static readonly PasswordHasher<PlatformUser> Hasher = new();
    private readonly FrozenDictionary<string, PlatformUser> _users;

    public UserDirectory(TenantDirectory tenants, IConfiguration configuration)
    {
        DefaultTenant = configuration["Auth:DefaultTenant"] ?? tenants.All.Select(t => t.Id).Order().FirstOrDefault() ?? "";
        var demo = configuration.IsDemo();
        var users = new Dictionary<string, PlatformUser>(StringComparer.OrdinalIgnoreCase);
        foreach (var tenant in tenants.All)
        {
            void Add(string name, string displayName, string role, string? department, string? hash, bool isDemo)
            {
                var login = $"{name}@{tenant.Id}";
                users[login] = new PlatformUser(login, tenant.Id, displayName, role, department, hash, isDemo);
                if (tenant.Id == DefaultTenant)
                {
                    users[name] = users[login];
                }
            }

            if (demo)
            {
                Add(Roles.Agent, "Demo agent", Roles.Agent, null, null, true);
                Add(Roles.Supervisor, "Demo supervisor", Roles.Supervisor, null, null, true);
                Add(Roles.Leader, "Demo leader", Roles.Leader, null, null, true);
                Add(Roles.Admin, "Demo administrator", Roles.Admin, null, null, true);
                foreach (var department in tenant.Departments.Values)
                {
                    Add(department.Id, department.Name, Roles.Handler, department.Id, null, true);
                }
            }

            foreach (var (name, options) in tenant.Configuration.GetSection("Users").GetChildren().Select(c => (c.Key, c.Get<Complaints.Tenants.UserOptions>()!)))
            {
                if (!Roles.Staff.Contains(options.Role) || (options.Role == Roles.Handler) != (options.Department is not null))
                {
                    throw new InvalidOperationException($"User '{name}' of tenant '{tenant.Id}': role must be one of {string.Join(", ", Roles.Staff)}, and only handlers have a Department.");
                }

                Add(name, string.IsNullOrWhiteSpace(options.DisplayName) ? name : options.DisplayName, options.Role, options.Department, options.PasswordHash, false);
            }
        }

        if (demo)
        {
            // The platform operator belongs to no tenant: no tenant claim, so every tenant's endpoints refuse it.
            users[Roles.Operator] = new PlatformUser(Roles.Operator, "", "Demo operator", Roles.Operator, null, null, true);
        }

        _users = users.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    public string DefaultTenant { get; }

    public PlatformUser? Authenticate(string login, string password)
    {
        if (!_users.TryGetValue(login.Trim(), out var user))
        {
            return null;
        }

        if (user.Demo)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(DemoPassword)) ? user : null;
        }

        return user.PasswordHash is { } hash && Hasher.VerifyHashedPassword(user, hash, password) != PasswordVerificationResult.Failed ? user : null;
    }

    /// <summary>Makes a hash for <c>Tenants:{tenant}:Users:{name}:PasswordHash</c>.</summary>
    public static string HashPassword(string password) => Hasher.HashPassword(new PlatformUser("", "", "", "", null, null, false), password);
}
