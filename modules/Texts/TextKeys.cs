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
