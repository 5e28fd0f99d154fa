namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>The scheduled report snapshots: the supervisors' notification, the workbook's cover sheet, the API's problems.</summary>
    public static class Snapshots
    {
        /// <summary>{0}: the kind's word (<see cref="Daily"/>…); {1}, {2}: the period's first and last date; {3}: the snapshot's id.</summary>
        public const string Produced = "snapshots.produced";

        public const string Daily = "snapshots.kind.daily";
        public const string Monthly = "snapshots.kind.monthly";
        public const string Quarterly = "snapshots.kind.quarterly";

        /// <summary>The cover sheet's name and headers.</summary>
        public const string Cover = "snapshots.cover";
        public const string Report = "snapshots.cover.report";
        public const string From = "snapshots.cover.from";
        public const string To = "snapshots.cover.to";
        public const string ProducedAt = "snapshots.cover.produced-at";
        public const string Sections = "snapshots.cover.sections";

        /// <summary>{0}: the id asked for.</summary>
        public const string NotFound = "snapshots.not-found";

        /// <summary>The kinds a list may ask for.</summary>
        public const string KindOneOf = "snapshots.kind-one-of";

        /// <summary>The formats a snapshot downloads in.</summary>
        public const string FormatOneOf = "snapshots.format-one-of";
    }
}
