using System.Globalization;

namespace Complaints.Channels.WeChat.Protocol;

/// <summary>
/// Replay window for the signed <c>timestamp</c>: a captured, validly signed request can be re-sent
/// forever unless its timestamp is bounded. WeChat retries within about 15 seconds, so minutes of skew suffice.
/// </summary>
public static class WeChatFreshness
{
    /// <summary>
    /// True when <paramref name="timestamp"/> (unix seconds) is further than <paramref name="maxSkew"/> from
    /// <paramref name="now"/> in either direction, or unreadable. A zero skew turns the check off.
    /// </summary>
    public static bool IsStale(string? timestamp, DateTimeOffset now, TimeSpan maxSkew)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSkew, TimeSpan.Zero);
        if (maxSkew == TimeSpan.Zero)
        {
            return false;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return true;
        }

        var skew = Math.Abs((decimal)now.ToUnixTimeSeconds() - seconds);
        return skew > (decimal)maxSkew.TotalSeconds;
    }

    /// <summary>Throws <see cref="WeChatProtocolException"/> (<see cref="WeChatProtocolFailure.Stale"/>) when stale.</summary>
    public static void EnsureFresh(string? timestamp, DateTimeOffset now, TimeSpan maxSkew)
    {
        if (IsStale(timestamp, now, maxSkew))
        {
            throw new WeChatProtocolException(WeChatProtocolFailure.Stale, "The timestamp is outside the allowed clock skew.");
        }
    }
}
