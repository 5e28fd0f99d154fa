using System.Globalization;
using Complaints.Cases;

namespace Complaints.Sla;

/// <summary>
/// A tenant's clock rules as data (Tenants:{tenant}:Policy): which clocks run, their durations by category and
/// channel, and what a breach costs. Plain settable properties so the configuration binder fills it from the
/// tenant's policy file; <see cref="SlaPolicyEvaluator"/> validates it and applies it to a case.
/// Durations are strings in the compact form of <see cref="SlaDuration"/> ("30m", "2h", "1d", "5wd").
/// </summary>
public sealed class SlaPolicy
{
    /// <summary>Clock definitions keyed by clock name (<see cref="ClockNames"/>): one definition per clock.</summary>
    public Dictionary<string, ClockDefinition> Clocks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The category deadline table, keyed by category id.</summary>
    public Dictionary<string, CategoryDeadlines> Categories { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per-channel overrides, keyed by channel id (hotline, gov-12345, wechat, media, …).</summary>
    public Dictionary<string, ChannelOverride> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What a breached item costs the department and the responsible person.</summary>
    public BreachPolicy Breach { get; set; } = new();

    /// <summary>When a callback that cannot reach the customer closes the case as not reached.</summary>
    public CallbackPolicy Callback { get; set; } = new();

    /// <summary>The warning of a clock that sets neither WarnBefore nor WarnAtFraction: this fraction of the interval (0 &lt; f ≤ 1).</summary>
    public double DefaultWarnAtFraction { get; set; } = 0.8;

    /// <summary>Where the policy comes from (free text, shown to administrators).</summary>
    public string? Source { get; set; }

    /// <summary>
    /// Everything wrong with the policy, one message per problem naming its configuration path
    /// (e.g. "Clocks:resolution:Duration: …"); empty when the policy is usable.
    /// </summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        ValidateFraction(errors, nameof(DefaultWarnAtFraction), DefaultWarnAtFraction);
        CheckKeysUnique(errors, nameof(Clocks), Clocks?.Keys);
        CheckKeysUnique(errors, nameof(Categories), Categories?.Keys);
        CheckKeysUnique(errors, nameof(Channels), Channels?.Keys);

        foreach (var (name, clock) in Clocks ?? [])
        {
            var path = $"{nameof(Clocks)}:{name}";
            if (!ClockNames.Known.Contains(name))
            {
                errors.Add($"{path}: unknown clock; use one of {string.Join(", ", ClockNames.All)}.");
            }

            if (clock is null)
            {
                errors.Add($"{path}: empty definition.");
                continue;
            }

            if (string.IsNullOrWhiteSpace(clock.Start))
            {
                errors.Add($"{path}:{nameof(ClockDefinition.Start)}: missing: name the case event that starts the clock.");
            }
            else
            {
                ValidateEvent(errors, $"{path}:{nameof(ClockDefinition.Start)}", clock.Start);
            }

            if (clock.Stop is not { Count: > 0 })
            {
                errors.Add($"{path}:{nameof(ClockDefinition.Stop)}: missing: name at least one case event that stops the clock.");
            }

            for (var i = 0; i < (clock.Stop?.Count ?? 0); i++)
            {
                ValidateEvent(errors, $"{path}:{nameof(ClockDefinition.Stop)}:{i}", clock.Stop![i]);
            }

            for (var i = 0; i < (clock.RestartOn?.Count ?? 0); i++)
            {
                ValidateEvent(errors, $"{path}:{nameof(ClockDefinition.RestartOn)}:{i}", clock.RestartOn![i]);
            }

            ValidateDuration(errors, $"{path}:{nameof(ClockDefinition.Duration)}", clock.Duration);
            if (clock.WarnBefore is not null && clock.WarnAtFraction is not null)
            {
                errors.Add($"{path}: set either {nameof(ClockDefinition.WarnBefore)} or {nameof(ClockDefinition.WarnAtFraction)}, not both.");
            }

            if (clock.WarnBefore is not null)
            {
                if (!SlaDuration.TryParse(clock.WarnBefore, out var lead))
                {
                    errors.Add($"{path}:{nameof(ClockDefinition.WarnBefore)}: '{clock.WarnBefore}' is not a duration (\"15m\", \"1h\").");
                }
                else if (!lead.IsWallClock)
                {
                    errors.Add($"{path}:{nameof(ClockDefinition.WarnBefore)}: '{clock.WarnBefore}': a warning lead must be minutes, hours or days.");
                }
            }

            if (clock.WarnAtFraction is { } fraction)
            {
                ValidateFraction(errors, $"{path}:{nameof(ClockDefinition.WarnAtFraction)}", fraction);
            }
        }

        foreach (var (id, entry) in Categories ?? [])
        {
            ValidateDurations(errors, $"{nameof(Categories)}:{id}", entry);
        }

        foreach (var (id, entry) in Channels ?? [])
        {
            ValidateDurations(errors, $"{nameof(Channels)}:{id}", entry);
        }

        if (Breach is { } breach)
        {
            const string path = nameof(Breach);
            if (breach.PointsPerItem < 0)
            {
                errors.Add($"{path}:{nameof(BreachPolicy.PointsPerItem)}: must not be negative.");
            }

            if (breach.FinePerItem < 0)
            {
                errors.Add($"{path}:{nameof(BreachPolicy.FinePerItem)}: must not be negative.");
            }

            CheckKeysUnique(errors, $"{path}:{nameof(BreachPolicy.Clocks)}", breach.Clocks?.Keys);
            foreach (var (name, item) in breach.Clocks ?? [])
            {
                var itemPath = $"{path}:{nameof(BreachPolicy.Clocks)}:{name}";
                if (!ClockNames.Known.Contains(name))
                {
                    errors.Add($"{itemPath}: unknown clock; use one of {string.Join(", ", ClockNames.All)}.");
                }

                if (item?.PointsPerItem < 0 || item?.FinePerItem < 0)
                {
                    errors.Add($"{itemPath}: points and fines must not be negative.");
                }
            }
        }

        if (Callback is { } callback)
        {
            const string path = nameof(Callback);
            if (callback.NotReachedAttempts is < 1)
            {
                errors.Add($"{path}:{nameof(CallbackPolicy.NotReachedAttempts)}: at least 1.");
            }

            if (callback.NotReachedAfter is { } after && !(SlaDuration.TryParse(after, out var window) && window.IsWallClock))
            {
                errors.Add($"{path}:{nameof(CallbackPolicy.NotReachedAfter)}: '{after}' is not a duration in minutes, hours or days (\"2h\", \"3d\").");
            }
        }

        return errors;
    }

