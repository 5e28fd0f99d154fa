using System.Globalization;
using Bunit;
using Complaints.Workbench.Components.Shared;

namespace Complaints.Workbench.Components.Tests;

/// <summary>
/// The countdown as the server draws it: its words and colour at the page's instant, and what the browser needs to move
/// it every second without the server (the deadline, the warning, the clock's flags, the instant it was drawn).
/// </summary>
public sealed class CountdownTagTests : BunitContext
{
    private static readonly DateTimeOffset Due = new(2026, 11, 30, 17, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void A_running_deadline_is_green_with_the_time_left_and_carries_its_instants_for_the_browser()
    {
        StaffCulture.Chinese();
        var now = Due - new TimeSpan(1, 2, 3, 4);
        var cut = Render<CountdownTag>(p => p.Add(c => c.Now, now).Add(c => c.DueAt, Due).Add(c => c.WarnAt, Due.AddHours(-2)));

        var tag = cut.Find(".countdown");
        tag.TextContent.ShouldBe("剩余 1天 02:03:04");
        tag.ClassList.ShouldContain("ant-tag-green");
        tag.GetAttribute("data-state").ShouldBe("running");
        tag.GetAttribute("data-due").ShouldBe(Due.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        tag.GetAttribute("data-warn").ShouldBe(Due.AddHours(-2).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        tag.GetAttribute("data-now").ShouldBe(now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        tag.HasAttribute("data-breached").ShouldBeFalse();
        tag.HasAttribute("data-warned").ShouldBeFalse();
    }

    [Fact]
    public void A_warned_clock_is_orange_and_a_breached_one_red_with_the_time_over()
    {
        StaffCulture.Chinese();
        var warned = Render<CountdownTag>(p => p.Add(c => c.Now, Due.AddMinutes(-5)).Add(c => c.DueAt, Due).Add(c => c.Warned, true)).Find(".countdown");
        var breached = Render<CountdownTag>(p => p.Add(c => c.Now, Due.AddMinutes(90)).Add(c => c.DueAt, Due).Add(c => c.Breached, true)).Find(".countdown");

        warned.ClassList.ShouldContain("ant-tag-orange");
        warned.GetAttribute("data-warned").ShouldBe("true");
        breached.ClassList.ShouldContain("ant-tag-red");
        breached.GetAttribute("data-breached").ShouldBe("true");
        breached.TextContent.ShouldBe("已超时 01:30:00");
    }

    [Fact]
    public void Without_a_deadline_nothing_moves()
    {
        StaffCulture.Chinese();
        var tag = Render<CountdownTag>(p => p.Add(c => c.Now, Due)).Find(".countdown");

        tag.TextContent.ShouldBe("无计时");
        tag.HasAttribute("data-due").ShouldBeFalse(); // the browser moves only countdowns with a deadline
    }

    [Fact]
    public void A_page_redrawn_at_a_later_instant_leaves_an_unchanged_countdown_as_the_browser_moves_it()
    {
        StaffCulture.Chinese();
        var drawn = Due.AddHours(-3);
        var cut = Render<CountdownTag>(p => p.Add(c => c.Now, drawn).Add(c => c.DueAt, Due));

        // The page redraws a minute later (another row of its queue changed): this tag sends nothing, and the browser
        // keeps moving it from the instant it was drawn.
        cut.Render(p => p.Add(c => c.Now, drawn.AddMinutes(1)).Add(c => c.DueAt, Due));
        var tag = cut.Find(".countdown");
        tag.GetAttribute("data-now").ShouldBe(drawn.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        tag.TextContent.ShouldBe("剩余 03:00:00");

        // Its clock is breached in the ledger: drawn again, at the page's instant.
        cut.Render(p => p.Add(c => c.Now, Due.AddMinutes(2)).Add(c => c.DueAt, Due).Add(c => c.Breached, true));
        tag = cut.Find(".countdown");
        tag.GetAttribute("data-now").ShouldBe(Due.AddMinutes(2).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        tag.TextContent.ShouldBe("已超时 00:02:00");
        tag.ClassList.ShouldContain("ant-tag-red");
    }
}
