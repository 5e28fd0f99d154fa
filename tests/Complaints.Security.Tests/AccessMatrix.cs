using System.Text.RegularExpressions;
using static Complaints.Security.Tests.Caller;

namespace Complaints.Security.Tests;

/// <summary>What a caller must get from an endpoint.</summary>
public enum Outcome
{
    /// <summary>Neither 401 nor 403 (the body may still be refused: 400, 404, 409 …).</summary>
    Served,
    Unauthorized,
    Forbidden,
    /// <summary>The channel's own refusal, 401 or 403.</summary>
    RefusedByChannel,
    /// <summary>The same status as without a token: a platform token opens nothing here.</summary>
    AsWithoutToken,
}

/// <summary>The matrix: the requests a rule generates and what each must get. Pure.</summary>
public static partial class AccessMatrix
{
    public static IReadOnlyList<(Caller Caller, Outcome Expected)> Expectations(Access access) => access.Kind switch
    {
        AccessKind.Anonymous => [(NoToken, Outcome.Served)],
        AccessKind.Tenant =>
        [
            (NoToken, Outcome.Unauthorized),
            .. Callers.TenantStaff.Select(c => (c, access.Allowed.Contains(c) ? Outcome.Served : Outcome.Forbidden)),
            (Operator, Outcome.Forbidden),
            (OtherTenantAdmin, Outcome.Forbidden),
        ],
        AccessKind.Platform =>
        [
            (NoToken, Outcome.Unauthorized),
            .. Callers.TenantStaff.Select(c => (c, Outcome.Forbidden)),
            (OtherTenantAdmin, Outcome.Forbidden),
            (Operator, Outcome.Served),
        ],
        AccessKind.ChannelSigned => [(NoToken, Outcome.RefusedByChannel), (Admin, Outcome.AsWithoutToken), (Operator, Outcome.AsWithoutToken)],
        _ => throw new ArgumentOutOfRangeException(nameof(access), access.Kind, null),
    };

    /// <summary>Endpoints served without a rule, rules without an endpoint, and endpoints with more than one rule.</summary>
    public static IReadOnlyList<string> Mismatches(IReadOnlyList<string> served, IReadOnlyList<string> ruled) =>
        [.. served.Except(ruled).Select(e => $"{e}: served, but has no rule in AccessRules.All"),
         .. ruled.Except(served).Select(e => $"{e}: has a rule, but the host serves no such endpoint"),
         .. ruled.GroupBy(e => e).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {g.Count()} rules")];

    /// <summary>Whether <paramref name="status"/> is what <paramref name="expected"/> asks (<paramref name="withoutToken"/>: the no-token answer).</summary>
    public static bool Holds(Outcome expected, int status, int? withoutToken) => expected switch
    {
        Outcome.Served => status is not (401 or 403),
        Outcome.Unauthorized => status == 401,
        Outcome.Forbidden => status == 403,
        Outcome.RefusedByChannel => status is 401 or 403,
        Outcome.AsWithoutToken => status == withoutToken,
        _ => false,
    };

    /// <summary>A route pattern as the table writes it: constraints and defaults left out (<c>{year:int}</c> → <c>{year}</c>), no trailing slash.</summary>
    public static string Normalize(string rawPattern)
    {
        var pattern = Parameter().Replace(rawPattern, m => $"{{{m.Groups["name"].Value}{(m.Groups["optional"].Success ? "?" : "")}}}");
        pattern = "/" + pattern.Trim('/');
        return pattern;
    }

    /// <summary>A pattern with its parameters filled from <paramref name="values"/>; a parameter without a value is an error naming it.</summary>
    public static string Fill(string pattern, IReadOnlyDictionary<string, string> values) =>
        Parameter().Replace(pattern, m => values.TryGetValue(m.Groups["name"].Value, out var value)
            ? Uri.EscapeDataString(value)
            : throw new InvalidOperationException($"No value for the route parameter {{{m.Groups["name"].Value}}} of {pattern}: add one to SecuredPlatform.RouteValues."));

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::[^}=?]*(?:\([^)]*\))?)*(?:=[^}?]*)?(?<optional>\?)?\}")]
    private static partial Regex Parameter();
}
