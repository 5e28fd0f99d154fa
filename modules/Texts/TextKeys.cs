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
}
