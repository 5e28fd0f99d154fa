using System.Globalization;

namespace Complaints.Grains;

/// <summary>How a case number reads: <c>{prefix}-{year}-{sequence}</c>, the sequence with at least six digits (FYW-2026-000042).</summary>
public static class CaseNumber
{
    public static string Of(string prefix, int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{prefix}-{year}-{sequence:D6}");
}
