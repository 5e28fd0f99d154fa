using System.Globalization;
using Complaints.Texts;
using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>A refusal is a text of the resource set (key + arguments), not yet in a language: the reader's is chosen later.</summary>
public sealed class RefusalTextTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void A_role_that_may_not_act_is_named_in_the_readers_words()
    {
        var decision = CaseFlow.Register().Try(Agent, new ApproveDispatch(null));

        decision.ShouldBeRefused(RefusalKind.Forbidden);
        decision.Refusal!.Message.Key.ShouldBe(TextKeys.Refusals.Role);
        decision.Refusal.Message.In().ShouldBe("客服受理员无权执行此操作。");
        decision.Refusal.Message.In(English).ShouldBe("A user with the role agent may not do this.");
    }

    [Fact]
    public void A_missing_field_is_the_required_text_naming_the_field()
    {
        var decision = CaseFlow.Register().Try(Agent, new Reject("  "));

        decision.ShouldBeRefused(RefusalKind.Invalid, "reason");
        decision.Refusal!.Message.Key.ShouldBe(TextKeys.Input.Required);
        decision.Refusal.Message.In().ShouldBe("此项必填。");
    }

    [Fact]
    public void A_second_registration_is_refused_with_the_case_number()
    {
        var flow = CaseFlow.Register();

        var decision = flow.Try(Agent, Registration());

        decision.ShouldBeRefused(RefusalKind.Conflict);
        decision.Refusal!.Message.Key.ShouldBe(TextKeys.Refusals.AlreadyRegistered);
        decision.Refusal.Message.IsUntranslated.ShouldBeFalse();
    }
}
