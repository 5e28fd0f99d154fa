namespace Complaints.Texts;

public static partial class TextKeys
{
    public static partial class Workbench
    {
        /// <summary>The case page's work: its actions and their forms, the contact read, related cases, replies, attachments, print.</summary>
        public static class CaseWork
        {
            public const string Actions = "workbench.case-work.actions";
            public const string NoActions = "workbench.case-work.no-actions";
            public const string Submit = "workbench.case-work.submit";
            public const string Cancel = "workbench.case-work.cancel";
            public const string Done = "workbench.case-work.done";
            public const string NoForm = "workbench.case-work.no-form";
            public const string Category = "workbench.case-work.field.category";
            public const string Kind = "workbench.case-work.field.kind";
            public const string Unchanged = "workbench.case-work.field.unchanged";
            public const string Note = "workbench.case-work.field.note";
            public const string Reason = "workbench.case-work.field.reason";
            public const string Reply = "workbench.case-work.field.reply";
            public const string CustomerAccepted = "workbench.case-work.field.customer-accepted";
            public const string Department = "workbench.case-work.field.department";
            public const string UsualDepartment = "workbench.case-work.field.usual-department";
            public const string Approve = "workbench.case-work.field.approve";
            public const string ApproveYes = "workbench.case-work.field.approve-yes";
            public const string ApproveNo = "workbench.case-work.field.approve-no";
            public const string Until = "workbench.case-work.field.until";
            public const string Result = "workbench.case-work.field.result";
            public const string Measures = "workbench.case-work.field.measures";
            public const string Accountability = "workbench.case-work.field.accountability";
            public const string Compensation = "workbench.case-work.field.compensation";
            public const string Outcome = "workbench.case-work.field.outcome";
            public const string Reached = "workbench.case-work.field.reached";
            public const string NotReached = "workbench.case-work.field.not-reached";
            public const string Satisfaction = "workbench.case-work.field.satisfaction";
            public const string NoSatisfaction = "workbench.case-work.field.no-satisfaction";
            public const string RedispatchTo = "workbench.case-work.field.redispatch-to";
            public const string SameDepartment = "workbench.case-work.field.same-department";
            public const string Escalate = "workbench.case-work.field.escalate";
            public const string Threat = "workbench.case-work.field.threat";
            public const string Responsible = "workbench.case-work.field.responsible";
            public const string Contact = "workbench.case-work.contact";
            public const string ShowContact = "workbench.case-work.contact.show";
            public const string ContactReason = "workbench.case-work.contact.reason";
            public const string ContactShown = "workbench.case-work.contact.shown";
            public const string Related = "workbench.case-work.related";
            public const string RecomplaintOf = "workbench.case-work.related.recomplaint-of";
            public const string Recomplaints = "workbench.case-work.related.recomplaints";
            public const string SameCaller = "workbench.case-work.related.same-caller";
            public const string NoRelated = "workbench.case-work.related.none";
            public const string Replies = "workbench.case-work.replies";
            public const string NoReplies = "workbench.case-work.replies.none";
            public const string Moment = "workbench.case-work.replies.moment";
            public const string Said = "workbench.case-work.replies.said";
            public const string Attachments = "workbench.case-work.attachments";
            public const string NoAttachments = "workbench.case-work.attachments.none";
            public const string Print = "workbench.case-work.print";
            public const string PrintCard = "workbench.case-work.print.record-card";

            /// <summary>The actions' names, by their routes in the case-actions table.</summary>
            public static class ActionNames
            {
                public const string Accept = "workbench.case-work.action.accept";
                public const string Reclassify = "workbench.case-work.action.reclassify";
                public const string Reject = "workbench.case-work.action.reject";
                public const string Answer = "workbench.case-work.action.answer";
                public const string Dispatch = "workbench.case-work.action.dispatch";
                public const string ApproveDispatch = "workbench.case-work.action.approve-dispatch";
                public const string Sign = "workbench.case-work.action.sign";
                public const string Return = "workbench.case-work.action.return";
                public const string ReturnToSource = "workbench.case-work.action.return-to-source";
                public const string RequestExtension = "workbench.case-work.action.request-extension";
                public const string DecideExtension = "workbench.case-work.action.decide-extension";
                public const string ReportResult = "workbench.case-work.action.report-result";
                public const string RecordCallback = "workbench.case-work.action.record-callback";
                public const string Supervise = "workbench.case-work.action.supervise";
                public const string Flag = "workbench.case-work.action.flag";

                public static string Of(string route) => $"workbench.case-work.action.{route}";
            }
        }
    }
}
