using System.Globalization;
using Bunit;
using Complaints.Grains;
using Complaints.Tenants;
using Complaints.Texts;
using Complaints.Workbench.Components.Shared;

namespace Complaints.Workbench.Tests;

/// <summary>
/// The case page's action forms, rendered in process (bUnit): the buttons are the actions given, each form sends the
/// API's request for its route, and a refusal appears beside the field it names (or above the buttons).
/// </summary>
public sealed class CaseActionPanelTests : BunitContext
{
    private static readonly Category[] Categories = [new("water-pressure", "水压", "pipe-network"), new("billing-error", "账单错误", "billing")];
    private static readonly Department[] Departments = [new("billing", "营业部"), new("pipe-network", "管网部")];

    private readonly List<CaseActionRequest> _sent = [];
    private CaseOutcome _answer = new(OutcomeKind.Ok);

    public CaseActionPanelTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose; // focus moves to the first field: nothing to answer
    }

    [Fact]
    public void Only_the_actions_given_are_offered_in_the_tables_order()
    {
        var panel = RenderPanel(["accept", "reject", "answer"]);

        panel.FindAll("button.action-button").Select(b => b.GetAttribute("data-action")).ShouldBe(["accept", "reject", "answer"]);
        panel.FindAll("button.action-button").Select(b => b.TextContent).ShouldBe(["受理", "不予受理", "当场答复"]);
        panel.FindAll("form").ShouldBeEmpty();
    }

    [Fact]
    public void No_action_says_so()
    {
        var panel = RenderPanel([]);

        panel.Find(".no-actions").TextContent.ShouldBe("当前状态下您没有可办理的操作。");
    }

    [Fact]
    public void Every_action_of_the_case_actions_table_has_a_form_that_sends_its_request()
    {
        var form = new CaseActionForm();
        foreach (var action in CaseActions.All)
        {
            CaseActionForm.Fields.Keys.ShouldContain(action.Route);
            form.ToRequest(action.Route).ShouldBeOfType(action.Request, action.Route);
            PlatformTexts.Has(TextKeys.Workbench.CaseWork.ActionNames.Of(action.Route)).ShouldBeTrue(action.Route);
        }
    }

    [Fact]
    public void Dispatch_sends_the_department_and_note_chosen()
    {
        var panel = RenderPanel(["dispatch"]);

        panel.Find("button[data-action=dispatch]").Click();
        panel.FindAll("#action-department option").Select(o => o.TextContent).ShouldBe(["（按分类的常规部门）", "营业部", "管网部"]);
        panel.Find("#action-department").Change("pipe-network");
        panel.Find("#action-note").Change("今天到场");
        panel.Find("form").Submit();

        _sent.ShouldHaveSingleItem().ShouldBe(new DispatchRequest("pipe-network", "今天到场"));
    }

    [Fact]
    public void A_callback_sends_the_satisfaction_and_where_an_unsatisfied_case_goes()
    {
        var panel = RenderPanel(["record-callback"]);

        panel.Find("button[data-action=record-callback]").Click();
        panel.Find("#action-satisfaction").Change("unsatisfied");
        panel.Find("#action-redispatch-to").Change("billing");
        panel.Find("form").Submit();

        _sent.ShouldHaveSingleItem().ShouldBe(new RecordCallbackRequest("unsatisfied") { Outcome = "reached", RedispatchTo = "billing", Escalate = false });
    }

    [Fact]
    public void An_extension_is_asked_until_a_time_in_china_time()
    {
        var panel = RenderPanel(["request-extension"]);

        panel.Find("button[data-action=request-extension]").Click();
        panel.Find("#action-until").Change("2026-12-03T17:30:00");
        panel.Find("#action-reason").Change("需要开挖路面");
        panel.Find("form").Submit();

        _sent.ShouldHaveSingleItem().ShouldBe(new RequestExtensionRequest(new DateTimeOffset(2026, 12, 3, 17, 30, 0, TimeSpan.FromHours(8)), "需要开挖路面"));
    }

    [Fact]
    public void A_refusal_appears_beside_the_field_it_names_and_the_form_stays_open()
    {
        var required = new Text(TextKeys.Input.Required).In(PlatformTexts.Default);
        _answer = new CaseOutcome(OutcomeKind.Invalid, Message: required, Field: "category");
        var panel = RenderPanel(["accept"]);

        panel.Find("button[data-action=accept]").Click();
        panel.Find("form").Submit();

        panel.Find(".field-error[data-field=category]").TextContent.ShouldBe(required);
        panel.FindAll(".field-error").Count.ShouldBe(1);
        panel.Find("form").GetAttribute("data-action").ShouldBe("accept");
        _sent.ShouldHaveSingleItem().ShouldBe(new AcceptRequest(null));
    }

    [Fact]
    public void A_refusal_naming_no_field_of_the_form_appears_above_its_buttons()
    {
        _answer = new CaseOutcome(OutcomeKind.Conflict, Message: "案件已被他人修改，请刷新后重试。");
        var panel = RenderPanel(["sign"]);

        panel.Find("button[data-action=sign]").Click();
        panel.Find("form").Submit();

        panel.Find(".field-error[data-field='']").TextContent.ShouldBe("案件已被他人修改，请刷新后重试。");
    }

    [Fact]
    public void Done_closes_the_form_and_says_what_was_done()
    {
        var panel = RenderPanel(["sign"]);

        panel.Find("button[data-action=sign]").Click();
        panel.Find("form").Submit();

        _sent.ShouldHaveSingleItem().ShouldBeOfType<SignRequest>();
        panel.FindAll("form").ShouldBeEmpty();
        panel.Find(".action-done").TextContent.ShouldBe("已提交：签收");
    }

    [Fact]
    public void A_form_whose_action_is_no_longer_open_to_the_user_closes()
    {
        var panel = RenderPanel(["sign", "return"]);
        panel.Find("button[data-action=return]").Click();

        panel.Render(p => p.Add(x => x.Actions, ["request-extension"]));

        panel.FindAll("form").ShouldBeEmpty();
        panel.FindAll("button.action-button").Select(b => b.GetAttribute("data-action")).ShouldBe(["request-extension"]);
    }

    private IRenderedComponent<CaseActionPanel> RenderPanel(IReadOnlyList<string> actions)
    {
        CultureInfo.CurrentUICulture = PlatformTexts.Default;
        return Render<CaseActionPanel>(p => p
            .Add(x => x.Actions, actions)
            .Add(x => x.Categories, Categories)
            .Add(x => x.Departments, Departments)
            .Add(x => x.OnAct, request =>
            {
                _sent.Add(request);
                return Task.FromResult(_answer);
            }));
    }
}
