using System.Globalization;
using Complaints.Storage;
using Complaints.Texts;

namespace Complaints.Reports.HotSpots;

/// <summary>
/// Finds the hot spots among a period's cases, fed one case at a time (a month is not held with its contents): places
/// from <see cref="PlaceParser"/> (the case's location when it names one, else the complainant's address), terms from
/// <see cref="ContentTerms"/>, complainants by the store's stand-in for the phone. Pure: cases in, report out.
/// </summary>
public sealed class HotSpotFinder(HotSpotOptions options)
{
    private readonly List<Entry> _cases = [];
    private readonly Dictionary<(string? Category, PlaceName Place), List<int>> _places = [];
    private readonly Dictionary<long, List<int>> _complainants = [];
    private readonly Dictionary<string, List<int>> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _districts = new(StringComparer.Ordinal);

    private sealed record Entry(HotSpotCaseItem Item, string? Name, string? Phone);

    /// <summary>Takes one case; cases come oldest first.</summary>
    public void Add(HotSpotCase c)
    {
        var index = _cases.Count;
        // Phones typed into the content or the name are masked as in every list, before the cut that could halve one.
        var content = PhoneMask.InText(c.Content);
        var excerpt = content.Length > HotSpotOptions.ExcerptLength ? content[..HotSpotOptions.ExcerptLength] + "…" : content;
        _cases.Add(new Entry(new HotSpotCaseItem(c.Number, c.RegisteredAt, c.Category, c.Status, excerpt), PhoneMask.InTextOrNull(c.ComplainantName), c.ComplainantPhoneMasked));

        var place = PlaceOf(c);
        foreach (var name in place.Names)
        {
            Add(_places, (c.Category, name), index);
            if (place.District is { } district)
            {
                _districts.TryAdd(name.Name, district);
            }
        }

        if (c.Complainant is { } complainant)
        {
            Add(_complainants, complainant, index);
        }

        foreach (var term in ContentTerms.TermsOf(c.Content))
        {
            Add(_terms, term, index);
        }
    }

    /// <summary>The case's place: where the matter is when the case says so, else where the complainant lives.</summary>
    public static Place PlaceOf(HotSpotCase c) =>
        PlaceParser.Parse(c.Location) is { Names.Count: > 0 } location ? location : PlaceParser.Parse(c.Address);

    public HotSpotReport Finish(DateOnly from, DateOnly to, Func<string, string?> categoryName)
    {
        for (var i = 0; i < _cases.Count; i++)
        {
            if (_cases[i].Item.Category is { } category)
            {
                _cases[i] = _cases[i] with { Item = _cases[i].Item with { CategoryName = categoryName(category) } };
            }
        }

        var window = TimeSpan.FromDays(options.WindowDays);
        var places = new List<PlaceHotSpot>();
        foreach (var ((category, place), indexes) in _places)
        {
            var times = indexes.Select(i => _cases[i].Item.RegisteredAt).ToList();
            foreach (var (start, end) in Clusters(times, options.MinCases, window))
            {
                var members = indexes.GetRange(start, end - start + 1);
                places.Add(new PlaceHotSpot(
                    category,
                    category is null ? null : categoryName(category),
                    Words(place.Kind),
                    place.Name,
                    _districts.GetValueOrDefault(place.Name),
                    members.Count,
                    times[start],
                    times[end],
                    Items(members)));
            }
        }

        var repeat = _complainants.Values
            .Where(indexes => indexes.Count >= HotSpotOptions.RepeatCases)
            .Select(indexes => new RepeatComplainant(
                indexes.Select(i => _cases[i].Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)),
                _cases[indexes[0]].Phone,
                indexes.Count,
                Items(indexes)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Cases[0].RegisteredAt).ThenBy(r => r.Cases[0].Number, StringComparer.Ordinal)
            .ToList();

        var terms = _terms
            .Where(t => t.Value.Count >= HotSpotOptions.TermCases)
            .OrderByDescending(t => t.Value.Count).ThenBy(t => t.Key, StringComparer.Ordinal)
            .Take(options.Terms)
            .Select(t => new TermHotSpot(t.Key, t.Value.Count, Items(t.Value)))
            .ToList();

        return new HotSpotReport(
            from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            options.MinCases,
            options.WindowDays,
            _cases.Count,
            [.. places.OrderByDescending(p => p.Count).ThenBy(p => p.First).ThenBy(p => p.Place, StringComparer.Ordinal).ThenBy(p => p.Category, StringComparer.Ordinal)],
            repeat,
            terms);
    }

    /// <summary>
    /// The clusters among times in order: every run of at least <paramref name="minCases"/> times whose last is at most
    /// <paramref name="window"/> after its first, runs that share a time merged into one. Returns the first and last
    /// index of each cluster.
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> Clusters(IReadOnlyList<DateTimeOffset> times, int minCases, TimeSpan window)
    {
        var clusters = new List<(int Start, int End)>();
        var last = 0;
        for (var first = 0; first < times.Count; first++)
        {
            last = Math.Max(last, first);
            while (last + 1 < times.Count && times[last + 1] - times[first] <= window)
            {
                last++;
            }

            if (last - first + 1 < minCases)
            {
                continue;
            }

            if (clusters.Count > 0 && clusters[^1].End >= first)
            {
                clusters[^1] = (clusters[^1].Start, last);
            }
            else
            {
                clusters.Add((first, last));
            }
        }

        return clusters;
    }

    private List<HotSpotCaseItem> Items(List<int> indexes) => [.. indexes.Take(HotSpotOptions.ListedCases).Select(i => _cases[i].Item)];

    private static string Words(PlaceKind kind) => kind switch
    {
        PlaceKind.Road => "road",
        PlaceKind.Community => "community",
        _ => "town",
    };

    private static void Add<TKey>(Dictionary<TKey, List<int>> groups, TKey key, int index)
        where TKey : notnull
    {
        if (!groups.TryGetValue(key, out var list))
        {
            groups[key] = list = [];
        }

        list.Add(index);
    }
}
