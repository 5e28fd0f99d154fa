namespace Complaints.Cases;

/// <summary>
/// The events at which the source channel answers the customer or reports to its platform. A reply's moment is the
/// event's stored name (<see cref="EventCodec"/>); plugins see these names as <c>Complaints.Channels.ReplyMoments</c>.
/// </summary>
public static class ReplyMoments
{
    public static IReadOnlySet<Type> Events { get; } = new HashSet<Type>
    {
        typeof(Accepted), typeof(Rejected), typeof(Answered), typeof(Signed), typeof(Returned), typeof(ReturnedToSource),
        typeof(ExtensionDecided), typeof(ResultReported), typeof(Closed),
    };

    /// <summary>The moments' names, as a <c>ChannelReply.Moment</c> carries them.</summary>
    public static IReadOnlySet<string> All { get; } = Events.Select(EventCodec.NameOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>An extension is a moment once approved (12345 hears of it only then), never when asked for or denied.</summary>
    public static bool IsMoment(CaseEvent e) => Events.Contains(e.GetType()) && e is not ExtensionDecided { Approved: false };
}
