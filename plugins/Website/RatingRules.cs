namespace Complaints.Channels.Website;

/// <summary>
/// The five-star rules (seed 004 §4.5): five stars → praise for the named staff member; fewer than three → a mandatory
/// phone callback; two or fewer → also a company-wide notice (通报). Three or four stars with a message are kept as a
/// suggestion so the customer's words are not lost; without a message nothing needs doing.
/// </summary>
public static class RatingRules
{
    public const int MinStars = 1;
    public const int MaxStars = 5;

    public static RatingDecision Decide(int stars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stars, MinStars);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(stars, MaxStars);
        return stars switch
        {
            5 => new RatingDecision("praise", "praise", Callback: false, Notice: false),
            >= 3 => new RatingDecision("suggestion", "feedback", Callback: false, Notice: false),
            _ => new RatingDecision("complaint", "callback", Callback: true, Notice: stars <= 2),
        };
    }
}

/// <param name="Kind">The intake kind of the record the rating creates.</param>
/// <param name="Outcome">What the answer calls it: <c>praise</c>, <c>feedback</c> or <c>callback</c>.</param>
/// <param name="Callback">A mandatory phone callback task (fewer than three stars).</param>
/// <param name="Notice">A company-wide notice (two stars or fewer).</param>
public sealed record RatingDecision(string Kind, string Outcome, bool Callback, bool Notice);
