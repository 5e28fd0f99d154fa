namespace Complaints.Grains.Tests;

/// <summary>Case numbers: unique and consecutive under concurrent intake, the next block reserved before it is needed.</summary>
public sealed class CaseNumberGrainTests : IAsyncLifetime
{
    private ComplaintCluster _cluster = null!;

    public async ValueTask InitializeAsync() => _cluster = await ComplaintCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Concurrent_registrations_get_consecutive_numbers_none_given_twice()
    {
        var numbers = _cluster.Grains.GetGrain<ICaseNumberGrain>(CaseKey.Of("fangyang-water", "2026"));

        var given = await Task.WhenAll(Enumerable.Range(0, 240).Select(_ => numbers.Next()));

        given.Order().ShouldBe(Enumerable.Range(1, 240).Select(n => (long)n));
    }

    [Fact]
    public async Task The_next_block_is_reserved_once_half_the_current_one_is_given_out()
    {
        var numbers = _cluster.Grains.GetGrain<ICaseNumberGrain>(CaseKey.Of("fuyang-gas", "2026"));
        for (var i = 0; i < 24; i++)
        {
            await numbers.Next();
        }

        _cluster.NextUnreservedNumber("fuyang-gas", 2026).ShouldBe(51, "24 of the first block of 50 given: no second block yet");

        (await numbers.Next()).ShouldBe(25);
        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(_cluster.NextUnreservedNumber("fuyang-gas", 2026) == 101));

        // The block reserved ahead is the one given out next: numbers run on without a gap.
        var rest = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            rest.Add(await numbers.Next());
        }

        rest.ShouldBe(Enumerable.Range(26, 30).Select(n => (long)n));
    }
}
