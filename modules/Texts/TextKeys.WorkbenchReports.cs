namespace Complaints.Texts;

public static partial class TextKeys
{
    public static partial class Workbench
    {
        /// <summary>The report pages (statistics, scorecards, hot spots, exports); their columns reuse the reports' own words.</summary>
        public static class Reports
        {
            public const string Menu = "workbench.reports.menu";
            public const string MenuButton = "workbench.reports.menu-button";
            public const string Statistics = "workbench.reports.statistics";
            public const string Scorecards = "workbench.reports.scorecards";
            public const string HotSpots = "workbench.reports.hotspots";
            public const string Exports = "workbench.reports.exports";

            public const string Month = "workbench.reports.month";
            public const string Quarter = "workbench.reports.quarter";
            public const string Custom = "workbench.reports.custom";
            public const string From = "workbench.reports.from";
            public const string To = "workbench.reports.to";
            public const string Show = "workbench.reports.show";
            public const string By = "workbench.reports.by";

            /// <summary>{0}: the year; {1}: the quarter (1–4).</summary>
            public const string QuarterOf = "workbench.reports.quarter-of";

            /// <summary>{0}: first day; {1}: last day.</summary>
            public const string Range = "workbench.reports.range";

            public const string Current = "workbench.reports.current";
            public const string Previous = "workbench.reports.previous";
            public const string Download = "workbench.reports.download";
            public const string Printable = "workbench.reports.printable";
            public const string Empty = "workbench.reports.empty";

            /// <summary>{0}: the department's name.</summary>
            public const string DepartmentOnly = "workbench.reports.department-only";

            public const string Chart = "workbench.reports.chart";
            public const string Cases = "workbench.reports.cases";
            public const string Yes = "workbench.reports.yes";
            public const string Any = "workbench.reports.any";
            public const string Search = "workbench.reports.search";
            public const string Ledger = "workbench.reports.ledger";
            public const string DailyLists = "workbench.reports.daily-lists";
            public const string Date = "workbench.reports.date";
            public const string Snapshots = "workbench.reports.snapshots";
            public const string SnapshotsEmpty = "workbench.reports.snapshots-empty";
            public const string Produced = "workbench.reports.produced";
            public const string Kind = "workbench.reports.kind";
            public const string Period = "workbench.reports.period";
        }
    }
}
