using Complaints.Channels.WeChat.Protocol;

namespace Complaints.Channels.WeChat.Api;

/// <summary>
/// The one place an official account's access token lives. WeChat invalidates the previous token whenever a new
/// one is issued, so every sender of the account must share this holder: it fetches on first use, refreshes
/// ahead of <c>expires_in</c>, and when a send reports the token invalid (40001/42001) refreshes once no matter
/// how many concurrent sends noticed it.
/// </summary>
internal sealed class WeChatTokenHolder
{
    /// <summary>Refresh this long before the announced expiry (at most half the lifetime).</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);

    private readonly Func<CancellationToken, Task<WeChatAccessTokenResponse>> _fetch;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Issued? _current;
    private int _fetches;

    public WeChatTokenHolder(Func<CancellationToken, Task<WeChatAccessTokenResponse>> fetch, TimeProvider time)
    {
        _fetch = fetch;
        _time = time;
    }

    /// <summary>How many tokens this holder has fetched (for tests and diagnostics).</summary>
    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>The current token, fetching one when there is none or it is due for refresh.</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } issued && _time.GetUtcNow() < issued.RefreshAt)
        {
            return issued.Token;
        }

        return await RenewAsync(stale: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Called when WeChat refused <paramref name="stale"/> as invalid or expired: fetches a new token unless another
    /// caller already replaced that one, and returns the token to retry with.
    /// </summary>
    public Task<string> RefreshAsync(string stale, CancellationToken cancellationToken) => RenewAsync(stale, cancellationToken);

    private async Task<string> RenewAsync(string? stale, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _current;
            var stillGood = current is not null && (stale is null
                ? _time.GetUtcNow() < current.RefreshAt
                : !string.Equals(current.Token, stale, StringComparison.Ordinal));
            if (stillGood)
            {
                return current!.Token;
            }

            Interlocked.Increment(ref _fetches);
            var response = await _fetch(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccess)
            {
                throw new WeChatApiException(response.ErrCode, response.ErrMsg, "The access token was refused");
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(response.ExpiresIn, 1));
            var margin = lifetime / 2 < Margin ? lifetime / 2 : Margin;
            _current = new Issued(response.AccessToken!, _time.GetUtcNow() + lifetime - margin);
            return response.AccessToken!;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record Issued(string Token, DateTimeOffset RefreshAt);
}

/// <summary>WeChat answered with an <c>errcode</c> other than 0.</summary>
public sealed class WeChatApiException(int errCode, string? errMsg, string message)
    : Exception($"{message}: errcode {errCode} ({errMsg}).")
{
    public int ErrCode { get; } = errCode;
}
