namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>The workbench's pages (labels, columns, messages), read by staff.</summary>
    public static partial class Workbench
    {
        public const string Title = "workbench.title";
        public const string Language = "workbench.language";
        public const string Logout = "workbench.logout";

        public static class Login
        {
            public const string Title = "workbench.login.title";
            public const string Username = "workbench.login.username";
            public const string Password = "workbench.login.password";
            public const string Submit = "workbench.login.submit";
            public const string NoTenant = "workbench.login.no-tenant";
        }

        public static class Queue
        {
            public const string Title = "workbench.queue.title";
            public const string DepartmentTitle = "workbench.queue.department-title";
            public const string Empty = "workbench.queue.empty";
            public const string Register = "workbench.queue.register";
        }

        public static class Column
        {
            public const string Number = "workbench.column.number";
            public const string Status = "workbench.column.status";
            public const string Category = "workbench.column.category";
            public const string Department = "workbench.column.department";
            public const string RegisteredAt = "workbench.column.registered-at";
            public const string Deadline = "workbench.column.deadline";
        }

        public static class Countdown
        {
            public const string Remaining = "workbench.countdown.remaining";
            public const string Overdue = "workbench.countdown.overdue";
            public const string Days = "workbench.countdown.days";
            public const string None = "workbench.countdown.none";
        }

        public static class Case
        {
            public const string Title = "workbench.case.title";
            public const string NotFound = "workbench.case.not-found";
            public const string Kind = "workbench.case.kind";
            public const string Channel = "workbench.case.channel";
            public const string Content = "workbench.case.content";
            public const string Complainant = "workbench.case.complainant";
            public const string Phone = "workbench.case.phone";
            public const string Address = "workbench.case.address";
            public const string ReceivedAt = "workbench.case.received-at";
            public const string Clocks = "workbench.case.clocks";
            public const string Clock = "workbench.case.clock";
            public const string DueAt = "workbench.case.due-at";
            public const string ClockState = "workbench.case.clock-state";
            public const string Timeline = "workbench.case.timeline";
            public const string Back = "workbench.case.back";
        }

        public static class Register
        {
            public const string Title = "workbench.register.title";
            public const string Channel = "workbench.register.channel";
            public const string Kind = "workbench.register.kind";
            public const string Content = "workbench.register.content";
            public const string Name = "workbench.register.name";
            public const string Phone = "workbench.register.phone";
            public const string Address = "workbench.register.address";
            public const string Account = "workbench.register.account";
            public const string ReceivedAt = "workbench.register.received-at";
            public const string Category = "workbench.register.category";
            public const string NoCategory = "workbench.register.no-category";
            public const string Submit = "workbench.register.submit";
        }

        /// <summary>A history entry's event type as a word of the timeline; a type without a word is shown as it is.</summary>
        public static class Event
        {
            public const string Registered = "workbench.event.registered";
            public const string Accepted = "workbench.event.accepted";
            public const string Rejected = "workbench.event.rejected";
            public const string Answered = "workbench.event.answered";
            public const string Dispatched = "workbench.event.dispatched";
            public const string DispatchApproved = "workbench.event.dispatch-approved";
            public const string DispatchRefused = "workbench.event.dispatch-refused";
            public const string Signed = "workbench.event.signed";
            public const string Returned = "workbench.event.returned";
            public const string ReturnedToSource = "workbench.event.returned-to-source";
            public const string ExtensionRequested = "workbench.event.extension-requested";
            public const string ExtensionDecided = "workbench.event.extension-decided";
            public const string ResultReported = "workbench.event.result-reported";
            public const string CallbackRecorded = "workbench.event.callback-recorded";
            public const string Redispatched = "workbench.event.redispatched";
            public const string Escalated = "workbench.event.escalated";
            public const string CallbackNotReached = "workbench.event.callback-not-reached";
            public const string Supervised = "workbench.event.supervised";
            public const string Closed = "workbench.event.closed";
            public const string ContactViewed = "workbench.event.contact-viewed";
            public const string Recomplained = "workbench.event.recomplained";
            public const string Reclassified = "workbench.event.reclassified";
            public const string Flagged = "workbench.event.flagged";
            public const string ClockStarted = "workbench.event.clock-started";
            public const string ClockRescheduled = "workbench.event.clock-rescheduled";
            public const string ClockWarned = "workbench.event.clock-warned";
            public const string ClockBreached = "workbench.event.clock-breached";
            public const string ClockStopped = "workbench.event.clock-stopped";

            /// <summary>The key of event type <paramref name="type"/>'s word (<c>workbench.event.{type}</c>).</summary>
            public static string Of(string type) => $"workbench.event.{type}";
        }
    }
}
