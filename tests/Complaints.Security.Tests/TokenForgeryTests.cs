using System.Text.RegularExpressions;

namespace Complaints.Security.Tests;

/// <summary>
/// Forged, edited, stale and malformed tokens against one endpoint of every rule that needs a token (the first of
/// each in <see cref="AccessRules"/>, a read where there is one): each is 401 and its body tells nothing.
/// </summary>
public sealed partial class TokenForgeryTests(SecuredPlatform platform) : IClassFixture<SecuredPlatform>
{
    /// <summary>One endpoint per distinct rule that needs a token, plugin endpoints apart from the API's.</summary>
    public static IReadOnlyList<AccessRule> Targets { get; } =
        [.. AccessRules.All
            .Where(r => r.Access.Kind is AccessKind.Tenant or AccessKind.Platform)
            .GroupBy(r => (r.Access.ToString(), r.Pattern.StartsWith("/channels/", StringComparison.Ordinal)))
            .Select(g => g.OrderBy(r => r.Method == "GET" ? 0 : 1).First())];

    public static TheoryData<string, string> Cases =>
        [.. Forgeries.All.Keys.SelectMany(f => Targets.Select(t => (f, t.Endpoint)))];

    public static TheoryData<string> Endpoints => [.. Targets.Select(t => t.Endpoint)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_forged_token_is_401_and_the_answer_tells_nothing(string forgery, string endpoint)
    {
        var rule = Target(endpoint);
        var header = Forgeries.All[forgery](await MaterialAsync(rule));

        var answer = await platform.SendAsync(rule, header);

        answer.Status.ShouldBe(401, $"{forgery} against {endpoint}: {answer}");
        Leak().Matches(answer.Body).Select(m => m.Value).ShouldBeEmpty($"the body of the 401 for {forgery}: {answer.Body}");
    }

    /// <summary>The control for the forgeries: the genuine token, and one this test signs with the key it read, are served.</summary>
    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task The_genuine_token_and_one_signed_here_with_the_hosts_key_are_served(string endpoint)
    {
        var rule = Target(endpoint);
        var material = await MaterialAsync(rule);
        var resigned = Jwt.Sign(Jwt.Hs256, Jwt.Fresh(material.Claims, material.Now), material.RealKey);

        var genuine = await platform.SendAsync(rule, $"Bearer {material.Genuine}");
        var signedHere = await platform.SendAsync(rule, $"Bearer {resigned}");

        genuine.Status.ShouldNotBeOneOf([401, 403], genuine.ToString());
        signedHere.Status.ShouldNotBeOneOf([401, 403], signedHere.ToString());
    }

    /// <summary>
    /// A user the tenant's admin disables: the token it had, and one signed with the real key for it, are refused at
    /// once — not at their expiry.
    /// </summary>
    [Fact]
    public async Task A_disabled_users_token_is_401_at_once_even_when_signed_with_the_real_key()
    {
        const string login = "matrix-disabled", password = "Matrix-2026-password";
        var users = $"/api/v1/tenants/{Callers.Tenant}/users";
        var admin = $"Bearer {platform.Token(Caller.Admin)}";
        var created = await platform.SendAsync(HttpMethod.Post, users, new { login, displayName = "Matrix disabled agent", role = "agent", password }, admin);
        created.Status.ShouldBe(201, created.ToString());
        var (token, failure) = await platform.LoginAsync(login, password);
        token.ShouldNotBeNull(failure);
        var rule = Target(Targets.First(t => t.Access == Access.Staff).Endpoint);
        (await platform.SendAsync(rule, $"Bearer {token}")).Status.ShouldBe(200);
        var resigned = Jwt.Sign(Jwt.Hs256, Jwt.Fresh(Jwt.Payload(token), DateTimeOffset.UtcNow), Convert.FromBase64String((await File.ReadAllTextAsync(platform.SigningKeyFile)).Trim()));

        var disabled = await platform.SendAsync(HttpMethod.Post, $"{users}/{login}/disable", null, admin);

        disabled.Status.ShouldBe(200, disabled.ToString());
        foreach (var (name, header) in new[] { ("its own token", $"Bearer {token}"), ("re-signed with the real key", $"Bearer {resigned}") })
        {
            var answer = await platform.SendAsync(rule, header);
            answer.Status.ShouldBe(401, $"{name}: {answer}");
            Leak().Matches(answer.Body).Select(m => m.Value).ShouldBeEmpty(answer.Body);
        }
    }

    private static AccessRule Target(string endpoint) => Targets.Single(t => t.Endpoint == endpoint);

    /// <summary>What a 401 must not carry: exception and library texts, the validation step that failed.</summary>
    [GeneratedRegex(@"exception|IDX\d+|stack ?trace|\bat [A-Z]\w+\.|Microsoft\.|System\.|signature|lifetime|issuer|audience|expired|\bkid\b|\balg\b", RegexOptions.IgnoreCase)]
    private static partial Regex Leak();

    private async Task<ForgeryMaterial> MaterialAsync(AccessRule rule)
    {
        var allowed = rule.Access.Allowed.Order().First();
        var keyFileText = (await File.ReadAllTextAsync(platform.SigningKeyFile)).Trim();
        return new ForgeryMaterial(platform.Token(allowed), platform.Token, Convert.FromBase64String(keyFileText), keyFileText, DateTimeOffset.UtcNow);
    }
}
