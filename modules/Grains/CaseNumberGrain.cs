using System.Globalization;
using Complaints.Storage;
using Complaints.Tenants;
using Microsoft.Extensions.Logging;

namespace Complaints.Grains;

/// <summary>
/// A tenant's case numbers for one year, without gaps (seed 002: 统一编号). Reserves numbers in durable blocks so that
/// a number is never given twice and intake does not wait for a write per number; the next block is reserved when half
/// of the current one is used. On deactivation (idle, a normal stop, a move to another host) it hands back what it did
/// not use, so the next activation goes on from the last number given. A number whose registration failed comes back
/// (<see cref="GiveBack"/>) and is given out next. Only a crash leaves numbers behind: the next activation (at the
/// latest at the next start, <see cref="CaseNumberRecovery"/>) records those no case has as a gap.
/// </summary>
public sealed class CaseNumberGrain(ICaseNumberBlocks blocks, TenantDirectory tenants, TimeProvider time, ILogger<CaseNumberGrain> logger) : Grain, ICaseNumberGrain
{
    private const int BlockSize = 50;

    private readonly SortedSet<long> _givenBack = [];
    private string _tenant = "";
    private int _year;
    private long _next;
    private long _end;
    private Task<long>? _reserved;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (tenant, year) = CaseKey.Parse(this.GetPrimaryKeyString());
        _tenant = tenant;
        _year = int.Parse(year, CultureInfo.InvariantCulture);
        var prefix = tenants.Find(_tenant)?.NumberPrefix ?? "";
        var gaps = await blocks.RecoverAsync(_tenant, _year, sequence => CaseNumber.Of(prefix, _year, sequence), time.GetUtcNow(), cancellationToken);
        foreach (var gap in gaps)
        {
            logger.LogWarning(
                "Case numbers {First}…{Last} of {Tenant} {Year} were reserved by a holder that stopped without handing them back and no case has them: recorded as a gap",
                gap.First, gap.Last, _tenant, _year);
        }
    }

    public async Task<long> Next()
    {
        if (_givenBack.Count > 0)
        {
            var again = _givenBack.Min;
            _givenBack.Remove(again);
            return again;
        }

        if (_next >= _end)
        {
            var reserving = _reserved ?? Reserve();
            _reserved = null;
            _next = await reserving;
            _end = _next + BlockSize;
        }

        var number = _next++;
        if (_reserved is null && _end - _next <= BlockSize / 2)
        {
            // Runs on this grain's scheduler. Should it fail, the Next() that needs it fails and the one after reserves afresh.
            _reserved = Reserve();
        }

        return number;
    }

    public Task GiveBack(long number)
    {
        if (number < _next)
        {
            _givenBack.Add(number);
        }

        return Task.CompletedTask;
    }

    public Task Open() => Task.CompletedTask;

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var end = _end;
        if (_reserved is { } reserved)
        {
            try
            {
                end = await reserved + BlockSize;
            }
            catch (Exception exception)
            {
                // Whether it was written is unknown: the hand-back below then finds more reserved than it knows and
                // records the difference as a gap.
                logger.LogWarning(exception, "A case number block reservation for {Tenant} {Year} failed", _tenant, _year);
            }
        }

        if (end == 0)
        {
            return; // never reserved anything
        }

        try
        {
            await blocks.HandBackAsync(_tenant, _year, Math.Min(_next, end), end, [.. _givenBack], time.GetUtcNow(), cancellationToken);
        }
        catch (Exception exception)
        {
            // The hold stays recorded: the next activation finds it and records what no case has as a gap.
            logger.LogError(exception, "Case numbers {Next}…{End} of {Tenant} {Year} could not be handed back", _next, end - 1, _tenant, _year);
        }
    }

    private Task<long> Reserve() => blocks.ReserveAsync(_tenant, _year, BlockSize);
}
