namespace Complaints.Texts;

/// <summary>
/// The keys of the resource set, grouped by who reads them. A key is a constant here and an entry in both
/// Texts.resx (zh-CN) and Texts.en.resx (English); <c>TextResourceTests</c> names any that is missing.
/// </summary>
public static partial class TextKeys
{
    /// <summary>Problem details for bad input, read by whoever calls the API: the field is named in <c>errors</c>.</summary>
    public static class Input
    {
        public const string Required = "input.required";
        public const string TooLong = "input.too-long";
        public const string Unknown = "input.unknown";
        public const string InvalidFields = "input.invalid-fields";
        public const string Invalid = "input.invalid";
        public const string JsonBody = "input.json-body";
        public const string EmptyBody = "input.empty-body";
        public const string NotJson = "input.not-json";
        public const string Date = "input.date";
        public const string DateTimeWithOffset = "input.date-time-offset";
        public const string DateOrDateTime = "input.date-or-date-time";
        public const string Boolean = "input.boolean";
        public const string WholeNumberBetween = "input.whole-number-between";
        public const string WholeNumberFrom = "input.whole-number-from";

        /// <summary>{0}: the character's code point (hex), {1}: its position (1-based).</summary>
        public const string ControlCharacter = "input.control-character";

        /// <summary>{0}, {1}: the first and last date taken (yyyy-MM-dd).</summary>
        public const string DateWindow = "input.date-window";

        /// <summary>{0}: the limit in KB.</summary>
        public const string BodyTooLarge = "input.body-too-large";

        public const string DuplicateProperty = "input.duplicate-property";

        /// <summary>A broken chunked encoding, a body shorter than its Content-Length.</summary>
        public const string UnreadableBody = "input.unreadable-body";

        /// <summary>The source's deadline is not after the time the item was received.</summary>
        public const string DeadlineBeforeReceipt = "input.deadline-before-receipt";
    }

    /// <summary>Problem details of the calendar endpoints, read by administrators.</summary>
    public static class Calendar
    {
        public const string Range = "calendar.range";
        public const string OneDuration = "calendar.one-duration";
        public const string YearMismatch = "calendar.year-mismatch";
        public const string Year = "calendar.year";
        public const string Days = "calendar.days";
        public const string HolidayName = "calendar.holiday-name";
        public const string IsOffDay = "calendar.is-off-day";
        public const string Schedule = "calendar.schedule";

        /// <summary>{0}: the year. On /health and in the administrators' daily notification.</summary>
        public const string YearMissing = "calendar.year-missing";

        /// <summary>{0}: the year the path names.</summary>
        public const string YearRequired = "calendar.year-required";

        /// <summary>{0}: how many entries at most.</summary>
        public const string TooManyEntries = "calendar.too-many-entries";

        public const string EntryRequired = "calendar.entry-required";

        /// <summary>{0}: the date as given; {1}: the year.</summary>
        public const string DateOutsideYear = "calendar.date-outside-year";

        /// <summary>{0}: the date as given; {1}: the entry that listed it first, e.g. days[2].</summary>
        public const string DateRepeated = "calendar.date-repeated";

        /// <summary>{0}: the longest address allowed.</summary>
        public const string PaperAddress = "calendar.paper-address";
    }

    /// <summary>The titles of problem details by HTTP status (the detail says what went wrong).</summary>
    public static class Problems
    {
        public const string BadRequest = "problem.400";
        public const string Unauthorized = "problem.401";
        public const string Forbidden = "problem.403";
        public const string NotFound = "problem.404";
        public const string Conflict = "problem.409";
        public const string TooLarge = "problem.413";
        public const string UnsupportedMediaType = "problem.415";
        public const string ServerError = "problem.500";
        public const string Unavailable = "problem.503";
        public const string TooManyRequests = "problem.429";

        /// <summary>The title's key for <paramref name="status"/>, or null for a status without one.</summary>
        public static string? Title(int status) => status switch
        {
            400 => BadRequest,
            401 => Unauthorized,
            403 => Forbidden,
            404 => NotFound,
            409 => Conflict,
            413 => TooLarge,
            415 => UnsupportedMediaType,
            429 => TooManyRequests,
            500 => ServerError,
            503 => Unavailable,
            _ => null,
        };
    }

