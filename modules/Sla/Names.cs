using System.Collections.Frozen;
using Complaints.Texts;

namespace Complaints.Sla;

/// <summary>The clocks a complaint can run (docs/domain.md, clocks); policies name them in kebab-case.</summary>
public static class ClockNames
{
    /// <summary>First reply to the customer (001 §2.1).</summary>
    public const string FirstReply = "first-reply";

    /// <summary>Forwarding the case to the handling department (003 art. 12.2, 004 §4.2).</summary>
    public const string Dispatch = "dispatch";

    /// <summary>The department signs for the order / starts investigating (004 §4.3, 003 art. 12.3).</summary>
    public const string SignFor = "sign-for";

    /// <summary>On site, for categories that have an on-site time (000 art. 14 (一)2, 001 §4.4).</summary>
    public const string OnSite = "on-site";

    /// <summary>Handling finished and the result reported (the category deadline table).</summary>
    public const string Resolution = "resolution";

    /// <summary>Calling the complainant back after the result (004 §4.4).</summary>
    public const string Callback = "callback";

    /// <summary>All clock names in lifecycle order: the order evaluated clocks are listed in.</summary>
    public static IReadOnlyList<string> All { get; } = [FirstReply, Dispatch, SignFor, OnSite, Resolution, Callback];

    /// <summary>
    /// The clocks that run against the customer-service desk; the others run against the department that holds
    /// the case when they warn or breach.
    /// </summary>
    public static IReadOnlySet<string> Desk { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { FirstReply, Dispatch, Callback };

    /// <summary>Who a clock runs against in a case now: null for the desk, else the case's current department.</summary>
    /// <param name="clock">The clock's name.</param>
    /// <param name="currentDepartment">The department that holds the case now, if any.</param>
    public static string? Owner(string clock, string? currentDepartment) => Desk.Contains(clock) ? null : currentDepartment;

    internal static readonly FrozenSet<string> Known = All.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The clock's name as people read it (首次答复, 办结…), a <see cref="TextKeys.Words.Clock"/> text.</summary>
    public static Text Text(string clock) =>
        Known.Contains(clock) ? new Text(TextKeys.Words.Clock.Of(clock.ToLowerInvariant())) : Complaints.Texts.Text.Untranslated(clock);
}
