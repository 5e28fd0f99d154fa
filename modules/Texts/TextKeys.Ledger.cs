namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>The ledger (台账) as Excel: its sheet, its file name and its column headers (fixed in docs/api.md).</summary>
    public static class Ledger
    {
        public const string Sheet = "ledger.sheet";
        public const string FileName = "ledger.file-name";
        public const string Yes = "ledger.yes";
        public const string No = "ledger.no";

        /// <summary>{0}: the most rows an export with full contacts may hold.</summary>
        public const string TooManyContacts = "ledger.too-many-contacts";

        /// <summary>{0}: the role that may not read contacts.</summary>
        public const string ContactsRole = "ledger.contacts-role";

        public static class Header
        {
            public const string Number = "ledger.header.number";
            public const string Complainant = "ledger.header.complainant";
            public const string Phone = "ledger.header.phone";
            public const string Address = "ledger.header.address";
            public const string ReceivedAt = "ledger.header.received-at";
            public const string Channel = "ledger.header.channel";
            public const string Kind = "ledger.header.kind";
            public const string Content = "ledger.header.content";
            public const string Category = "ledger.header.category";
            public const string Target = "ledger.header.target";
            public const string Location = "ledger.header.location";
            public const string Department = "ledger.header.department";
            public const string Handler = "ledger.header.handler";
            public const string Owner = "ledger.header.owner";
            public const string DispatchedAt = "ledger.header.dispatched-at";
            public const string ResolutionDueAt = "ledger.header.resolution-due-at";
            public const string Result = "ledger.header.result";
            public const string CallbackAt = "ledger.header.callback-at";
            public const string Satisfaction = "ledger.header.satisfaction";
            public const string Status = "ledger.header.status";
            public const string Overdue = "ledger.header.overdue";
            public const string ClosedAt = "ledger.header.closed-at";
            public const string Redispatches = "ledger.header.redispatches";
            public const string RecomplaintOf = "ledger.header.recomplaint-of";
        }
    }

    /// <summary>The daily lists (seed 001 §6.2): the overdue list (逾期未处理明细表) and the callback register (回访登记表).</summary>
    public static class DailyLists
    {
        public const string OverdueTitle = "daily.overdue.title";
        public const string CallbacksTitle = "daily.callbacks.title";
        public const string CalledBackSheet = "daily.callbacks.called-back";
        public const string AwaitingSheet = "daily.callbacks.awaiting";

        /// <summary>{0}: the date.</summary>
        public const string Date = "daily.date";

        /// <summary>{0}: items; {1}: points; {2}: fines.</summary>
        public const string OverdueTotal = "daily.overdue.total";

        /// <summary>{0}: the time the list was made (China time).</summary>
        public const string MadeAt = "daily.made-at";

        public const string None = "daily.none";

        public static class Header
        {
            public const string Clock = "daily.header.clock";
            public const string DueAt = "daily.header.due-at";
            public const string BreachedAt = "daily.header.breached-at";
            public const string Points = "daily.header.points";
            public const string Fine = "daily.header.fine";
            public const string Person = "daily.header.person";
            public const string CalledBackBy = "daily.header.called-back-by";
            public const string Note = "daily.header.note";
            public const string CallbackDueAt = "daily.header.callback-due-at";
        }
    }
}
