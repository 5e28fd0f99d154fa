using Complaints.Channels.WeChat.Protocol;

namespace Complaints.Channels.WeChat.Tests;

public sealed class WeChatFreshnessTests
{
    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(1715943329);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(0)]
    [InlineData(299)]
    [InlineData(300)]
    [InlineData(-300)]
    public void Within_the_skew_is_fresh(int secondsLater) =>
        WeChatFreshness.IsStale(Vectors.E.Timestamp, SentAt.AddSeconds(secondsLater), FiveMinutes).ShouldBeFalse();

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86400 * 365)]
    public void Beyond_the_skew_is_stale_in_either_direction(int secondsLater) =>
        WeChatFreshness.IsStale(Vectors.E.Timestamp, SentAt.AddSeconds(secondsLater), FiveMinutes).ShouldBeTrue();

    [Fact]
    public void The_published_vector_is_stale_today_with_skew_on_and_accepted_with_skew_zero()
    {
        var today = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        WeChatFreshness.IsStale(Vectors.E.Timestamp, today, FiveMinutes).ShouldBeTrue();
        WeChatFreshness.IsStale(Vectors.E.Timestamp, today, TimeSpan.Zero).ShouldBeFalse();
        Should.Throw<WeChatProtocolException>(() => WeChatFreshness.EnsureFresh(Vectors.E.Timestamp, today, FiveMinutes))
            .Reason.ShouldBe(WeChatProtocolFailure.Stale);
        Should.NotThrow(() => WeChatFreshness.EnsureFresh(Vectors.E.Timestamp, today, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-1715943329")]
    [InlineData(" 1715943329")]
    [InlineData("99999999999999999999999")]
    public void An_unreadable_timestamp_is_stale_when_checking(string? timestamp)
    {
        WeChatFreshness.IsStale(timestamp, SentAt, FiveMinutes).ShouldBeTrue();
        WeChatFreshness.IsStale(timestamp, SentAt, TimeSpan.Zero).ShouldBeFalse();
    }

    [Fact]
    public void A_negative_skew_is_a_programming_error() =>
        Should.Throw<ArgumentOutOfRangeException>(() => WeChatFreshness.IsStale(Vectors.E.Timestamp, SentAt, TimeSpan.FromSeconds(-1)));
}
