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

    /// <summary>Notes the intake writes into a channel item's content (stored with the case, so in zh-CN).</summary>
    public static class Intake
    {
        /// <summary>{0}: the number the source gave, which cannot be called back.</summary>
        public const string UnusablePhone = "intake.unusable-phone";
    }
}
