namespace Complaints.Security.Tests;

/// <summary>
/// The tenant/role matrix: every endpoint of the running host has a rule in <see cref="AccessRules"/>, and every
/// rule is tried with no token, each role of the tenant, the operator and another tenant's admin.
/// </summary>
public sealed class AccessMatrixTests(SecuredPlatform platform) : IClassFixture<SecuredPlatform>
{
    public static TheoryData<string> Endpoints => [.. AccessRules.All.Select(r => r.Endpoint)];

    [Fact]
    public void Every_endpoint_the_host_serves_has_one_rule_and_every_rule_an_endpoint()
    {
        var problems = AccessMatrix.Mismatches(platform.Endpoints(), [.. AccessRules.All.Select(r => r.Endpoint)]);

        problems.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_caller_gets_what_the_endpoints_rule_says(string endpoint)
    {
        var rule = AccessRules.All.Single(r => r.Endpoint == endpoint);
        var failures = new List<string>();
        int? withoutToken = null;
        foreach (var (caller, expected) in AccessMatrix.Expectations(rule.Access))
        {
            if (caller != Caller.NoToken && !platform.HasToken(caller))
            {
                failures.Add($"{caller}: {platform.LoginFailure(caller)}");
                continue;
            }

            var answer = await platform.SendAsync(rule, caller);
            withoutToken = caller == Caller.NoToken ? answer.Status : withoutToken;
            if (!AccessMatrix.Holds(expected, answer.Status, withoutToken))
            {
                failures.Add($"{caller}: expected {expected}{(expected == Outcome.AsWithoutToken ? $" ({withoutToken})" : "")}, got {answer}");
            }
        }

        failures.ShouldBeEmpty($"{rule.Endpoint} ({rule.Access}) as {platform.PathOf(rule)}");
    }
}
