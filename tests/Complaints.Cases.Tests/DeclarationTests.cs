using System.Text.Json;
using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>
/// A new command or event cannot be forgotten: each check below names what lacks a test value, a state change (or its
/// place among the ignored events) or a stored name. Each check is also shown failing on a table missing one entry.
/// </summary>
public sealed class DeclarationTests
{
    private static readonly IReadOnlyList<Type> CommandTypes = ConcreteSubtypesOf(typeof(CaseCommand));
    private static readonly IReadOnlyList<Type> EventTypes = ConcreteSubtypesOf(typeof(CaseEvent));

    [Fact]
    public void Every_command_has_a_test_value()
    {
        var flow = CaseFlow.Register();

        Missing(CommandTypes, TestValueTypes(flow), "has no test value in Commands.Make (add a Cmd)").ShouldBeEmpty();
    }

    [Fact]
    public void The_test_value_check_names_a_command_without_one()
    {
        var flow = CaseFlow.Register();

        Missing(CommandTypes, TestValueTypes(flow).Where(t => t != typeof(Supervise)), "has no test value in Commands.Make (add a Cmd)")
            .ShouldBe(["Supervise has no test value in Commands.Make (add a Cmd)"]);
    }

    [Fact]
    public void Every_event_changes_the_state_or_is_listed_as_ignored() =>
        StateViolations(CaseState.Apply, CaseState.Ignored).ShouldBeEmpty();

    [Fact]
    public void The_state_check_names_an_event_that_changes_nothing_unlisted_and_a_listed_one_that_changes_something()
    {
        // An Apply that forgot Accepted, and an ignored list that wrongly holds Signed and forgot Supervised.
        CaseState ForgetfulApply(CaseState? state, CaseEvent e) => e is Accepted ? state! : CaseState.Apply(state, e);
        var ignored = new HashSet<Type> { typeof(ContactViewed), typeof(Signed) };

        StateViolations(ForgetfulApply, ignored).Order().ShouldBe(
        [
            "Accepted neither changes the state nor is listed in CaseState.Ignored",
            "Signed is listed in CaseState.Ignored but changes the state",
            "Supervised neither changes the state nor is listed in CaseState.Ignored",
        ]);
    }

    [Fact]
    public void Apply_throws_on_an_event_it_does_not_know()
    {
        var registered = CaseState.Apply(null, EventCodecTests.Samples["registered"]);

        Should.Throw<InvalidOperationException>(() => CaseState.Apply(registered, new Withdrawn("Resolved elsewhere.")))
            .Message.ShouldContain(nameof(Withdrawn));
    }

    [Fact]
    public void Every_event_type_has_a_stored_name() =>
        Missing(EventTypes, EventCodec.All.Keys, "has no name in EventCodec").ShouldBeEmpty();

    [Fact]
    public void The_name_check_names_an_event_without_one_and_the_codec_refuses_it()
    {
        Missing(EventTypes, EventCodec.All.Keys.Where(t => t != typeof(Accepted)), "has no name in EventCodec")
            .ShouldBe(["Accepted has no name in EventCodec"]);
        Should.Throw<InvalidOperationException>(() => EventCodec.NameOf(new Withdrawn("x"))).Message.ShouldContain(nameof(Withdrawn));
    }

    [Fact]
    public void The_lifecycle_event_types_are_the_codec_names_of_every_event_but_the_clocks()
    {
        var lifecycle = EventCodec.All.Where(p => !p.Key.Name.StartsWith("Clock", StringComparison.Ordinal)).Select(p => p.Value);

        CaseEventTypes.All.Order().ShouldBe(lifecycle.Order());
    }

    [Fact]
    public void The_reply_moments_are_named_events()
    {
        ReplyMoments.All.Order().ShouldBe(ReplyMoments.Events.Select(EventCodec.NameOf).Order());
        ReplyMoments.All.ShouldBeSubsetOf(CaseEventTypes.All);
    }

    private static IEnumerable<Type> TestValueTypes(CaseFlow flow) => Enum.GetValues<Cmd>().Select(c => Commands.Make(c, flow).GetType());

    /// <summary>What each sample event does to a case that has every clock running; empty when all is declared.</summary>
    private static List<string> StateViolations(Func<CaseState?, CaseEvent, CaseState> apply, IReadOnlySet<Type> ignored)
    {
        var violations = new List<string>();
        var before = CaseState.Replay(
        [
            EventCodecTests.Samples["registered"],
            .. new[] { "first-reply", "dispatch", "resolution" }.Select(n => new ClockStarted(n, T0, T0.AddHours(1), T0.AddHours(2), null)),
        ])!;
        foreach (var e in EventCodecTests.Samples.Values.Select(e => e with { At = T0.AddDays(1) }))
        {
            var changed = e is Registered || Snapshot(apply(before, e)) != Snapshot(before);
            var name = e.GetType().Name;
            if (!changed && !ignored.Contains(e.GetType()))
            {
                violations.Add($"{name} neither changes the state nor is listed in CaseState.Ignored");
            }
            else if (changed && ignored.Contains(e.GetType()))
            {
                violations.Add($"{name} is listed in CaseState.Ignored but changes the state");
            }
        }

        return violations;
    }

    /// <summary>The state with its time of last change left out: every event moves that.</summary>
    private static string Snapshot(CaseState state) => JsonSerializer.Serialize(state with { UpdatedAt = default }, EventCodec.Json);

    private static List<string> Missing(IEnumerable<Type> declared, IEnumerable<Type> covered, string what)
    {
        var have = covered.ToHashSet();
        return [.. declared.Where(t => !have.Contains(t)).Select(t => $"{t.Name} {what}").Order()];
    }

    private static List<Type> ConcreteSubtypesOf(Type root) =>
        [.. root.Assembly.GetTypes().Where(t => t.IsSubclassOf(root) && !t.IsAbstract)];

    /// <summary>An event the state machine has never heard of, as a new action would add.</summary>
    private sealed record Withdrawn(string Reason) : CaseEvent;
}
