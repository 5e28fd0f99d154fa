using Complaints.Cases;
using Complaints.Grains;

namespace Complaints.Architecture.Tests;

/// <summary>
/// The action table is the one declaration of a lifecycle action: every command is an action (or listed as not
/// one), every request type has its entry, routes are distinct. Each check is shown failing on a table missing one.
/// </summary>
public sealed class ActionTableTests
{
    private static readonly IReadOnlyList<Type> Commands =
        [.. typeof(CaseCommand).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseCommand)) && !t.IsAbstract)];

    private static readonly IReadOnlyList<Type> Requests =
        [.. typeof(CaseActionRequest).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseActionRequest)) && !t.IsAbstract)];

    [Fact]
    public void Every_command_has_an_action_or_is_listed_as_not_one() =>
        Rules.CommandsWithoutAction(Commands, CaseActions.All, CaseActions.NotActions).ShouldBeEmpty();

    [Fact]
    public void The_command_check_names_a_command_without_an_action() =>
        Rules.CommandsWithoutAction(Commands, [.. CaseActions.All.Where(a => a.Route != "supervise")], CaseActions.NotActions)
            .ShouldBe(["Supervise has no entry in CaseActions.All and is not listed in CaseActions.NotActions"]);

    [Fact]
    public void Every_action_request_has_one_entry_and_every_route_is_distinct() =>
        Rules.ActionTableFaults(Requests, CaseActions.All).ShouldBeEmpty();

    [Fact]
    public void The_table_check_names_a_request_without_an_entry_one_with_two_and_a_route_used_twice()
    {
        var accept = CaseActions.All.Single(a => a.Route == "accept");
        var table = CaseActions.All.Where(a => a.Route != "sign").Append(CaseActions.Action<AnswerRequest, Answer>("accept", "Twice.", r => new Answer(r.Reply ?? ""))).ToList();

        Rules.ActionTableFaults(Requests, table).Order().ShouldBe(
        [
            "AnswerRequest has 2 entries in CaseActions.All",
            "SignRequest has no entry in CaseActions.All",
            "the route 'accept' is declared 2 times",
        ]);
        accept.Request.ShouldBe(typeof(AcceptRequest));
    }

    [Fact]
    public void Every_action_maps_its_request_to_its_command()
    {
        foreach (var action in CaseActions.All)
        {
            // The well-formed request of each action: every field filled.
            var request = action.WithoutBody ?? WellFormed(action.Request);
            var (command, refusal) = action.ToCommand(request);

            refusal.ShouldBeNull(action.Route);
            command.ShouldBeOfType(action.Command, action.Route);
        }
    }

    [Fact]
    public void A_request_without_an_entry_is_a_programming_error_not_a_bad_request() =>
        Should.Throw<InvalidOperationException>(() => CaseActions.ToCommand(new UnlistedRequest())).Message.ShouldContain(nameof(UnlistedRequest));

    [Theory]
    [InlineData("request-extension", "until")]
    [InlineData("decide-extension", "approve")]
    [InlineData("record-callback", "satisfaction")]
    public void A_missing_required_field_is_refused_naming_it(string route, string field)
    {
        var action = CaseActions.All.Single(a => a.Route == route);
        var empty = (CaseActionRequest)Activator.CreateInstance(action.Request, [.. action.Request.GetConstructors().Single().GetParameters().Select(_ => (object?)null)])!;

        var (command, refusal) = action.ToCommand(empty);

        command.ShouldBeNull();
        refusal.ShouldNotBeNull().Field.ShouldBe(field);
        refusal.Kind.ShouldBe(RefusalKind.Invalid);
    }

    private static CaseActionRequest WellFormed(Type request)
    {
        var parameters = request.GetConstructors().Single().GetParameters();
        return (CaseActionRequest)Activator.CreateInstance(request, [.. parameters.Select(p => Value(p.ParameterType, p.Name!))])!;
    }

    private static object? Value(Type type, string name) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(DateTimeOffset) => new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8)),
            var t when t == typeof(bool) => true,
            var t when t == typeof(TargetInput) => new TargetInput("staff", "text"),
            var t when t == typeof(IReadOnlyList<string>) => new[] { "threat" },
            _ when name.Equals("satisfaction", StringComparison.OrdinalIgnoreCase) => "satisfied",
            _ when name.Equals("kind", StringComparison.OrdinalIgnoreCase) => "inquiry",
            _ => "text",
        };

    /// <summary>A request a new action would add before its table entry.</summary>
    private sealed record UnlistedRequest : CaseActionRequest;
}
