namespace Complaints.Channels.WeChat.Tests;

public sealed class WeChatNonceLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void A_nonce_is_new_once_then_a_retry_with_the_same_body_and_a_replay_with_another()
    {
        var ledger = new WeChatNonceLedger();

        ledger.Check("token", "1764489600", "1", "<xml>a</xml>", Now, Window).ShouldBe(NonceVerdict.New);
        ledger.Check("token", "1764489600", "1", "<xml>a</xml>", Now.AddSeconds(5), Window).ShouldBe(NonceVerdict.Retry);
        ledger.Check("token", "1764489600", "1", "<xml>b</xml>", Now.AddMinutes(9), Window).ShouldBe(NonceVerdict.Replay);
        ledger.Check("token", "1764489600", "2", "<xml>b</xml>", Now, Window).ShouldBe(NonceVerdict.New);
        ledger.Check("other-account", "1764489600", "1", "<xml>b</xml>", Now, Window).ShouldBe(NonceVerdict.New);
    }

    [Fact]
    public void Entries_are_forgotten_after_twice_the_window()
    {
        var ledger = new WeChatNonceLedger();
        ledger.Check("token", "1764489600", "1", "a", Now, Window);
        ledger.Check("token", "1764489600", "2", "a", Now.AddMinutes(3), Window);

        ledger.Check("token", "1764489600", "3", "a", Now.AddMinutes(10), Window).ShouldBe(NonceVerdict.New);

        ledger.Count.ShouldBe(2);
    }

    [Fact]
    public void A_full_ledger_refuses_new_nonces_until_entries_expire()
    {
        var ledger = new WeChatNonceLedger(capacity: 2);
        ledger.Check("token", "1", "1", "a", Now, Window);
        ledger.Check("token", "1", "2", "a", Now, Window);

        ledger.Check("token", "1", "3", "a", Now.AddMinutes(1), Window).ShouldBe(NonceVerdict.Full);
        ledger.Check("token", "1", "1", "b", Now.AddMinutes(1), Window).ShouldBe(NonceVerdict.Replay);
        ledger.Check("token", "1", "3", "a", Now.AddMinutes(10), Window).ShouldBe(NonceVerdict.New);
        ledger.Count.ShouldBe(1);
    }
}
