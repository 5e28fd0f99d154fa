namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>The statistics report (docs/reports.md "Statistics"): group names, sheet and column headers, its problems.</summary>
    public static class Statistics
    {
        public const string Total = "statistics.total";
        public const string NoCategory = "statistics.no-category";
        public const string NoDepartment = "statistics.no-department";
        public const string NoTarget = "statistics.no-target";
        public const string None = "statistics.none";
        public const string Sheet = "statistics.sheet";
        public const string PreviousSheet = "statistics.previous-sheet";
        public const string Period = "statistics.period";
        public const string Key = "statistics.key";
        public const string ByCategory = "statistics.by.category";
        public const string ByChannel = "statistics.by.channel";
        public const string ByDepartment = "statistics.by.department";
        public const string ByKind = "statistics.by.kind";
        public const string ByTarget = "statistics.by.target";
        public const string ByMonth = "statistics.by.month";
        public const string Received = "statistics.received";
        public const string Accepted = "statistics.accepted";
        public const string Closed = "statistics.closed";
        public const string OnTime = "statistics.on-time";
        public const string Overdue = "statistics.overdue";
        public const string Callbacks = "statistics.callbacks";
        public const string Satisfied = "statistics.satisfied";
        public const string Redispatches = "statistics.redispatches";
        public const string Recomplaints = "statistics.recomplaints";
        public const string AverageHandlingHours = "statistics.average-handling-hours";
        public const string SatisfactionRate = "statistics.satisfaction-rate";
        public const string CompletionRate = "statistics.completion-rate";
        public const string FileName = "statistics.file-name";

        /// <summary>{0}: to; {1}: from.</summary>
        public const string ToBeforeFrom = "statistics.to-before-from";

        /// <summary>{0}: the most days.</summary>
        public const string TooLong = "statistics.too-long";
    }
}
