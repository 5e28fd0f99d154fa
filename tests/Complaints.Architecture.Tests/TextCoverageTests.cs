using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Complaints.Cases;
using Complaints.Sla;
using Complaints.Texts;
using Microsoft.Extensions.Configuration;
using ReplyTemplates = Complaints.Channels.ReplyTemplates;

namespace Complaints.Architecture.Tests;

/// <summary>
/// The words inside sentences (statuses, kinds, roles, clocks…) all have texts, reply templates say what the channel
/// is, and the refusals still written as English literals are exactly the ones listed here, until they are converted.
/// </summary>
public sealed partial class TextCoverageTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    public static TheoryData<string> ReadableVocabularies => [.. Words.Readable.Keys.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(ReadableVocabularies))]
    public void Every_value_of_a_vocabulary_people_read_has_its_word_in_both_languages(string vocabulary)
    {
        var type = Words.Readable.Keys.Single(t => t.Name == vocabulary);
        var text = typeof(Words).GetMethod(nameof(Words.Text))!.MakeGenericMethod(type);
        var declared = DeclaredKeys(typeof(TextKeys.Words));

        var missing = Enum.GetValues(type).Cast<object>()
            .Select(value => ((Text)text.Invoke(null, [value])!).Key)
            .Where(key => !declared.Contains(key) || !PlatformTexts.Entries(PlatformTexts.Default).ContainsKey(key) || !PlatformTexts.Entries(English).ContainsKey(key))
            .ToList();

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Every_clock_has_its_name_in_both_languages()
    {
        var declared = DeclaredKeys(typeof(TextKeys.Words.Clock));

        ClockNames.All.Select(ClockNames.Text).Where(t => t.IsUntranslated || !declared.Contains(t.Key)).ShouldBeEmpty();
        ClockNames.Text(ClockNames.FirstReply).In().ShouldBe("首次答复");
        ClockNames.Text(ClockNames.FirstReply).In(English).ShouldBe("first reply");
    }

    [Fact]
    public void A_status_word_inside_a_sentence_is_in_the_sentences_language()
    {
        var refusal = new Text(TextKeys.Refusals.Status, "FYW-2026-000001", Words.Text(CaseStatus.PendingApproval), ActionWords.Of("signed for"));

        refusal.In().ShouldBe("案件 FYW-2026-000001 当前状态为“待领导审批”，现在不能签收。");
        refusal.In(English).ShouldBe("Case FYW-2026-000001 is awaiting approval: it cannot be signed for now.");
    }

    [Fact]
    public void Every_action_the_decider_names_in_a_status_check_has_its_word()
    {
        var named = InStatusCall().Matches(File.ReadAllText(Rules.Project("modules/Cases/CaseDecider.cs"))).Select(m => m.Groups[1].Value).Distinct().ToList();

        named.ShouldNotBeEmpty();
        named.Where(what => !ActionWords.Known.Contains(what)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_text_in_the_modules_is_made_from_a_declared_key_not_a_literal()
    {
        // A refusal can only carry a Text (the compiler sees to that); a Text made from a string literal would be a key
        // nobody declared, or English in disguise.
        var found = Directory.EnumerateFiles(Rules.Project("modules"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LiteralText().Matches(File.ReadAllText(f))
                .Select(m => $"{Path.GetRelativePath(Rules.RepositoryRoot, f).Replace('\\', '/')}: {m.Value}"))
            .ToList();

        found.ShouldBeEmpty();
        LiteralText().IsMatch("new Text(\"The customer was satisfied.\")").ShouldBeTrue();
        LiteralText().IsMatch("new Text(TextKeys.Callback.Satisfied)").ShouldBeFalse();
    }

    [Theory]
    [InlineData("wechat", "感谢您的留言")]
    [InlineData("hotline", "感谢您的来电")]
    [InlineData("website", "感谢您的留言")]
    [InlineData("mailbox", "感谢您的来信")]
    [InlineData("suggestion-box", "感谢您的意见")]
    [InlineData("gov-12345", "感谢您的反映")]
    [InlineData("fangyang-mailbox", "感谢您的反映")]
    public void The_acknowledgement_thanks_for_what_the_channel_is(string channel, string thanks)
    {
        var templates = new ReplyTemplates(new ConfigurationBuilder().Build());

        var text = templates.Render("fangyang-water", channel, "accepted", new Dictionary<string, string> { ["number"] = "FYW-2026-000001" });

        text.ShouldContain(thanks);
        text.ShouldContain("FYW-2026-000001");
        if (channel != "hotline")
        {
            text.ShouldNotContain("来电");
        }
    }

    [Fact]
    public void A_tenants_own_template_wins_and_a_tenant_may_answer_its_customers_in_english()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tenants:city:Replies:wechat:accepted"] = "已收到 {number}",
            ["Tenants:town:Replies:Language"] = "en",
        }).Build();
        var templates = new ReplyTemplates(configuration);
        var data = new Dictionary<string, string> { ["number"] = "C-1" };

        templates.Render("city", "wechat", "accepted", data).ShouldBe("已收到 C-1");
        templates.Render("city", "hotline", "accepted", data).ShouldContain("感谢您的来电");
        templates.Render("town", "wechat", "closed", data).ShouldBe("Hello! The matter you reported (number C-1) is closed. Thank you for your support!");
    }

    private static HashSet<string> DeclaredKeys(Type type) =>
    [
        .. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Concat(type.GetNestedTypes().SelectMany(DeclaredKeys)),
    ];

    [GeneratedRegex(@"InStatus\(state,\s*""([^""]+)""")]
    private static partial Regex InStatusCall();

    [GeneratedRegex(@"new Text\(\s*\$?""")]
    private static partial Regex LiteralText();
}
