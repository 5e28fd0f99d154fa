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

    /// <summary>The callback (回访): refusals and the reason a case closes as not reached.</summary>
    public static class Callback
    {
        public const string NotReachedClosed = "callback.not-reached-closed";
        public const string NotReachedHasNoSatisfaction = "callback.not-reached-has-no-satisfaction";
        public const string OnlyUnsatisfiedIsSentOn = "callback.only-unsatisfied-is-sent-on";
        public const string EscalateOrDepartment = "callback.escalate-or-department";
    }
}
