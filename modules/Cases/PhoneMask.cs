namespace Complaints.Cases;

public static class PhoneMask
{
    /// <summary>
    /// 138****5678 for mobiles and longer numbers; a local number of 8 to 10 characters shows only its last 4
    /// (****5678); shorter ones only their last 2. At least four digits are always hidden.
    /// </summary>
    public static string? Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        var p = phone.Trim();
        return p.Length switch
        {
            >= 11 => string.Concat(p.AsSpan(0, 3), "****", p.AsSpan(p.Length - 4)),
            >= 8 => string.Concat("****", p.AsSpan(p.Length - 4)),
            <= 2 => new string('*', p.Length),
            _ => string.Concat(new string('*', p.Length - 2), p.AsSpan(p.Length - 2)),
        };
    }
}
