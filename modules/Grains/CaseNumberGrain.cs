using Complaints.Storage;

namespace Complaints.Grains;

/// <summary>
/// A tenant's case numbers for one year. Reserves numbers in durable blocks so that a number is never given
/// twice, even after a crash; a crash may leave a gap (up to two blocks), which is the price of not writing
/// once per number. The next block is reserved when half of the current one is used, while numbers are still
/// being given out, so a registration never waits for a reservation's commit unless intake outruns it.
/// </summary>
public sealed class CaseNumberGrain(ICaseNumberBlocks blocks) : Grain, ICaseNumberGrain
{
    private const int BlockSize = 50;

    private long _next;
    private long _end;
    private Task<long>? _reserved;

    public async Task<long> Next()
    {
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

    private Task<long> Reserve()
    {
        var (tenant, year) = CaseKey.Parse(this.GetPrimaryKeyString());
        return blocks.ReserveAsync(tenant, int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), BlockSize);
    }
}
