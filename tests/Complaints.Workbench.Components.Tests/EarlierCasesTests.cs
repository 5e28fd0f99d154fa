using Bunit;
using Complaints.Storage;
using Complaints.Workbench.Components.Shared;

namespace Complaints.Workbench.Components.Tests;

/// <summary>The caller's earlier cases beside the registration form: masked, and one click to a re-complaint.</summary>
public sealed class EarlierCasesTests : BunitContext
{
    private static readonly LedgerRow Earlier = new()
    {
        Tenant = "fangyang-water",
        Number = "FYW-2026-000007",
        Channel = "hotline",
        Kind = "complaint",
        Status = "registered",
        Content = "请回电 13812345678，水费异常",
        ComplainantName = "王五",
        ComplainantPhoneMasked = "138****5678",
        ReceivedAt = DateTimeOffset.Parse("2026-11-02T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture),
        RegisteredAt = DateTimeOffset.Parse("2026-11-02T09:01:00+08:00", System.Globalization.CultureInfo.InvariantCulture),
        UpdatedAt = DateTimeOffset.Parse("2026-11-02T09:01:00+08:00", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public void Nothing_looked_up_shows_nothing()
    {
        StaffCulture.Chinese();
        var cut = Render<EarlierCases>(p => p.Add(c => c.Cases, []));

        cut.FindAll("li").ShouldBeEmpty();
        cut.Markup.ShouldNotContain("无以往工单");
    }

    [Fact]
    public void A_lookup_without_cases_says_so()
    {
        StaffCulture.Chinese();
        var cut = Render<EarlierCases>(p => p.Add(c => c.Cases, []).Add(c => c.Searched, ("13900002222", null)));

        cut.Find("#earlier-cases").TextContent.ShouldContain("无以往工单");
    }

    [Fact]
    public void An_earlier_case_shows_its_phone_and_the_phones_in_its_content_masked()
    {
        StaffCulture.Chinese();
        var cut = Render<EarlierCases>(p => p.Add(c => c.Cases, [Earlier]).Add(c => c.Searched, ("13812345678", null)));

        var row = cut.Find("li[data-number='FYW-2026-000007']");
        row.TextContent.ShouldContain("138****5678");
        row.TextContent.ShouldContain("2026-11-02 09:01:00");
        row.TextContent.ShouldContain("待受理");
        cut.Markup.ShouldNotContain("13812345678");
        cut.Find("li a").GetAttribute("href").ShouldBe("/complaints/FYW-2026-000007");
    }

    [Fact]
    public void Its_button_chooses_it_as_the_original_and_stays_in_place_pressed()
    {
        StaffCulture.Chinese();
        string? chosen = "none";
        var cut = Render<EarlierCases>(p => p
            .Add(c => c.Cases, [Earlier])
            .Add(c => c.Searched, ("13812345678", null))
            .Add(c => c.OnChoose, (string? number) => chosen = number));

        var button = cut.Find("button.recomplaint");
        button.TextContent.ShouldBe("重复投诉：FYW-2026-000007");
        button.GetAttribute("aria-pressed").ShouldBe("false");
        button.Click();

        chosen.ShouldBe("FYW-2026-000007");
        cut.Render(p => p.Add(c => c.Chosen, chosen));
        cut.Find("button.recomplaint").GetAttribute("aria-pressed").ShouldBe("true");
        cut.Find("#recomplaint-of").TextContent.ShouldContain("本次登记为 FYW-2026-000007 的重复投诉");

        cut.Find("#recomplaint-clear").Click();
        chosen.ShouldBeNull();
    }
}
