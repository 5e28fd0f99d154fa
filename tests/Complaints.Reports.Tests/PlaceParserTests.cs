using Complaints.Reports.HotSpots;

namespace Complaints.Reports.Tests;

/// <summary>Places in real shapes of Chinese addresses: each expected part is written out by hand.</summary>
public sealed class PlaceParserTests
{
    public static TheoryData<string, string?, string?, string?, string?> Addresses => new()
    {
        // address, district, town, road, community
        { "江苏省连云港市海州区朝阳街道黄河路12号阳光小区3栋201室", "海州区", "朝阳街道", "黄河路", "阳光小区" },
        { "开发区黄河路 1 号", "开发区", null, "黄河路", null },
        { "开发区黄河路１２号", "开发区", null, "黄河路", null },
        { "黄河路5-2号", null, null, "黄河路", null },
        { "灌南县新安镇人民路与长江路交叉口", "灌南县", "新安镇", "人民路", null },
        { "灌云县伊山镇王庄村三组", "灌云县", "伊山镇", null, "王庄村" },
        { "新坝镇张村镇东头", null, "新坝镇", null, null },
        { "海州区新村路8号", "海州区", null, "新村路", null },
        { "东城路幸福社区居委会对面", null, null, "东城路", "幸福社区" },
        { "连云港市连云区墟沟街道海棠北路88号碧桂园9幢2单元502", "连云区", "墟沟街道", "海棠北路", "碧桂园" },
        { "南京市鼓楼区中山北路一号楼", "鼓楼区", null, "中山北路", null },
        { "城关镇解放东路（老邮局旁边）", null, "城关镇", "解放东路", null },
        { "经济技术开发区花果山大道17号", "经济技术开发区", null, "花果山大道", null },
        { "海州区幸福里小区东侧", "海州区", null, null, "幸福里小区" },
        { "新浦区人民大街步行街", "新浦区", null, "人民大街", null },
        { "老城区花园路", "老城区", null, "花园路", null },
        { "阳光花园小区5号楼", null, null, null, "阳光花园小区" },
        { "东海县石榴街道石湖村", "东海县", "石榴街道", null, "石湖村" },
        { "上海市黄浦区南京东路步行街300弄", "黄浦区", null, "南京东路", null },
        { "", null, null, null, null },
        { "不详", null, null, null, null },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void An_address_gives_its_district_town_road_and_community(string address, string? district, string? town, string? road, string? community)
    {
        PlaceParser.Parse(address).ShouldBe(new Place(district, town, road, community), address);
    }

    [Fact]
    public void House_numbers_do_not_split_a_road_into_places()
    {
        PlaceParser.Parse("黄河路1号").Road.ShouldBe(PlaceParser.Parse("黄河路 208 号 3 单元").Road);
    }

    [Fact]
    public void A_case_is_at_its_road_and_its_community_and_at_its_town_only_without_them()
    {
        PlaceParser.Parse("海州区朝阳街道黄河路12号阳光小区").Names.ShouldBe(
            [new PlaceName(PlaceKind.Road, "黄河路"), new PlaceName(PlaceKind.Community, "阳光小区")]);
        PlaceParser.Parse("灌云县伊山镇").Names.ShouldBe([new PlaceName(PlaceKind.Town, "伊山镇")]);
        PlaceParser.Parse(null).Names.ShouldBeEmpty();
    }
}