    /// <summary>Sign-in, tenant and availability problems, read by staff.</summary>
    public static class Access
    {
        public const string LoginFailed = "access.login-failed";
        public const string TooManyLogins = "access.too-many-logins";
        public const string SessionEnded = "access.session-ended";
        public const string UnknownTenant = "access.unknown-tenant";
        public const string OtherTenant = "access.other-tenant";
        public const string UnavailableTitle = "access.unavailable-title";
        public const string Unavailable = "access.unavailable";
    }

    /// <summary>A tenant admin's management of its users (problem details).</summary>
    public static class Users
    {
        public const string LoginFormat = "users.login-format";
        public const string PasswordTooShort = "users.password-too-short";
        public const string PasswordIsLogin = "users.password-is-login";
        public const string HandlerDepartment = "users.handler-department";
        public const string Exists = "users.exists";
        public const string NotFound = "users.not-found";
    }

    /// <summary>Why an action on a case was refused, read by staff (problem details).</summary>
    public static class Refusals
    {
        public const string Role = "refusal.role";
        public const string Department = "refusal.department";
        public const string Status = "refusal.status";
        public const string AlreadyRegistered = "refusal.already-registered";
        public const string NotFound = "refusal.not-found";
        public const string OtherDepartment = "refusal.other-department";
        public const string ChangedConcurrently = "refusal.changed-concurrently";
        public const string NoOriginal = "refusal.no-original";
        public const string ChannelItemId = "refusal.channel-item-id";
        public const string NothingToReclassify = "refusal.nothing-to-reclassify";
        public const string ComplaintNotAccepted = "refusal.complaint-not-accepted";
        public const string NotAnswerable = "refusal.not-answerable";
        public const string NoSourcePlatform = "refusal.no-source-platform";
        public const string ExtensionPending = "refusal.extension-pending";
        public const string ExtensionTooLate = "refusal.extension-too-late";
        public const string FutureDeadline = "refusal.future-deadline";
        public const string NoExtensionPending = "refusal.no-extension-pending";
        public const string ExtensionDatePassed = "refusal.extension-date-passed";
        public const string BreachStands = "refusal.breach-stands";
        public const string ContactForbidden = "refusal.contact-forbidden";
        public const string SelfRecomplaint = "refusal.self-recomplaint";
        public const string RegisterForbidden = "refusal.register-forbidden";
        public const string ReceivedInFuture = "refusal.received-in-future";
        public const string Phone = "refusal.phone";
        public const string ResponsibleRequired = "refusal.responsible-required";
        public const string TargetName = "refusal.target-name";
        public const string NoUsualDepartment = "refusal.no-usual-department";
    }

    /// <summary>Replies to customers per moment; <c>reply.{channel}.{moment}</c> where a channel's wording differs. Named placeholders ({number}, {reason}, …) are filled by the reply dispatcher.</summary>
    public static class Replies
    {
        public const string Accepted = "reply.accepted";
        public const string Rejected = "reply.rejected";
        public const string Answered = "reply.answered";
        public const string Signed = "reply.signed";
        public const string Returned = "reply.returned";
        public const string ReturnedToSource = "reply.returned-to-source";
        public const string ExtensionDecided = "reply.extension-decided";
        public const string ResultReported = "reply.result-reported";
        public const string Closed = "reply.closed";
        public const string HotlineAccepted = "reply.hotline.accepted";
        public const string WeChatAccepted = "reply.wechat.accepted";
    }

    /// <summary>Vocabulary words used inside sentences: every value of a vocabulary has one (a test checks).</summary>
    public static class Words
    {
        /// <summary>What could not be done, inside <see cref="Refusals.Status"/>: zh-CN a verb, en a participle.</summary>
        public static class Action
        {
            public const string Accepted = "action.accepted";
            public const string Rejected = "action.rejected";
            public const string Answered = "action.answered";
            public const string Dispatched = "action.dispatched";
            public const string ApprovedForDispatch = "action.approved-for-dispatch";
            public const string SignedFor = "action.signed-for";
            public const string Returned = "action.returned";
            public const string Extended = "action.extended";
            public const string GivenExtensionDecision = "action.given-extension-decision";
            public const string Resolved = "action.resolved";
            public const string CalledBack = "action.called-back";
            public const string Reclassified = "action.reclassified";
            public const string ReturnedToSource = "action.returned-to-source";
            public const string Flagged = "action.flagged";
            public const string Supervised = "action.supervised";
        }

