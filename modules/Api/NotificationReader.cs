using System.Globalization;
using System.Security.Claims;
using Complaints.Grains;
using Complaints.Storage;
using Complaints.Texts;

namespace Complaints.Api;

/// <summary>Whose notifications a user reads, and a notification as that user reads it.</summary>
public static class NotificationReader
{
    /// <summary>A handler reads their department's; anyone else their role's; everyone what is addressed to all or to them.</summary>
    public static IReadOnlyList<string> RecipientsOf(ClaimsPrincipal user)
    {
        var actor = user.Actor();
        var group = actor.Role == Roles.Handler ? $"department:{actor.Department}" : $"role:{actor.Role}";
        return [group, "all", $"user:{actor.User}"];
    }

    internal static NotificationResponse Response(Notification n, CultureInfo culture, bool read) =>
        new(n.Id, n.Recipient, n.Number, n.Type, n.Clock, n.DueAt, n.At, MessageOf(n, culture), read);

    /// <summary>
    /// The text in the reader's language; a row written before texts (or a plugin's notice) as stored. Phones in it
    /// (a supervision note, a threat's note) masked for every reader: a notice goes to a whole role or department.
    /// </summary>
    public static string MessageOf(Notification n, CultureInfo culture) => PhoneMask.InText(
        n.Text is { } text
            ? new Text(text.Key, [.. text.Args.Select(a => a.IsKey ? new Text(a.Value) : (object)a.Value)]).In(culture)
            : n.Message);
}