    private static void ValidateDurations(List<string> errors, string path, ClockDurations? entry)
    {
        if (entry is null)
        {
            return;
        }

        foreach (var name in ClockNames.All)
        {
            ValidateDuration(errors, $"{path}:{ClockDurations.PropertyOf(name)}", entry.For(name));
        }
    }

    private static void ValidateDuration(List<string> errors, string path, string? value)
    {
        if (value is not null && !SlaDuration.TryParse(value, out _))
        {
            errors.Add($"{path}: '{value}' is not a duration: write a positive whole number followed by m, h, d or wd (\"30m\", \"2h\", \"1d\", \"5wd\").");
        }
    }

    private static void ValidateEvent(List<string> errors, string path, string? value)
    {
        if (value is null || !CaseEventTypes.IsKnown(value))
        {
            errors.Add($"{path}: '{value}' is not a case event type; use one of {string.Join(", ", CaseEventTypes.All)}.");
        }
    }

    private static void ValidateFraction(List<string> errors, string path, double value)
    {
        if (!(value > 0 && value <= 1))
        {
            errors.Add($"{path}: {value.ToString(CultureInfo.InvariantCulture)} is not a fraction greater than 0 and at most 1.");
        }
    }

    private static void CheckKeysUnique(List<string> errors, string path, IEnumerable<string>? keys)
    {
        foreach (var group in (keys ?? []).GroupBy(k => k, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"{path}: '{group.Key}' is listed more than once (ids ignore case).");
        }
    }
}

/// <summary>
/// One clock of a tenant: the case events that start and stop it, its default duration and its warning.
/// Events are case event type names (<see cref="CaseEventTypes"/>).
/// </summary>
public sealed class ClockDefinition
{
    /// <summary>The case event that starts the clock.</summary>
    public string? Start { get; set; }

    /// <summary>Further events that start the clock again with a fresh full duration (e.g. returned, redispatched).</summary>
    public List<string> RestartOn { get; set; } = [];

    /// <summary>The case events that stop the clock (the first one after the latest start counts).</summary>
    public List<string> Stop { get; set; } = [];

    /// <summary>The default duration; null when only categories or channels give one (then the clock runs only for those).</summary>
    public string? Duration { get; set; }

    /// <summary>Warn this long before the due time ("15m"); minutes, hours or days.</summary>
    public string? WarnBefore { get; set; }

    /// <summary>Warn when this fraction of the interval has passed (0 &lt; f ≤ 1).</summary>
    public double? WarnAtFraction { get; set; }

    /// <summary>Only cases from these channels; empty means every channel.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>Only cases of these kinds (complaint, inquiry, suggestion, repair, praise); empty means every kind.</summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>Only cases in these categories; empty means every case, a non-empty list excludes uncategorised cases.</summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Where the rule comes from, e.g. "seed 004 §4.2".</summary>
    public string? Source { get; set; }
}

