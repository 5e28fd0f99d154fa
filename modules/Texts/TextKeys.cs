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

    /// <summary>The working-day calendar: loading a year, and the warning while one is missing.</summary>
    public static class Calendar
    {
        /// <summary>{0}: the year. On /health and in the administrators' daily notification.</summary>
        public const string YearMissing = "calendar.year-missing";

        /// <summary>{0}: the year the path names.</summary>
        public const string YearRequired = "calendar.year-required";

        /// <summary>{0}: how many entries at most.</summary>
        public const string TooManyEntries = "calendar.too-many-entries";

        public const string EntryRequired = "calendar.entry-required";

        public const string NoControlCharacters = "calendar.no-control-characters";

        /// <summary>{0}: the date as given; {1}: the year.</summary>
        public const string DateOutsideYear = "calendar.date-outside-year";

        /// <summary>{0}: the date as given; {1}: the entry that listed it first, e.g. days[2].</summary>
        public const string DateRepeated = "calendar.date-repeated";

        /// <summary>{0}: the longest address allowed.</summary>
        public const string PaperAddress = "calendar.paper-address";
    }
}
