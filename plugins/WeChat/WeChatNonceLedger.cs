using System.Security.Cryptography;

namespace Complaints.Channels.WeChat;

/// <summary>What the ledger makes of a signed push's (timestamp, nonce).</summary>
internal enum NonceVerdict
{
    /// <summary>Not seen within the window: go on.</summary>
    New,

    /// <summary>Seen with the same body: WeChat's own retry of a push it got no answer to in time (the MsgId dedupe answers it).</summary>
    Retry,

    /// <summary>Seen with another body: a captured signature replayed around a forged message.</summary>
    Replay,

    /// <summary>The ledger is full of live entries: refuse for now rather than forget one (WeChat retries).</summary>
    Full,
}

/// <summary>
/// The signed (account, timestamp, nonce) of every push accepted within the freshness window, with a hash of its body.
/// Plain mode signs only token, timestamp and nonce, not the body: without this a captured request could carry any
/// message for <c>MaxClockSkew</c>. WeChat re-sends the very same request when it had no answer within 5 seconds,
/// so the same body again is a retry, not a replay. Entries live twice the window (a timestamp may lie up to one
/// window ahead) and their number is capped. Memory is per host: in a cluster, route WeChat pushes to one host or
/// accept that a replay reaching another host within the window is not caught here.
/// </summary>
internal sealed class WeChatNonceLedger(int capacity = WeChatNonceLedger.DefaultCapacity)
{
    public const int DefaultCapacity = 100_000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (DateTimeOffset Expires, byte[] BodyHash)> _seen = new(StringComparer.Ordinal);
    private readonly Queue<(DateTimeOffset Expires, string Key)> _order = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    /// <param name="token">The account's token: keys the entry, so tenants sharing one official account share its nonces.</param>
    public NonceVerdict Check(string token, string? timestamp, string? nonce, string body, DateTimeOffset now, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(body);
        var key = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{token}\n{timestamp}\n{nonce}")));
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body));
        var keep = window > TimeSpan.Zero ? window : WeChatAccount.DefaultMaxClockSkew;
        lock (_lock)
        {
            Purge(now);
            if (_seen.TryGetValue(key, out var seen) && seen.Expires > now)
            {
                return CryptographicOperations.FixedTimeEquals(seen.BodyHash, hash) ? NonceVerdict.Retry : NonceVerdict.Replay;
            }

            if (_seen.Count >= capacity)
            {
                return NonceVerdict.Full;
            }

            var expires = now + keep + keep;
            _seen[key] = (expires, hash);
            _order.Enqueue((expires, key));
            return NonceVerdict.New;
        }
    }

    private void Purge(DateTimeOffset now)
    {
        // Entries leave in arrival order; one that lives a little longer holds the few behind it back a little.
        while (_order.TryPeek(out var oldest) && oldest.Expires <= now)
        {
            _order.Dequeue();
            if (_seen.TryGetValue(oldest.Key, out var entry) && entry.Expires <= now)
            {
                _seen.Remove(oldest.Key);
            }
        }
    }
}
