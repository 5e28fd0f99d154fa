namespace Complaints.Texts;

/// <summary>
/// The keys of the resource set, grouped by who reads them. A key is a constant here and an entry in both
/// Texts.resx (zh-CN) and Texts.en.resx (English); <c>TextResourceTests</c> names any that is missing.
/// </summary>
public static class TextKeys
{
    /// <summary>Problem details for bad input: the field named in <c>errors</c>.</summary>
    public static class Input
    {
        public const string Required = "input.required";
        public const string TooLong = "input.too-long";
    }

    /// <summary>
    /// Notifications to staff (docs/domain.md, who is told what). Arguments: {0} the case number; the clock notices
    /// {1} the clock's word (<see cref="Clocks"/>) and {2} its deadline in China time.
    /// </summary>
    public static class Notifications
    {
        public const string ClockWarned = "notifications.clock-warned";
        public const string ClockBreached = "notifications.clock-breached";

        /// <summary>{1}: the supervisor's note.</summary>
        public const string Supervised = "notifications.supervised";

        /// <summary>{1}: the department the dispatch goes to.</summary>
        public const string ApprovalRequested = "notifications.approval-requested";

        /// <summary>{1}: the compensation in the result.</summary>
        public const string Compensation = "notifications.compensation";

        /// <summary>{1}: the responsible person (or a dash); {2}: the note.</summary>
        public const string Threat = "notifications.threat";
    }

    /// <summary>The clocks' words (<c>clock.{name}</c>, the names of ClockNames), e.g. 办结时限.</summary>
    public static class Clocks
    {
        public const string FirstReply = "clock.first-reply";
        public const string Dispatch = "clock.dispatch";
        public const string SignFor = "clock.sign-for";
        public const string OnSite = "clock.on-site";
        public const string Resolution = "clock.resolution";
        public const string Callback = "clock.callback";

        /// <summary>The key of clock <paramref name="name"/>'s word.</summary>
        public static string Of(string name) => $"clock.{name}";
    }

    /// <summary>The callback (回访): refusals and the reason a case closes as not reached.</summary>
    public static class Callback
    {
        public const string NotReachedClosed = "callback.not-reached-closed";
        public const string NotReachedHasNoSatisfaction = "callback.not-reached-has-no-satisfaction";
        public const string OnlyUnsatisfiedIsSentOn = "callback.only-unsatisfied-is-sent-on";
        public const string EscalateOrDepartment = "callback.escalate-or-department";
    }

    /// <summary>Notes the intake writes into a channel item's content (stored with the case, so in zh-CN).</summary>
    public static class Intake
    {
        /// <summary>{0}: the number the source gave, which cannot be called back.</summary>
        public const string UnusablePhone = "intake.unusable-phone";
    }
}
