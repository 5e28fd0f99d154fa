using Complaints.Channels.WeChat.Api;
using Complaints.Channels.WeChat.Protocol;
using Microsoft.Extensions.Time.Testing;

namespace Complaints.Channels.WeChat.Tests;

/// <summary>The holder's timing with a fake clock and a counting fetch.</summary>
public sealed class WeChatTokenHolderTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-05-01T08:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture));
    private int _issued;

    private Task<WeChatAccessTokenResponse> FetchAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new WeChatAccessTokenResponse($"token-{Interlocked.Increment(ref _issued)}", 7200, 0, null));

    [Fact]
    public async Task The_token_is_fetched_on_first_use_and_kept_until_shortly_before_expiry()
    {
        var holder = new WeChatTokenHolder(FetchAsync, _time);
        (await holder.GetAsync(default)).ShouldBe("token-1");

        _time.Advance(TimeSpan.FromSeconds(7200 - 301));
        (await holder.GetAsync(default)).ShouldBe("token-1");

        _time.Advance(TimeSpan.FromSeconds(2));
        (await holder.GetAsync(default)).ShouldBe("token-2");
        holder.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task Concurrent_refreshes_of_one_refused_token_fetch_once()
    {
        var holder = new WeChatTokenHolder(FetchAsync, _time);
        var stale = await holder.GetAsync(default);

        var renewed = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => holder.RefreshAsync(stale, default))));

        renewed.ShouldAllBe(t => t == "token-2");
        holder.Fetches.ShouldBe(2);
    }

    [Fact]
    public async Task A_refused_fetch_throws_and_the_next_use_fetches_again()
    {
        var calls = 0;
        var holder = new WeChatTokenHolder(
            _ => Task.FromResult(++calls == 1
                ? new WeChatAccessTokenResponse(null, 0, 40125, "invalid appsecret")
                : new WeChatAccessTokenResponse("ok", 7200, 0, null)),
            _time);

        (await Should.ThrowAsync<WeChatApiException>(async () => await holder.GetAsync(default))).ErrCode.ShouldBe(40125);
        (await holder.GetAsync(default)).ShouldBe("ok");
    }
}
