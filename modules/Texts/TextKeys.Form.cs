namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>
    /// The printed forms of one case (docs/reports.md, "The closed-loop form"): the closed-loop form of seed 004's annex
    /// (客户投诉处理闭环管理单; its ten labels are fixed in zh-CN) and the record card of seed 002 (顾客投诉记录卡).
    /// </summary>
    public static class Form
    {
        public const string ClosedLoopTitle = "form.closed-loop-title";
        public const string RecordCardTitle = "form.record-card-title";
        public const string Number = "form.number";

        // The annex's labels, fixed in zh-CN (docs/api.md).
        public const string AcceptingDepartment = "form.accepting-department";
        public const string RequestType = "form.request-type";
        public const string Customer = "form.customer";
        public const string Phone = "form.phone";
        public const string Source = "form.source";
        public const string ReceivedAt = "form.received-at";
        public const string Address = "form.address";
        public const string Request = "form.request";
        public const string Acceptance = "form.acceptance";
        public const string Result = "form.result";

        // The rest of the case's life on the form.
        public const string Target = "form.target";
        public const string Location = "form.location";
        public const string AcceptedBy = "form.accepted-by";
        public const string AcceptedAt = "form.accepted-at";
        public const string HandlingDepartment = "form.handling-department";
        public const string DispatchedAt = "form.dispatched-at";
        public const string Handler = "form.handler";
        public const string SignedAt = "form.signed-at";
        public const string DueAt = "form.due-at";
        public const string ResolvedAt = "form.resolved-at";
        public const string Measures = "form.measures";
        public const string Accountability = "form.accountability";
        public const string Compensation = "form.compensation";
        public const string CallbackAt = "form.callback-at";
        public const string CallbackBy = "form.callback-by";
        public const string Satisfaction = "form.satisfaction";
        public const string CallbackNote = "form.callback-note";
        public const string Redispatches = "form.redispatches";
        public const string Status = "form.status";
        public const string ClosedAt = "form.closed-at";

        // The record card's own labels.
        public const string Complainant = "form.complainant";
        public const string ComplaintAddress = "form.complaint-address";
        public const string Category = "form.category";
        public const string ContentAndRequest = "form.content-and-request";
        public const string Owner = "form.owner";
        public const string HandlingOpinion = "form.handling-opinion";
        public const string Callback = "form.callback";

        // Signatures: in the result cell as the annex has them, and the lines under the form.
        public const string Stamp = "form.stamp";
        public const string HeadSignature = "form.head-signature";
        public const string Date = "form.date";
        public const string Clerk = "form.clerk";
        public const string DepartmentHead = "form.department-head";
        public const string LeaderInCharge = "form.leader-in-charge";

        /// <summary>{0}: when (China time), {1}: who printed it.</summary>
        public const string Printed = "form.printed";

        /// <summary>{0}: the kind's word, {1}: the category's name.</summary>
        public const string KindAndCategory = "form.kind-and-category";

        /// <summary>{0}: the target's word (对部门…), {1}: its name.</summary>
        public const string NamedTarget = "form.named-target";

        public const string Anonymous = "form.anonymous";
    }
}
