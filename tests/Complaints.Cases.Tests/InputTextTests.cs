using Complaints.Texts;
using static Complaints.Cases.Tests.Given;

namespace Complaints.Cases.Tests;

/// <summary>The one rule for stored strings and dates (<see cref="InputText"/>, <see cref="InputDates"/>) and the decider applying it.</summary>
public sealed class InputTextTests
{
    public static TheoryData<string, string> Forbidden => new()
    {
        { "NUL", "a\0b" }, { "BEL", "a\u0007b" }, { "ESC", "\u001b[2J" }, { "DEL", "a\u007fb" }, { "C1 NEL", "a\u0085b" }, { "C1 CSI", "a\u009bb" },
        { "ALM", "a\u061cb" }, { "ZWSP", "a\u200bb" }, { "ZWNJ", "a\u200cb" }, { "ZWJ", "a\u200db" }, { "LRM", "a\u200eb" }, { "RLM", "a\u200fb" },
        { "LS", "a\u2028b" }, { "PS", "a\u2029b" }, { "LRE", "a\u202ab" }, { "RLO", "a\u202eb" }, { "LRI", "a\u2066b" }, { "PDI", "a\u2069b" },
        { "BOM", "\ufeffab" }, { "lone CR", "a\rb" }, { "CR at the end", "ab\r" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void A_control_or_direction_character_is_refused_in_any_field(string kind, string value)
    {
        InputText.Problem(value, InputLimits.LongText).ShouldNotBeNull(kind);
        InputText.Problem(value, InputLimits.Name).ShouldNotBeNull(kind);
        InputText.Problem(value, InputLimits.Name)!.Key.ShouldBe(TextKeys.Input.ControlCharacter);
    }

    /// <summary>Built here, not as theory data: a lone surrogate does not survive the test runner's serialization.</summary>
    [Fact]
    public void A_lone_surrogate_is_refused_anywhere()
    {
        foreach (var value in new[] { "a" + '\ud800' + "b", "a" + '\udc00' + "b", "ab" + '\ud83d', '\udc00' + "ab" })
        {
            InputText.Problem(value, InputLimits.LongText)!.Key.ShouldBe(TextKeys.Input.ControlCharacter);
            InputText.Problem(value, InputLimits.Name)!.Key.ShouldBe(TextKeys.Input.ControlCharacter);
        }
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\r\nb")]
    [InlineData("a\tb")]
    public void Line_breaks_and_tabs_are_long_text_only(string value)
    {
        InputText.Problem(value, InputLimits.LongText).ShouldBeNull();
        InputText.Problem(value, InputLimits.Name).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("O'Brien-Smith, Jr.")]
    [InlineData("😀 emoji (a surrogate pair)")]
    [InlineData("全角　空格")]
    [InlineData("")]
    public void Ordinary_text_passes(string value) => InputText.Problem(value, InputLimits.Name).ShouldBeNull();

    [Fact]
    public void The_refusal_names_the_character_and_where_it_is()
    {
        var text = InputText.Problem("ab\u202ecd", InputLimits.Name)!;
        text.In().ShouldContain("U+202E");
        text.In().ShouldContain("3");
    }

    [Fact]
    public void A_string_over_its_limit_is_refused_with_the_limit()
    {
        InputText.Problem(new string('名', 100), InputLimits.Name).ShouldBeNull();
        var text = InputText.Problem(new string('名', 101), InputLimits.Name)!;
        text.Key.ShouldBe(TextKeys.Input.TooLong);
        text.Args.ShouldBe([100]);
        InputText.Problem(new string('节', 51), InputLimits.HolidayName).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("1999-12-31T23:59:59+08:00", false)]
    [InlineData("2000-01-01T00:00:00+08:00", true)]
    [InlineData("2100-12-31T23:59:59+08:00", true)]
    [InlineData("2101-01-01T00:00:00+08:00", false)]
    [InlineData("0001-01-01T00:00:00+00:00", false)]
    [InlineData("9999-12-31T23:59:59+00:00", false)]
    [InlineData("1970-01-01T08:00:00+08:00", false)]
    public void Dates_lie_in_2000_to_2100(string time, bool inWindow)
    {
        var t = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture);
        InputDates.InWindow(t).ShouldBe(inWindow);
        (InputDates.Problem(t) is null).ShouldBe(inWindow);
    }

    public static TheoryData<string> RegistrationFields =>
        ["content", "complainant.name", "complainant.phone", "complainant.address", "complainant.accountNo", "location", "externalId", "category", "channel", "recomplaintOf"];

    [Theory]
    [MemberData(nameof(RegistrationFields))]
    public void A_registration_with_an_escape_sequence_in_any_field_is_refused_naming_it(string field)
    {
        const string bad = "x\u001b[31m";
        var c = Registration();
        var command = field switch
        {
            "content" => c with { Content = bad },
            "complainant.name" => c with { Complainant = new Complainant(Name: bad) },
            "complainant.phone" => c with { Complainant = new Complainant(Phone: bad) },
            "complainant.address" => c with { Complainant = new Complainant(Address: bad) },
            "complainant.accountNo" => c with { Complainant = new Complainant(AccountNo: bad) },
            "location" => c with { Location = bad },
            "externalId" => c with { ExternalId = bad },
            "category" => c with { Category = bad },
            "channel" => c with { Channel = bad },
            _ => c with { RecomplaintOf = bad },
        };

        var refusal = CaseDecider.ValidateRegistration(command, Rules, WeChatChannel, T0).ShouldNotBeNull();
        refusal.Field.ShouldBe(field);
        refusal.Message.Key.ShouldBe(TextKeys.Input.ControlCharacter);
    }

    [Fact]
    public void A_source_deadline_before_the_item_was_received_is_refused()
    {
        var c = Registration() with { ReceivedAt = T0.AddDays(-1), ExternalDeadline = T0.AddDays(-2) };
        CaseDecider.ValidateRegistration(c, Rules, WeChatChannel, T0)!.Field.ShouldBe("externalDeadline");
        CaseDecider.ValidateRegistration(c with { ExternalDeadline = new DateTimeOffset(1970, 1, 1, 0, 0, 0, TimeSpan.Zero) }, Rules, WeChatChannel, T0)!.Field.ShouldBe("externalDeadline");
        CaseDecider.ValidateRegistration(c with { ExternalDeadline = T0.AddDays(5) }, Rules, WeChatChannel, T0).ShouldBeNull();
    }

    [Fact]
    public void An_extension_until_the_year_9999_is_refused()
    {
        var flow = CaseFlow.Reach(Situation.InProgress);
        flow.Try(PipeHandler, new RequestExtension(DateTimeOffset.MaxValue, "配件未到")).ShouldBeRefused(RefusalKind.Invalid, "until");
    }
}
