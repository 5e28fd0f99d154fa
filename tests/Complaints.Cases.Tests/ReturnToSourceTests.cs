using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>
/// 12345 reporting rules in the decider: only the desk's return to the platform is a 退单 (a department's return to
/// the desk is internal), and an extension becomes a reply moment only once approved.
/// </summary>
public sealed class ReturnToSourceTests
{
    private const string Reason = "Not a water matter: the gas company's.";

    private static CaseFlow Gov12345Item() => CaseFlow.Register(channel: Gov12345);

    [Fact]
    public void The_desk_returns_a_12345_item_to_the_platform_which_ends_it_here()
    {
        foreach (var flow in new[] { Gov12345Item(), Gov12345Item().Accept() })
        {
            flow.Do(Supervisor, new ReturnToSource($"  {Reason} "));

            var returned = flow.Last.ShouldHaveSingleItem().ShouldBeOfType<ReturnedToSource>();
            returned.Reason.ShouldBe(Reason);
            flow.State.Status.ShouldBe(CaseStatus.Rejected);
            flow.State.IsOpen.ShouldBeFalse();
            ReplyMoments.IsMoment(returned).ShouldBeTrue();
            EventCodec.NameOf(returned).ShouldBe("returned-to-source");
        }
    }

    [Fact]
    public void After_a_departments_internal_return_the_desk_may_return_it_to_the_platform()
    {
        var flow = Gov12345Item().Accept().Dispatch().ApproveDispatch().Sign().Return();
        flow.State.Status.ShouldBe(CaseStatus.Returned);

        flow.Do(Agent, new ReturnToSource(Reason));

        flow.State.Status.ShouldBe(CaseStatus.Rejected);
    }

    [Fact]
    public void Only_the_desk_may_return_an_item_to_its_source_only_with_a_reason_and_only_before_a_department_holds_it()
    {
        var accepted = Gov12345Item().Accept();
        foreach (var actor in new[] { Leader, Admin, PipeHandler, SystemActor })
        {
            accepted.Try(actor, new ReturnToSource(Reason)).ShouldBeRefused(RefusalKind.Forbidden);
        }

        accepted.Try(Agent, new ReturnToSource(" ")).ShouldBeRefused(RefusalKind.Invalid, "reason");
        accepted.Try(Agent, new ReturnToSource(Text(4001))).ShouldBeRefused(RefusalKind.Invalid, "reason");

        var held = Gov12345Item().Accept().Dispatch().ApproveDispatch().Sign();
        held.Try(Agent, new ReturnToSource(Reason)).ShouldBeRefused(RefusalKind.Conflict);
    }

    [Theory]
    [InlineData(Hotline)]
    [InlineData(WeChat)]
    public void Items_from_a_channel_without_a_platform_to_return_to_cannot_be_returned_to_it(string channel)
    {
        CaseFlow.Register(channel: channel).Try(Agent, new ReturnToSource(Reason)).ShouldBeRefused(RefusalKind.Conflict);
    }

    [Fact]
    public void A_departments_return_to_the_desk_is_not_a_return_to_the_platform()
    {
        var flow = Gov12345Item().Accept().Dispatch().ApproveDispatch().Sign().Return();

        flow.Last.ShouldHaveSingleItem().ShouldBeOfType<Returned>();
        flow.Last.ShouldNotContain(e => e is ReturnedToSource);
    }

    [Fact]
    public void An_extension_is_a_reply_moment_only_once_approved()
    {
        var flow = Gov12345Item().Accept().Dispatch().ApproveDispatch().Sign().RequestExtension();
        flow.Last.ShouldAllBe(e => !ReplyMoments.IsMoment(e));

        flow.DecideExtension(approve: false);
        flow.Last.ShouldAllBe(e => !ReplyMoments.IsMoment(e));

        flow.RequestExtension().DecideExtension(approve: true);
        flow.Last.OfType<ExtensionDecided>().ShouldHaveSingleItem().Approved.ShouldBeTrue();
        flow.Last.Where(ReplyMoments.IsMoment).ShouldHaveSingleItem().ShouldBeOfType<ExtensionDecided>();
    }
}
