namespace Complaints.Reports.HotSpots;

/// <summary>How hot spots are found: <see cref="MinCases"/> cases of one category at one place within <see cref="WindowDays"/> days; the <see cref="Terms"/> most frequent terms.</summary>
public sealed record HotSpotOptions(int MinCases = HotSpotOptions.DefaultMinCases, int WindowDays = HotSpotOptions.DefaultWindowDays, int Terms = HotSpotOptions.DefaultTerms)
{
    public const int DefaultMinCases = 3;
    public const int DefaultWindowDays = 7;
    public const int DefaultTerms = 20;

    /// <summary>A complainant is a repeat complainant from this many cases in the period.</summary>
    public const int RepeatCases = 2;

    /// <summary>A term is counted from this many cases (one case alone is no hot spot).</summary>
    public const int TermCases = 2;

    /// <summary>A hot spot lists at most this many of its cases (the first registered); its count is all of them.</summary>
    public const int ListedCases = 100;

    /// <summary>How much of the content a listed case shows.</summary>
    public const int ExcerptLength = 40;
}

/// <summary>A case as a hot spot lists it (<see cref="CategoryName"/>: the tenant's name of the category).</summary>
public sealed record HotSpotCaseItem(string Number, DateTimeOffset RegisteredAt, string? Category, string Status, string Excerpt)
{
    public string? CategoryName { get; init; }
}

/// <summary>Cases of one category at one place (a road, a community, a town) within the window.</summary>
public sealed record PlaceHotSpot(
    string? Category, string? CategoryName, string Kind, string Place, string? District, int Count, DateTimeOffset First, DateTimeOffset Last, IReadOnlyList<HotSpotCaseItem> Cases);

/// <summary>One complainant (the same phone) with several cases in the period: the phone masked, never whole.</summary>
public sealed record RepeatComplainant(string? Name, string? Phone, int Count, IReadOnlyList<HotSpotCaseItem> Cases);

/// <summary>A term of the period's contents, with how many cases contain it and which.</summary>
public sealed record TermHotSpot(string Term, int Count, IReadOnlyList<HotSpotCaseItem> Cases);

/// <summary>The hot spots of a period (seed 002: issues many customers raise go to the general manager's meeting).</summary>
public sealed record HotSpotReport(
    string From, string To, int MinCases, int Window, int Cases,
    IReadOnlyList<PlaceHotSpot> Places, IReadOnlyList<RepeatComplainant> RepeatComplainants, IReadOnlyList<TermHotSpot> Terms);
