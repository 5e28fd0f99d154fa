using Complaints.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.Grains.Tests;

/// <summary>
/// Case numbers: unique and consecutive under concurrent intake, the next block reserved before it is needed; no gap
/// after a stop, an idle deactivation or a failed registration; a crash's leftovers recorded as a gap.
/// </summary>
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

    [Fact]
    public async Task Numbers_run_on_without_a_gap_after_a_stop_and_a_start()
    {
        var given = await NextAsync("fangyang-water", 7);

        await _cluster.StopAsync();
        await _cluster.StartAgainAsync();

        given.AddRange(await NextAsync("fangyang-water", 3));
        given.ShouldBe(Enumerable.Range(1, 10).Select(n => (long)n));
        (await Blocks.GapsAsync("fangyang-water", TestContext.Current.CancellationToken)).ShouldBeEmpty();
        (await Blocks.HeldAsync(TestContext.Current.CancellationToken)).ShouldBe(new[] { ("fangyang-water", 2026) });
    }

    [Fact]
    public async Task Numbers_run_on_without_a_gap_after_an_idle_deactivation_even_with_the_next_block_reserved()
    {
        var given = await NextAsync("fuyang-gas", 30); // the second block is reserved at 25
        await ComplaintCluster.EventuallyAsync(() => Task.FromResult(_cluster.NextUnreservedNumber("fuyang-gas", 2026) == 101));

        await _cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        _cluster.NextUnreservedNumber("fuyang-gas", 2026).ShouldBe(31, "both blocks' unused numbers handed back");

        given.AddRange(await NextAsync("fuyang-gas", 3));
        given.ShouldBe(Enumerable.Range(1, 33).Select(n => (long)n));
    }

    [Fact]
    public async Task A_number_whose_registration_failed_is_given_out_next()
    {
        var numbers = _cluster.Grains.GetGrain<ICaseNumberGrain>(CaseKey.Of("fangyang-water", "2026"));
        (await NextAsync("fangyang-water", 3)).ShouldBe([1, 2, 3]);

        await numbers.GiveBack(2);

        (await NextAsync("fangyang-water", 2)).ShouldBe([2, 4]);
    }

    [Fact]
    public async Task A_number_given_back_and_still_held_at_the_stop_is_given_out_after_the_start()
    {
        var numbers = _cluster.Grains.GetGrain<ICaseNumberGrain>(CaseKey.Of("fangyang-water", "2026"));
        await NextAsync("fangyang-water", 3);
        await numbers.GiveBack(3); // the last registration failed, then the host stopped

        await _cluster.StopAsync();
        await _cluster.StartAgainAsync();

        (await NextAsync("fangyang-water", 1)).ShouldBe([3]);
        (await Blocks.GapsAsync("fangyang-water", TestContext.Current.CancellationToken)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_numbers_a_crashed_holder_left_that_no_case_has_are_recorded_as_a_gap_and_not_given_again()
    {
        // A holder that reserved a block, gave number 1 to a case that was registered, and died without handing back.
        (await Blocks.ReserveAsync("fangyang-water", 2026, 50, TestContext.Current.CancellationToken)).ShouldBe(1);
        (await _cluster.Case("FYW-2026-000001").Register(
            new RegisterComplaintRequest { Channel = "hotline", Kind = "complaint", Content = "水压低" },
            new ActorInfo("agent@fangyang-water", "agent"))).Kind.ShouldBe(OutcomeKind.Created);

        await _cluster.Grains.GetGrain<ICaseNumberGrain>(CaseKey.Of("fangyang-water", "2026")).Open();

        var gap = (await Blocks.GapsAsync("fangyang-water", TestContext.Current.CancellationToken)).ShouldHaveSingleItem();
        (gap.Year, gap.First, gap.Last, gap.Reason).ShouldBe((2026, 2L, 50L, NumberGap.HolderStopped));
        (await NextAsync("fangyang-water", 1)).ShouldBe([51]);
    }

    private ICaseNumberBlocks Blocks => _cluster.Silo().GetRequiredService<ICaseNumberBlocks>();

    private async Task<List<long>> NextAsync(string tenant, int count)
    {
        var numbers = _cluster.Grains.GetGrain<ICaseNumberGrain>(CaseKey.Of(tenant, "2026"));
        var given = new List<long>();
        for (var i = 0; i < count; i++)
        {
            given.Add(await numbers.Next());
        }

        return given;
    }
}