/// <summary>Durations per clock for one category or channel; a null entry leaves the clock to the next rule.</summary>
public abstract class ClockDurations
{
    /// <summary>Duration of the first-reply clock.</summary>
    public string? FirstReply { get; set; }

    /// <summary>Duration of the dispatch clock.</summary>
    public string? Dispatch { get; set; }

    /// <summary>Duration of the sign-for clock (department signs for / contacts the customer).</summary>
    public string? SignFor { get; set; }

    /// <summary>Duration of the on-site clock.</summary>
    public string? OnSite { get; set; }

    /// <summary>Duration of the resolution clock.</summary>
    public string? Resolution { get; set; }

    /// <summary>Duration of the callback clock.</summary>
    public string? Callback { get; set; }

    /// <summary>Where the entry comes from, e.g. "seed 000 art. 14 (二)1".</summary>
    public string? Source { get; set; }

    /// <summary>The duration this entry gives the clock named <paramref name="clockName"/>, if any.</summary>
    public string? For(string clockName) => clockName.ToLowerInvariant() switch
    {
        ClockNames.FirstReply => FirstReply,
        ClockNames.Dispatch => Dispatch,
        ClockNames.SignFor => SignFor,
        ClockNames.OnSite => OnSite,
        ClockNames.Resolution => Resolution,
        ClockNames.Callback => Callback,
        _ => null,
    };

    internal static string PropertyOf(string clockName) => clockName switch
    {
        ClockNames.FirstReply => nameof(FirstReply),
        ClockNames.Dispatch => nameof(Dispatch),
        ClockNames.SignFor => nameof(SignFor),
        ClockNames.OnSite => nameof(OnSite),
        ClockNames.Resolution => nameof(Resolution),
        _ => nameof(Callback),
    };
}

/// <summary>One row of the category deadline table (e.g. pipe burst: on site 2 h, resolved in 1 day).</summary>
public sealed class CategoryDeadlines : ClockDurations;

/// <summary>
/// Durations for cases from one channel (e.g. gov-12345: resolved in 1 day; wechat: first reply in 1 h).
/// They apply where the case's category gives none, unless <see cref="OverridesCategory"/> is set.
/// </summary>
public sealed class ChannelOverride : ClockDurations
{
    /// <summary>
    /// True when this channel's durations win over the category table (Fangyang: 12345 and media transfers are
    /// handled within 1 day whatever their category, seed 000 art. 14 (一)1).
    /// </summary>
    public bool OverridesCategory { get; set; }
}

/// <summary>What a breached item costs (seed 001 §8: the department loses 2 points, the person is fined 20 yuan).</summary>
public sealed class BreachPolicy
{
    /// <summary>Points the responsible department loses per breached item.</summary>
    public int PointsPerItem { get; set; }

    /// <summary>Fine in yuan per breached item for the responsible person.</summary>
    public decimal FinePerItem { get; set; }

    /// <summary>Per-clock overrides, keyed by clock name.</summary>
    public Dictionary<string, BreachOverride> Clocks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the amounts come from.</summary>
    public string? Source { get; set; }
}

/// <summary>A clock whose breach costs something else than the policy's default; null keeps the default.</summary>
public sealed class BreachOverride
{
    /// <summary>Points per breached item for this clock.</summary>
    public int? PointsPerItem { get; set; }

    /// <summary>Fine in yuan per breached item for this clock.</summary>
    public decimal? FinePerItem { get; set; }

    /// <summary>Where the amounts come from.</summary>
    public string? Source { get; set; }
}

/// <summary>
/// A customer who cannot be reached at the callback (seed 000 art. 12): the case closes as not reached at the
/// <see cref="NotReachedAttempts"/>-th failed attempt, or at a failed attempt made <see cref="NotReachedAfter"/> or
/// longer after the result. Unset, the desk keeps trying (the callback clock keeps running and breaches).
/// </summary>
public sealed class CallbackPolicy
{
    /// <summary>The failed attempt that closes the case (at least 1).</summary>
    public int? NotReachedAttempts { get; set; }

    /// <summary>How long after the result a failed attempt closes the case ("3d"); minutes, hours or days.</summary>
    public string? NotReachedAfter { get; set; }

    /// <summary>Where the rule comes from.</summary>
    public string? Source { get; set; }

    /// <summary>The rule as the state machine applies it; null when neither limit is set.</summary>
    public NotReachedPolicy? ToRule() =>
        NotReachedAttempts is null && NotReachedAfter is null
            ? null
            : new NotReachedPolicy(NotReachedAttempts, NotReachedAfter is { } after && SlaDuration.TryParse(after, out var d) && d.IsWallClock ? d.ToTimeSpan() : null);
}
