namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>The scorecards (考核表, seed 001 §8, seed 004 §4.3): the sheets' names and headers, the period's problem.</summary>
    public static class Scorecards
    {
        /// <summary>{0}, {1}: the period's first and last day.</summary>
        public const string FileName = "scorecards.file-name";
        public const string DepartmentsSheet = "scorecards.sheet-departments";
        public const string PeopleSheet = "scorecards.sheet-people";

        public const string Met = "scorecards.met";
        public const string NotMet = "scorecards.not-met";

        /// <summary>{0}: the clock's name, {1}: how many times in the year.</summary>
        public const string Repeated = "scorecards.repeated";

        public const string Department = "scorecards.department";
        public const string Person = "scorecards.person";
        public const string Handled = "scorecards.handled";
        public const string Closed = "scorecards.closed";
        public const string CompletionRate = "scorecards.completion-rate";
        public const string OnTime = "scorecards.on-time";
        public const string Overdue = "scorecards.overdue";
        public const string Recomplaints = "scorecards.recomplaints";
        public const string Points = "scorecards.points";
        public const string Fines = "scorecards.fines";
        public const string Callbacks = "scorecards.callbacks";
        public const string Satisfied = "scorecards.satisfied";
        public const string SatisfactionRate = "scorecards.satisfaction-rate";
        public const string Redispatches = "scorecards.redispatches";
        public const string TargetsMet = "scorecards.targets-met";
        public const string Flagged = "scorecards.flagged";
    }
}
