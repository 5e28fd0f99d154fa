using Complaints.Cases;

namespace Complaints.Grains;

/// <summary>The intake's phone rule (<see cref="PhoneNumbers"/>) for those who see only the grains' contract (the workbench).</summary>
public static class Phones
{
    /// <summary>Whether <paramref name="phone"/> is a whole phone number the intake takes (mobile, fixed line, 400/800).</summary>
    public static bool IsValid(string? phone) => PhoneNumbers.IsValid(phone);
}
