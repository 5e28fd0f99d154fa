using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Complaints.Sla;

/// <summary>The unit of an <see cref="SlaDuration"/>; see <see cref="Deadlines.DueAt"/> for how each one counts.</summary>
public enum DurationUnit
{
    /// <summary>Wall-clock minutes ("30m").</summary>
    Minutes,

    /// <summary>Wall-clock hours ("2h").</summary>
    Hours,

    /// <summary>Calendar days of 24 hours each ("1d").</summary>
    Days,

    /// <summary>Working days, counted from the day after the start, ending at the end of the N-th ("5wd").</summary>
    WorkingDays,
}

/// <summary>
/// A clock's duration as the policies state it: an amount and a unit. Configuration writes it compactly —
/// "30m", "2h", "1d", "5wd" — and <see cref="ToString"/> gives that form back.
/// </summary>
public readonly record struct SlaDuration : IParsable<SlaDuration>
{
    /// <summary>A duration of <paramref name="amount"/> <paramref name="unit"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is zero or negative, or the unit is unknown.</exception>
    public SlaDuration(DurationUnit unit, int amount)
    {
        if (!Enum.IsDefined(unit))
        {
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown duration unit.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        Unit = unit;
        Amount = amount;
    }

    /// <summary>The unit.</summary>
    public DurationUnit Unit { get; }

    /// <summary>How many units; always positive for a constructed value (<c>default</c> has 0 and is rejected on use).</summary>
    public int Amount { get; }

    /// <summary>True for minutes, hours and days: units that are a fixed length of time.</summary>
    public bool IsWallClock => Unit != DurationUnit.WorkingDays;

    /// <summary><paramref name="amount"/> minutes.</summary>
    public static SlaDuration Minutes(int amount) => new(DurationUnit.Minutes, amount);

    /// <summary><paramref name="amount"/> hours.</summary>
    public static SlaDuration Hours(int amount) => new(DurationUnit.Hours, amount);

    /// <summary><paramref name="amount"/> calendar days (N × 24 h).</summary>
    public static SlaDuration Days(int amount) => new(DurationUnit.Days, amount);

    /// <summary><paramref name="amount"/> working days.</summary>
    public static SlaDuration WorkingDays(int amount) => new(DurationUnit.WorkingDays, amount);

    /// <summary>The fixed length of a wall-clock duration.</summary>
    /// <exception cref="InvalidOperationException">Working days have no fixed length.</exception>
    public TimeSpan ToTimeSpan()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Amount);
        return Unit switch
        {
            DurationUnit.Minutes => TimeSpan.FromMinutes(Amount),
            DurationUnit.Hours => TimeSpan.FromHours(Amount),
            DurationUnit.Days => TimeSpan.FromDays(Amount),
            _ => throw new InvalidOperationException($"{this} has no fixed length: working days depend on the calendar."),
        };
    }

    /// <summary>The compact form: "30m", "2h", "1d", "5wd".</summary>
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Unit switch
    {
        DurationUnit.Minutes => "m",
        DurationUnit.Hours => "h",
        DurationUnit.Days => "d",
        _ => "wd",
    };

    /// <summary>Reads the compact form ("30m", "2h", "1d", "5wd"; case and surrounding spaces ignored).</summary>
    /// <exception cref="FormatException">Not a duration, or its amount is not a positive whole number.</exception>
    public static SlaDuration Parse(string s) => Parse(s, null);

    /// <inheritdoc cref="Parse(string)" />
    public static SlaDuration Parse(string s, IFormatProvider? provider) =>
        TryParse(s, provider, out var result)
            ? result
            : throw new FormatException(
                $"'{s}' is not a duration: write a positive whole number followed by m, h, d or wd, e.g. \"30m\", \"2h\", \"1d\", \"5wd\".");

    /// <summary>Reads the compact form; false when <paramref name="s"/> is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, out SlaDuration result) => TryParse(s, null, out result);

    /// <inheritdoc cref="TryParse(string?, out SlaDuration)" />
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out SlaDuration result)
    {
        result = default;
        if (s is null)
        {
            return false;
        }

        var text = s.Trim().ToLowerInvariant();
        (DurationUnit Unit, int SuffixLength)? match =
            text.EndsWith("wd", StringComparison.Ordinal) ? (DurationUnit.WorkingDays, 2)
            : text.EndsWith('m') ? (DurationUnit.Minutes, 1)
            : text.EndsWith('h') ? (DurationUnit.Hours, 1)
            : text.EndsWith('d') ? (DurationUnit.Days, 1)
            : null;
        if (match is not { } m)
        {
            return false;
        }

        var digits = text[..^m.SuffixLength];
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)
            || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        result = new SlaDuration(m.Unit, amount);
        return true;
    }
}
