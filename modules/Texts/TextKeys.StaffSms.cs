namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>
    /// Staff SMS to a department's duty phone (the <c>staff-sms</c> outbox channel's standard texts, read by
    /// <c>ReplyTemplates</c> as <c>reply.{channel}.{moment}</c>); {number}, {department}, {clock}, {dueAt} are filled in.
    /// </summary>
    public static class StaffSms
    {
        public const string Dispatched = "reply.staff-sms.dispatched";
        public const string Breached = "reply.staff-sms.clock-breached";
    }
}
