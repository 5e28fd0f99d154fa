using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>
/// <see cref="CaseDecider.Permit"/> — what the workbench offers a user — is the start of every decision: where it
/// refuses, the decision refuses the same way; where it lets a well-formed command through, nothing about who sends it
/// or the case's status refuses it.
/// </summary>
public sealed class PermitTests
{
    public static TheoryData<Cmd, Situation, Who> Everything
    {
        get
        {
            var data = new TheoryData<Cmd, Situation, Who>();
            foreach (var cmd in Enum.GetValues<Cmd>().Where(c => c != Cmd.Register))
            {
                foreach (var where in Enum.GetValues<Situation>())
                {
                    var hasDepartment = CaseFlow.Reach(where, ComplaintKind.Inquiry).State.Department is not null;
                    foreach (var who in Enum.GetValues<Who>().Where(w => hasDepartment || w != Who.OwnHandler))
                    {
                        data.Add(cmd, where, who);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public void Permit_answers_as_the_decision_does(Cmd cmd, Situation where, Who who)
    {
        var flow = CaseFlow.Reach(where, ComplaintKind.Inquiry);
        var actor = Commands.Resolve(who, flow);
        var command = Commands.Make(cmd, flow);

        var permit = CaseDecider.Permit(flow.State, command.GetType(), actor);
        var decision = flow.Try(actor, command);

        if (permit is not null)
        {
            decision.Refusal.ShouldNotBeNull();
            (decision.Refusal.Kind, decision.Refusal.Message.In(), decision.Refusal.Field).ShouldBe((permit.Refusal!.Kind, permit.Refusal.Message.In(), permit.Refusal.Field));
        }
        else
        {
            decision.Refusal?.Kind.ShouldBe(RefusalKind.Invalid, decision.Refusal?.Message.Key);
        }
    }

    [Fact]
    public void A_new_case_offers_the_desk_its_first_steps_and_a_handler_nothing()
    {
        var flow = CaseFlow.Reach(Situation.Registered, ComplaintKind.Inquiry);
        string[] commands = ["Accept", "Reclassify", "Reject", "Answer", "Dispatch", "Sign", "ReturnToSource", "RecordCallback", "Supervise", "Flag"];

        Permitted(flow, Agent).ShouldBe(["Accept", "Reclassify", "Reject", "Answer", "Flag"]);
        Permitted(flow, Supervisor).ShouldBe(["Accept", "Reclassify", "Reject", "Answer", "Supervise", "Flag"]);
        Permitted(flow, PipeHandler).ShouldBeEmpty();

        string[] Permitted(CaseFlow f, Actor actor) =>
            [.. commands.Where(c => CaseDecider.Permit(f.State, typeof(CaseDecider).Assembly.GetType($"Complaints.Cases.{c}")!, actor) is null)];
    }
}
