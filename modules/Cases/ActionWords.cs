using Complaints.Texts;

namespace Complaints.Cases;

/// <summary>
/// What could not be done, as the decider's status checks name it ("accepted", "signed for"), as a word of the
/// resource set: zh-CN reads a verb (受理), English the participle. A name without a word stays as written.
/// </summary>
public static class ActionWords
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["accepted"] = TextKeys.Words.Action.Accepted,
        ["rejected"] = TextKeys.Words.Action.Rejected,
        ["answered"] = TextKeys.Words.Action.Answered,
        ["dispatched"] = TextKeys.Words.Action.Dispatched,
        ["approved for dispatch"] = TextKeys.Words.Action.ApprovedForDispatch,
        ["signed for"] = TextKeys.Words.Action.SignedFor,
        ["returned"] = TextKeys.Words.Action.Returned,
        ["extended"] = TextKeys.Words.Action.Extended,
        ["given an extension decision"] = TextKeys.Words.Action.GivenExtensionDecision,
        ["resolved"] = TextKeys.Words.Action.Resolved,
        ["called back"] = TextKeys.Words.Action.CalledBack,
        ["reclassified"] = TextKeys.Words.Action.Reclassified,
        ["returned to its source"] = TextKeys.Words.Action.ReturnedToSource,
        ["flagged"] = TextKeys.Words.Action.Flagged,
        ["supervised"] = TextKeys.Words.Action.Supervised,
    };

    /// <summary>The names that have a word; a test checks every name the decider uses is among them.</summary>
    public static IReadOnlyCollection<string> Known => Keys.Keys;

    public static Text Of(string what) => Keys.TryGetValue(what, out var key) ? new Text(key) : Text.Untranslated(what);
}
