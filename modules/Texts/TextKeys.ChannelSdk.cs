namespace Complaints.Texts;

public static partial class TextKeys
{
    /// <summary>What the host tells an operator about the channels it loaded.</summary>
    public static class ChannelSdk
    {
        /// <summary>{0}: the channel id; {1}: the tenant; {2}: the policy key that gives the clock.</summary>
        public const string NoFirstReplyClock = "channels.no-first-reply-clock";
    }

    /// <summary>
    /// The acknowledgement in the words of the channel it goes out on (a letter, a message, a suggestion): beside
    /// <see cref="Replies.HotlineAccepted"/> and <see cref="Replies.WeChatAccepted"/>, so no channel but the phone
    /// thanks for a call. Resolved by the reply templates as <c>reply.{channel}.{moment}</c>.
    /// </summary>
    public static class ChannelReplies
    {
        public const string MailboxAccepted = "reply.mailbox.accepted";
        public const string WebsiteAccepted = "reply.website.accepted";
        public const string SuggestionBoxAccepted = "reply.suggestion-box.accepted";
    }
}
