namespace Complaints.Security.Tests;

/// <summary>The matrix's own logic, without a host: that its checks can fail.</summary>
public sealed class AccessMatrixRulesTests
{
    [Fact]
    public void An_endpoint_without_a_rule_a_rule_without_an_endpoint_and_a_rule_given_twice_are_named()
    {
        var problems = AccessMatrix.Mismatches(["GET /a", "POST /new"], ["GET /a", "GET /gone", "GET /a"]);

        problems.ShouldBe(
        [
            "POST /new: served, but has no rule in AccessRules.All",
            "GET /gone: has a rule, but the host serves no such endpoint",
            "GET /a: 2 rules",
        ]);
    }

    [Theory]
    [InlineData("/api/v1/calendar/years/{year:int}", "/api/v1/calendar/years/{year}")]
    [InlineData("/api/v1/tenants/{tenant}/complaints/", "/api/v1/tenants/{tenant}/complaints")]
    [InlineData("/scalar/{documentName?}", "/scalar/{documentName?}")]
    [InlineData("/files/{**path}", "/files/{path}")]
    [InlineData("/x/{id:regex(^\\d+$)}/y", "/x/{id}/y")]
    [InlineData("health", "/health")]
    public void A_route_pattern_is_written_without_constraints_or_a_trailing_slash(string raw, string normalized) =>
        AccessMatrix.Normalize(raw).ShouldBe(normalized);

    [Fact]
    public void A_pattern_is_filled_from_the_route_values_and_a_missing_one_is_named()
    {
        var values = new Dictionary<string, string> { ["tenant"] = "fangyang-water", ["documentName"] = "v1" };

        AccessMatrix.Fill("/api/v1/tenants/{tenant}/directory", values).ShouldBe("/api/v1/tenants/fangyang-water/directory");
        AccessMatrix.Fill("/scalar/{documentName?}", values).ShouldBe("/scalar/v1");
        Should.Throw<InvalidOperationException>(() => AccessMatrix.Fill("/x/{number}", values)).Message.ShouldContain("{number}");
    }

    [Fact]
    public void A_tenant_rule_expects_403_for_every_role_it_does_not_list_the_operator_and_another_tenants_admin()
    {
        var expected = AccessMatrix.Expectations(Access.Roles(Caller.Leader)).ToDictionary(e => e.Caller, e => e.Expected);

        expected[Caller.NoToken].ShouldBe(Outcome.Unauthorized);
        expected[Caller.Leader].ShouldBe(Outcome.Served);
        Callers.TenantStaff.Where(c => c != Caller.Leader).ShouldAllBe(c => expected[c] == Outcome.Forbidden);
        expected[Caller.Operator].ShouldBe(Outcome.Forbidden);
        expected[Caller.OtherTenantAdmin].ShouldBe(Outcome.Forbidden);
    }

    [Fact]
    public void A_platform_rule_serves_only_the_operator()
    {
        var expected = AccessMatrix.Expectations(Access.PlatformOperator).ToDictionary(e => e.Caller, e => e.Expected);

        expected.Where(e => e.Value == Outcome.Served).Select(e => e.Key).ShouldBe([Caller.Operator]);
        expected[Caller.Admin].ShouldBe(Outcome.Forbidden);
        expected[Caller.NoToken].ShouldBe(Outcome.Unauthorized);
    }

    [Theory]
    [InlineData(Outcome.Served, 400, null, true)]
    [InlineData(Outcome.Served, 403, null, false)]
    [InlineData(Outcome.Served, 401, null, false)]
    [InlineData(Outcome.Forbidden, 400, null, false)]
    [InlineData(Outcome.RefusedByChannel, 401, null, true)]
    [InlineData(Outcome.RefusedByChannel, 200, null, false)]
    [InlineData(Outcome.AsWithoutToken, 403, 403, true)]
    [InlineData(Outcome.AsWithoutToken, 200, 403, false)]
    public void An_answer_holds_or_not(Outcome expected, int status, int? withoutToken, bool holds) =>
        AccessMatrix.Holds(expected, status, withoutToken).ShouldBe(holds);

    [Fact]
    public void Every_rule_of_the_table_is_written_once_and_its_body_is_json()
    {
        AccessRules.All.GroupBy(r => r.Endpoint).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
        AccessRules.All.ShouldAllBe(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body, null, default) is System.Text.Json.Nodes.JsonObject);
    }
}
