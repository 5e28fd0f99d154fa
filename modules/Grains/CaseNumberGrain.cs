using Complaints.Storage;

namespace Complaints.Grains;

/// <summary>
/// A tenant's case numbers for one year. Reserves numbers in durable blocks so that a number is never given
/// twice, even after a crash; a crash may leave a gap, which is the price of not writing once per number.
/// </summary>
public sealed class CaseNumberGrain(ICaseNumberBlocks blocks) : Grain, ICaseNumberGrain
{
    private const int BlockSize = 50;

    private long _next;
    private long _end;

    public async Task<long> Next()
    {
        if (_next >= _end)
        {
            var (tenant, year) = ComplaintKey.Parse(this.GetPrimaryKeyString());
            _next = await blocks.ReserveAsync(tenant, int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), BlockSize);
            _end = _next + BlockSize;
        }

        return _next++;
    }
}
