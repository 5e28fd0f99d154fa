using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Complaints.Texts;

namespace Complaints.Architecture.Tests;

/// <summary>
/// Every text a person reads exists in both languages, zh-CN in Chinese, with the same placeholders, and is named by
/// a constant of <see cref="TextKeys"/>: a text in one language only, an orphan entry or a key without a text fails here.
/// </summary>
public sealed partial class TextResourceTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    [Fact]
    public void Every_text_exists_in_chinese_and_english_under_a_declared_key()
    {
        var problems = TextSetProblems(PlatformTexts.Entries(PlatformTexts.Default), PlatformTexts.Entries(English), DeclaredKeys(typeof(TextKeys)));

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_text_renders_in_the_readers_language_with_chinese_by_default()
    {
        var text = new Text(TextKeys.Input.TooLong, 4000);

        text.In().ShouldBe("最多 4000 个字符。");
        text.In(English).ShouldBe("At most 4000 characters.");
        text.In(CultureInfo.GetCultureInfo("fr")).ShouldBe("最多 4000 个字符。");
    }

    [Fact]
    public void The_check_names_a_text_missing_in_one_language_an_orphan_english_text_and_english_in_the_chinese_set()
    {
        var chinese = new Dictionary<string, string> { ["a"] = "甲 {0}", ["b"] = "Not Chinese", ["d"] = "丁" };
        var english = new Dictionary<string, string> { ["a"] = "A", ["b"] = "B", ["c"] = "C" };

        var problems = TextSetProblems(chinese, english, ["a", "b", "c", "e"]);

        problems.ShouldBe(
            [
                "'a': the placeholders differ between zh-CN and en",
                "'b': the zh-CN text has no Chinese",
                "'c': no zh-CN text",
                "'d': no English text",
                "'d': not a TextKeys constant",
                "'e': no zh-CN text",
                "'e': no English text",
            ],
            ignoreOrder: true);
    }

    private static List<string> TextSetProblems(IReadOnlyDictionary<string, string> chinese, IReadOnlyDictionary<string, string> english, IReadOnlyCollection<string> declared)
    {
        var problems = new List<string>();
        foreach (var key in chinese.Keys.Union(english.Keys).Union(declared).Order(StringComparer.Ordinal))
        {
            var hasChinese = chinese.TryGetValue(key, out var zh);
            var hasEnglish = english.TryGetValue(key, out var en);
            if (!hasChinese)
            {
                problems.Add($"'{key}': no zh-CN text");
            }

            if (!hasEnglish)
            {
                problems.Add($"'{key}': no English text");
            }

            if (!declared.Contains(key))
            {
                problems.Add($"'{key}': not a TextKeys constant");
            }

            if (hasChinese && !Han().IsMatch(zh!))
            {
                problems.Add($"'{key}': the zh-CN text has no Chinese");
            }

            if (hasChinese && hasEnglish && !Placeholders(zh!).SetEquals(Placeholders(en!)))
            {
                problems.Add($"'{key}': the placeholders differ between zh-CN and en");
            }
        }

        return problems;
    }

    private static HashSet<string> DeclaredKeys(Type type) =>
    [
        .. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Concat(type.GetNestedTypes().SelectMany(DeclaredKeys)),
    ];

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"\{(\d+)[^}]*\}")]
    private static partial Regex Placeholder();
}
