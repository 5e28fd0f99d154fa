using System.Collections.Concurrent;

namespace Complaints.Channels.Website;

/// <summary>
/// A small fixed-window limiter per key (tenant + client address): at most N permits per window. Windows that have
/// ended are dropped when the table grows, so a flood of addresses cannot grow it without bound.
/// </summary>
public sealed class ClientRateLimiter(TimeProvider timeProvider)
{
    private const int SweepThreshold = 10_000;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Takes one permit; false with the time until the window ends when none is left.</summary>
    public bool TryAcquire(string key, int permits, TimeSpan window, out TimeSpan retryAfter)
    {
        var now = timeProvider.GetUtcNow();
        if (_windows.Count > SweepThreshold)
        {
            foreach (var (k, w) in _windows)
            {
                if (w.EndsAt <= now)
                {
                    _windows.TryRemove(k, out _);
                }
            }
        }

        var current = _windows.GetOrAdd(key, _ => new Window(now + window));
        lock (current)
        {
            if (current.EndsAt <= now)
            {
                current.EndsAt = now + window;
                current.Used = 0;
            }

            if (current.Used < permits)
            {
                current.Used++;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = current.EndsAt - now;
            return false;
        }
    }

    private sealed class Window(DateTimeOffset endsAt)
    {
        public DateTimeOffset EndsAt { get; set; } = endsAt;

        public int Used { get; set; }
    }
}
