using Complaints.Reports.HotSpots;

namespace Complaints.Reports.Tests;

/// <summary>jieba.NET as the hot spots use it: loaded from this test's bin, with the utility's words kept whole.</summary>
public sealed class ContentTermsTests
{
    [Fact]
    public void The_utility_words_are_kept_whole_in_a_sentence()
    {
        var words = ContentTerms.Cut("小区二次供水水质浑浊，户表不走，营业厅说欠费停水");
        foreach (var word in new[] { "二次供水", "水质", "浑浊", "户表", "营业厅", "欠费", "停水" })
        {
            words.ShouldContain(word, string.Join("/", words));
        }
    }

    [Fact]
    public void A_utility_word_wins_over_a_more_frequent_split()
    {
        // jieba's own dictionary alone cuts 水/压低 (压低 is more frequent than 水压).
        ContentTerms.Cut("黄河路停水，水压低").ShouldContain("水压");
    }

    [Fact]
    public void Every_utility_word_is_one_word_on_its_own()
    {
        foreach (var word in ContentTerms.UtilityWords)
        {
            ContentTerms.Cut(word).ShouldBe([word]);
        }
    }

    [Fact]
    public void Terms_leave_out_stop_words_single_characters_and_numbers()
    {
        var terms = ContentTerms.TermsOf("用户反映家里停水三天了，水压很低，请尽快处理 12345");
        terms.ShouldContain("停水");
        terms.ShouldContain("水压");
        terms.ShouldNotContain("用户");
        terms.ShouldNotContain("反映");
        terms.ShouldNotContain("尽快");
        terms.ShouldNotContain("处理");
        terms.ShouldNotContain("12345");
        terms.ShouldAllBe(t => t.Length >= 2);
    }

    [Fact]
    public void Cutting_from_many_threads_at_once_gives_what_one_thread_gives()
    {
        const string Content = "燃气管道漏气，阀门关不上，井盖也丢了";
        var alone = ContentTerms.Cut(Content);
        var results = new string[64][];
        Parallel.For(0, results.Length, i => results[i] = [.. ContentTerms.Cut(Content)]);
        results.ShouldAllBe(r => r.SequenceEqual(alone));
    }
}
