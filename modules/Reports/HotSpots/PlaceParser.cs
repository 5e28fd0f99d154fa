using System.Text;
using System.Text.RegularExpressions;

namespace Complaints.Reports.HotSpots;

/// <summary>What level of an address a place is: a road or street (路/街/巷/大道), a community or village (小区/社区/村/花园/苑…), a sub-district or town (街道/镇/乡).</summary>
public enum PlaceKind { Road, Community, Town }

/// <summary>One place a case is about, by its name as written (黄河路, 阳光小区, 新坝镇).</summary>
public sealed record PlaceName(PlaceKind Kind, string Name);

/// <summary>
/// The parts of a Chinese address that hot spots group by, each the first of its level (null when the address has
/// none): the district or county (区/县), the sub-district or town (街道/镇/乡), the road (路/街/巷/大道) and the
/// community or village (小区/社区/村/花园/苑…). House, building, unit and room numbers are not part of any.
/// </summary>
public sealed record Place(string? District, string? Town, string? Road, string? Community)
{
    public static Place None { get; } = new(null, null, null, null);

    /// <summary>
    /// The places a hot spot can gather cases at: the road and the community when the address has them (a case on
    /// 黄河路 in 阳光小区 counts for both), the town only when it has neither (a town is too wide beside them).
    /// </summary>
    public IReadOnlyList<PlaceName> Names
    {
        get
        {
            var names = new List<PlaceName>(2);
            if (Road is not null)
            {
                names.Add(new PlaceName(PlaceKind.Road, Road));
            }

            if (Community is not null)
            {
                names.Add(new PlaceName(PlaceKind.Community, Community));
            }

            if (names.Count == 0 && Town is not null)
            {
                names.Add(new PlaceName(PlaceKind.Town, Town));
            }

            return names;
        }
    }
}

/// <summary>
/// Finds the district, town, road and community in a Chinese address as people write it (江苏省连云港市海州区朝阳街道黄河路
/// 12号阳光小区3栋201室; 开发区黄河路 1 号; 新坝镇王庄村三组; 人民路与长江路交叉口). Pure: the text in, the parts out.
/// <para>
/// How: full-width characters become half-width; numbers with their unit (12号, 3栋, 201室, 1-2-301, 三单元) and
/// words that join or point (与, 交叉口, 附近, 对面…) become breaks; then names are read left to right, each the shortest
/// run of characters ending in a level's word (省, 市, 区/县, 街道/镇/乡, 路/街/巷/大道, 小区/社区/村/花园/苑…). A level's
/// word followed by another's (新村路, 东城路, 张村镇, 老城区) is part of a longer name, not the end of one.
/// </para>
/// </summary>
public static partial class PlaceParser
{
    /// <summary>The words that end a name, longer ones before those they start with; the group says the level.</summary>
    [GeneratedRegex("""
        (?<name>[^|]{1,12}?)
        (?:
            (?<province>省|自治区|特别行政区)
            | (?<city>市(?!场|政|民|区|中心))
            | (?<district>园区|区|县|旗)
            | (?<town>街道|镇|乡)
            | (?<road>大道|大街|路|街|巷|胡同|弄)
            | (?<community>小区|社区|花园|家园|新村|村|苑|园|公寓|大厦|广场|公馆|城|庄)
        )
        (?!路|街|大道|巷|胡同|镇|乡|村|区|县|市|小区|社区)
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Names();

    /// <summary>A number with its unit (a house, a building, a unit, a floor, a room), in digits or Chinese numerals.</summary>
    [GeneratedRegex("""
        [0-9A-Za-z\#\-—－]*[0-9][0-9A-Za-z\#\-—－]*(?:号楼|号院|号|栋|幢|座|单元|室|楼|层|户|组|弄)?
        | [一二三四五六七八九十百零〇两]+(?:号楼|号院|号|栋|幢|座|单元|室|层|组)
        """, RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant)]
    private static partial Regex Numbers();

    /// <summary>Words that join two places or point near one: a break between names, never part of one.</summary>
    [GeneratedRegex("与|交叉口|办事处|居委会|村委会|委员会|交汇处|十字路口|附近|旁边|对面|门口|东侧|西侧|南侧|北侧|一带|周边|境内|[\\s,，、;；:：()（）\\[\\]【】<>《》\"“”'‘’。.!！?？/\\\\]+", RegexOptions.CultureInvariant)]
    private static partial Regex Breaks();

    public static Place Parse(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
        {
            return Place.None;
        }

        var text = Breaks().Replace(address.Normalize(NormalizationForm.FormKC), "|");
        text = Numbers().Replace(text, "|");
        string? district = null, town = null, road = null, community = null;
        foreach (Match match in Names().Matches(text))
        {
            var name = match.Value;
            if (match.Groups["district"].Success)
            {
                district ??= name;
            }
            else if (match.Groups["town"].Success)
            {
                town ??= name;
            }
            else if (match.Groups["road"].Success)
            {
                road ??= name;
            }
            else if (match.Groups["community"].Success)
            {
                community ??= name;
            }
        }

        return new Place(district, town, road, community);
    }
}
