namespace Complaints.Texts;

public static partial class TextKeys
{
    public static partial class Workbench
    {
        /// <summary>The queues per role on <c>/</c>, the case list <c>/cases</c> and the notification bell.</summary>
        public static class Queues
        {
            public const string ToAccept = "workbench.queues.to-accept";
            public const string ToDispatch = "workbench.queues.to-dispatch";
            public const string Callbacks = "workbench.queues.callbacks";
            public const string ToSign = "workbench.queues.to-sign";
            public const string ToHandle = "workbench.queues.to-handle";
            public const string Approvals = "workbench.queues.approvals";
            public const string Extensions = "workbench.queues.extensions";
            public const string Overdue = "workbench.queues.overdue";
            public const string AllOpen = "workbench.queues.all-open";
            public const string ExtensionRequestedAt = "workbench.queues.extension-requested-at";
            public const string Complainant = "workbench.queues.complainant";
            public const string Channel = "workbench.queues.channel";

            /// <summary>The countdown of a breached clock whose deadline the row does not carry.</summary>
            public const string Breached = "workbench.queues.breached";

            /// <summary>{0}: the day (China date).</summary>
            public const string OverdueBoard = "workbench.queues.overdue-board";
        }

        public static class Cases
        {
            public const string Title = "workbench.cases.title";
            public const string Status = "workbench.cases.status";
            public const string Category = "workbench.cases.category";
            public const string Department = "workbench.cases.department";
            public const string Channel = "workbench.cases.channel";
            public const string Overdue = "workbench.cases.overdue";
            public const string From = "workbench.cases.from";
            public const string To = "workbench.cases.to";
            public const string Search = "workbench.cases.search";
            public const string SearchHint = "workbench.cases.search-hint";
            public const string Submit = "workbench.cases.submit";
            public const string Open = "workbench.cases.open";
            public const string Any = "workbench.cases.any";
            public const string Yes = "workbench.cases.yes";
            public const string No = "workbench.cases.no";

            /// <summary>{0}: how many cases match.</summary>
            public const string Total = "workbench.cases.total";
            public const string Previous = "workbench.cases.previous";
            public const string Next = "workbench.cases.next";

            /// <summary>{0}: the page; {1}: the pages.</summary>
            public const string Page = "workbench.cases.page";
            public const string Empty = "workbench.cases.empty";
        }

        public static class Bell
        {
            public const string Label = "workbench.bell.label";
            public const string Empty = "workbench.bell.empty";
            public const string MarkAllRead = "workbench.bell.mark-all-read";
        }
    }
}