        /// <summary>Case statuses (GLOSSARY).</summary>
        public static class Status
        {
            public const string Registered = "status.registered";
            public const string Accepted = "status.accepted";
            public const string PendingApproval = "status.pending-approval";
            public const string Dispatched = "status.dispatched";
            public const string InProgress = "status.in-progress";
            public const string Returned = "status.returned";
            public const string Resolved = "status.resolved";
            public const string Closed = "status.closed";
            public const string Rejected = "status.rejected";
            public const string Answered = "status.answered";
        }

        /// <summary>Complaint kinds.</summary>
        public static class Kind
        {
            public const string Complaint = "kind.complaint";
            public const string Inquiry = "kind.inquiry";
            public const string Suggestion = "kind.suggestion";
            public const string Repair = "kind.repair";
            public const string Praise = "kind.praise";
        }

        /// <summary>Callback satisfaction.</summary>
        public static class Satisfaction
        {
            public const string Satisfied = "satisfaction.satisfied";
            public const string BasicallySatisfied = "satisfaction.basically-satisfied";
            public const string Unsatisfied = "satisfaction.unsatisfied";
        }

        /// <summary>Whom a complaint is about.</summary>
        public static class Target
        {
            public const string Company = "target.company";
            public const string Department = "target.department";
            public const string Staff = "target.staff";
        }

        /// <summary>Roles.</summary>
        public static class Role
        {
            public const string Agent = "role.agent";
            public const string Supervisor = "role.supervisor";
            public const string Leader = "role.leader";
            public const string Admin = "role.admin";
            public const string Handler = "role.handler";
            public const string Channel = "role.channel";
            public const string System = "role.system";
            public const string Operator = "role.operator";
        }

        /// <summary>Clock names.</summary>
        public static class Clock
        {
            public const string FirstReply = "clock.first-reply";
            public const string Dispatch = "clock.dispatch";
            public const string SignFor = "clock.sign-for";
            public const string OnSite = "clock.on-site";
            public const string Resolution = "clock.resolution";
            public const string Callback = "clock.callback";

            /// <summary>The key of clock <paramref name="name"/>'s word (<c>clock.{name}</c>).</summary>
            public static string Of(string name) => $"clock.{name}";
        }

        /// <summary>Clock states.</summary>
        public static class ClockStatus
        {
            public const string Running = "clock-status.running";
            public const string Warned = "clock-status.warned";
            public const string Breached = "clock-status.breached";
            public const string Met = "clock-status.met";
            public const string Stopped = "clock-status.stopped";
        }
    }

    /// <summary>
    /// Notifications to staff (docs/domain.md, who is told what). Arguments: {0} the case number; the clock notices
    /// {1} the clock's word (<see cref="Clocks"/>) and {2} its deadline in China time.
    /// </summary>
    public static class Notifications
    {
        public const string ClockWarned = "notifications.clock-warned";
        public const string ClockBreached = "notifications.clock-breached";

        /// <summary>{1}: the supervisor's note.</summary>
        public const string Supervised = "notifications.supervised";

        /// <summary>{1}: the department the dispatch goes to.</summary>
        public const string ApprovalRequested = "notifications.approval-requested";

        /// <summary>{1}: the compensation in the result.</summary>
        public const string Compensation = "notifications.compensation";

        /// <summary>{1}: the responsible person (or a dash); {2}: the note.</summary>
        public const string Threat = "notifications.threat";

        /// <summary>{0}: the id asked for.</summary>
        public const string NotFound = "notifications.not-found";
    }


    /// <summary>The callback (回访): refusals and the reason a case closes as not reached.</summary>
    public static class Callback
    {
        public const string NotReachedClosed = "callback.not-reached-closed";
        public const string NotReachedHasNoSatisfaction = "callback.not-reached-has-no-satisfaction";
        public const string OnlyUnsatisfiedIsSentOn = "callback.only-unsatisfied-is-sent-on";
        public const string EscalateOrDepartment = "callback.escalate-or-department";
        public const string Satisfied = "callback.satisfied";
        public const string Unsatisfied = "callback.unsatisfied";
    }

    /// <summary>Notes the intake writes into a channel item's content (stored with the case, so in zh-CN).</summary>
    public static class Intake
    {
        /// <summary>{0}: the number the source gave, which cannot be called back.</summary>
        public const string UnusablePhone = "intake.unusable-phone";
    }
}
