using Complaints.Reports.HotSpots;
using Complaints.Storage;

namespace Complaints.Reports.Tests;

public sealed class HotSpotFinderTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 11, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private static DateTimeOffset[] Days(params double[] days) => [.. days.Select(d => Day1.AddDays(d))];

    [Fact]
    public void Three_times_within_the_window_are_one_cluster()
    {
        HotSpotFinder.Clusters(Days(0, 3, 7), 3, TimeSpan.FromDays(7)).ShouldBe([(0, 2)]);
    }

    [Fact]
    public void Three_times_spread_wider_than_the_window_are_none()
    {
        HotSpotFinder.Clusters(Days(0, 3, 7.5), 3, TimeSpan.FromDays(7)).ShouldBeEmpty();
    }

    [Fact]
    public void Overlapping_runs_merge_and_a_later_run_stands_alone()
    {
        // 0,1,2 (within 7 days) and 1,2,6 overlap: one cluster 0…3; 20,21,22 another; 30 alone is none.
        HotSpotFinder.Clusters(Days(0, 1, 2, 6, 20, 21, 22, 30), 3, TimeSpan.FromDays(7)).ShouldBe([(0, 3), (4, 6)]);
    }

    [Fact]
    public void Fewer_cases_than_the_minimum_are_no_cluster()
    {
        HotSpotFinder.Clusters(Days(0, 0.1), 3, TimeSpan.FromDays(7)).ShouldBeEmpty();
        HotSpotFinder.Clusters([], 3, TimeSpan.FromDays(7)).ShouldBeEmpty();
    }

    private static HotSpotCase Case(string number, double day, string? category, string content, string? address = null, string? location = null, long? complainant = null) => new()
    {
        Number = number,
        RegisteredAt = Day1.AddDays(day),
        Category = category,
        Status = "accepted",
        Content = content,
        Address = address,
        Location = location,
        ComplainantName = complainant is null ? null : "王" + complainant,
        ComplainantPhoneMasked = complainant is null ? null : "138****000" + complainant,
        Complainant = complainant,
    };

    [Fact]
    public void A_report_gathers_places_complainants_and_terms_as_counted_by_hand()
    {
        var finder = new HotSpotFinder(new HotSpotOptions(MinCases: 3, WindowDays: 7, Terms: 5));
        finder.Add(Case("A1", 0, "water-pressure", "黄河路停水，水压低", address: "开发区黄河路1号", complainant: 1));
        finder.Add(Case("A2", 1, "water-pressure", "又停水了", address: "开发区黄河路15号", complainant: 1));
        // The location wins over the address: this one is about 黄河路 too.
        finder.Add(Case("A3", 2, "water-pressure", "水压不够", address: "新浦区长江路2号", location: "黄河路与长江路交叉口", complainant: 2));
        // Another category on the same road: not in the water-pressure hot spot.
        finder.Add(Case("A4", 3, "billing-dispute", "水费太高", address: "开发区黄河路3号", complainant: 1));
        // The same road and category, but 20 days later: outside the window.
        finder.Add(Case("A5", 20, "water-pressure", "停水", address: "黄河路9号"));

        var report = finder.Finish(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30), id => id == "water-pressure" ? "水压问题" : null);

        report.Cases.ShouldBe(5);
        var place = report.Places.ShouldHaveSingleItem();
        (place.Category, place.CategoryName, place.Kind, place.Place, place.District, place.Count).ShouldBe(("water-pressure", "水压问题", "road", "黄河路", "开发区", 3));
        place.Cases.Select(c => c.Number).ShouldBe(["A1", "A2", "A3"]);
        place.Cases.ShouldAllBe(c => c.CategoryName == "水压问题");
        (place.First, place.Last).ShouldBe((Day1, Day1.AddDays(2)));

        var repeat = report.RepeatComplainants.ShouldHaveSingleItem();
        (repeat.Name, repeat.Phone, repeat.Count).ShouldBe(("王1", "138****0001", 3));
        repeat.Cases.Select(c => c.Number).ShouldBe(["A1", "A2", "A4"]);
        repeat.Cases[2].CategoryName.ShouldBeNull(); // the tenant has no name for it here

        // 停水: A1, A2, A5; 水压: A1, A3. Every other term is in one case only.
        report.Terms.Select(t => (t.Term, t.Count)).ShouldBe([("停水", 3), ("水压", 2)]);
        report.Terms[0].Cases.Select(c => c.Number).ShouldBe(["A1", "A2", "A5"]);
    }

    [Fact]
    public void A_listed_case_shows_the_start_of_its_content()
    {
        var finder = new HotSpotFinder(new HotSpotOptions(MinCases: 2));
        var content = new string('停', 10) + new string('水', 50);
        finder.Add(Case("B1", 0, "general", content, address: "黄河路", complainant: 7));
        finder.Add(Case("B2", 0, "general", "短", address: "黄河路", complainant: 7));
        var cases = finder.Finish(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 1), _ => null).RepeatComplainants[0].Cases;
        cases[0].Excerpt.ShouldBe(content[..40] + "…");
        cases[1].Excerpt.ShouldBe("短");
    }
}
