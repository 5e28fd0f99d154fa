using Complaints.Cases;
using Complaints.Texts;

namespace Complaints.Grains;

/// <summary>The roles' words, as tokens and <see cref="ActorInfo.Role"/> carry them: taken from <see cref="Role"/>, their owner.</summary>
public static class Roles
{
    public static readonly string Agent = Words.Of(Role.Agent);
    public static readonly string Supervisor = Words.Of(Role.Supervisor);
    public static readonly string Leader = Words.Of(Role.Leader);
    public static readonly string Admin = Words.Of(Role.Admin);
    public static readonly string Handler = Words.Of(Role.Handler);

    /// <summary>The platform operator: platform-wide settings, no tenant's cases.</summary>
    public static readonly string Operator = Words.Of(Role.Operator);

    /// <summary>A channel plugin registering what it received.</summary>
    public static readonly string Channel = Words.Of(Role.Channel);

    /// <summary>The platform itself (clocks, re-complaint links).</summary>
    public static readonly string System = Words.Of(Role.System);

    /// <summary>The roles people log in with; <see cref="Channel"/> and <see cref="System"/> are machines.</summary>
    public static IReadOnlySet<string> Staff { get; } = new HashSet<string>(StringComparer.Ordinal) { Agent, Supervisor, Leader, Admin, Handler };

    /// <summary>Whether a user of <paramref name="role"/> (and <paramref name="department"/>) may read the contact of a case held by <paramref name="caseDepartment"/> (<see cref="Parties.MayReadContact"/>).</summary>
    public static bool MayReadContact(string role, string? department, string? caseDepartment) =>
        Words.TryParse<Role>(role, out var known) && Parties.MayReadContact(known, department, caseDepartment);

    /// <summary>The role's word for a sentence people read (a role the platform does not know stays as written).</summary>
    public static Text Word(string role) => Words.TryParse<Role>(role, out var known) ? Words.Text(known) : Text.Untranslated(role);
}
