using Complaints.Cases;

namespace Complaints.Sla;

/// <summary>Which rule supplied a resolved clock's due time.</summary>
public enum DurationOrigin
{
    /// <summary>The clock definition's own <see cref="ClockDefinition.Duration"/>.</summary>
    ClockDefault,

    /// <summary>The case's channel (<see cref="SlaPolicy.Channels"/>).</summary>
    Channel,

    /// <summary>The case's category (<see cref="SlaPolicy.Categories"/>).</summary>
    Category,

    /// <summary>A deadline imposed from outside, e.g. a 12345 work order's own time limit.</summary>
    External,
}

/// <summary>What one breached item costs: department points and the responsible person's fine in yuan.</summary>
public readonly record struct BreachConsequence(int Points, decimal Fine);

/// <summary>
/// One clock as it applies to one case: the policy's rules resolved for the case's channel, kind and category.
/// Start it with <see cref="ClockSchedule.Compute"/> when one of its start events happens.
/// </summary>
public sealed record ResolvedClock
{
    /// <summary>The clock's name (<see cref="ClockNames"/>).</summary>
    public required string Name { get; init; }

    /// <summary>The case event that starts the clock.</summary>
    public required string Start { get; init; }

    /// <summary>Further events that start it again with a fresh full duration.</summary>
    public IReadOnlyList<string> RestartOn { get; init; } = [];

    /// <summary>The case events that stop it.</summary>
    public required IReadOnlyList<string> Stop { get; init; }

    /// <summary>
    /// How long the clock runs; null only when <see cref="FixedDueAt"/> is set and the policy itself gives
    /// the clock no duration.
    /// </summary>
    public SlaDuration? Duration { get; init; }

    /// <summary>An absolute due time that replaces the duration (an external deadline on the resolution clock).</summary>
    public DateTimeOffset? FixedDueAt { get; init; }

    /// <summary>When the clock warns before it breaches.</summary>
    public SlaWarning Warning { get; init; }

    /// <summary>Which rule supplied the due time.</summary>
    public DurationOrigin Origin { get; init; }

    /// <summary>The provenance text of that rule (its Source), if any.</summary>
    public string? Source { get; init; }

    /// <summary>What a breach of this clock costs.</summary>
    public BreachConsequence Breach { get; init; }

    /// <summary>True when <paramref name="eventType"/> starts (or restarts) the clock.</summary>
    public bool StartsOn(string eventType) =>
        string.Equals(Start, eventType, StringComparison.OrdinalIgnoreCase)
        || RestartOn.Contains(eventType, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when <paramref name="eventType"/> stops the clock.</summary>
    public bool StopsOn(string eventType) => Stop.Contains(eventType, StringComparer.OrdinalIgnoreCase);

    /// <summary>True when a return (returned) or re-dispatch (redispatched) starts the clock afresh.</summary>
    public bool IsRestartedByReturnOrRedispatch =>
        StartsOn(CaseEventTypes.Returned) || StartsOn(CaseEventTypes.Redispatched);
}

/// <summary>
/// Applies a tenant's <see cref="SlaPolicy"/> to one case. Pure and cheap: build one per policy (it validates
/// and parses the policy once) and call <see cref="Evaluate"/> whenever the case's channel, kind or category
/// is known or changes.
/// </summary>
/// <remarks>
/// <para>A clock applies to a case when its definition's Channels, Kinds and Categories filters all match
/// (an empty filter matches everything; a Categories filter never matches a case without a category) and a
/// duration resolves for it.</para>
/// <para>Duration precedence, first match wins:</para>
/// <list type="number">
/// <item>for the resolution clock, an external deadline passed to <see cref="Evaluate"/> (absolute; it replaces the due time);</item>
/// <item>the case's channel entry, when that entry has <see cref="ChannelOverride.OverridesCategory"/> set;</item>
/// <item>the case's category entry (the category deadline table);</item>
/// <item>the case's channel entry;</item>
/// <item>the clock definition's default <see cref="ClockDefinition.Duration"/>.</item>
/// </list>
/// <para>When none gives a duration the clock does not run for that case (e.g. on-site runs only for categories
/// with an on-site time). Warnings come from the clock definition (WarnBefore, WarnAtFraction) or else the
/// policy's <see cref="SlaPolicy.DefaultWarnAtFraction"/>; breach costs from <see cref="BreachPolicy"/>, with
/// per-clock overrides. Ids, channels, kinds and event names compare case-insensitively.</para>
/// </remarks>
public sealed class SlaPolicyEvaluator
{
    private readonly List<CompiledClock> _clocks;
    private readonly Dictionary<string, CategoryDeadlines> _categories;
    private readonly Dictionary<string, ChannelOverride> _channels;
    private readonly BreachPolicy _breach;

    /// <summary>Validates and compiles <paramref name="policy"/>.</summary>
    /// <exception cref="ArgumentException">The policy is invalid; the message lists every problem (<see cref="SlaPolicy.Validate"/>).</exception>
    public SlaPolicyEvaluator(SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var errors = policy.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SLA policy:" + Environment.NewLine + string.Join(Environment.NewLine, errors), nameof(policy));
        }

        _categories = new(policy.Categories ?? [], StringComparer.OrdinalIgnoreCase);
        _channels = new(policy.Channels ?? [], StringComparer.OrdinalIgnoreCase);
        _breach = policy.Breach ?? new BreachPolicy();
        var definitions = new Dictionary<string, ClockDefinition>(policy.Clocks ?? [], StringComparer.OrdinalIgnoreCase);
        _clocks = [];
        foreach (var name in ClockNames.All)
        {
            if (definitions.TryGetValue(name, out var definition))
            {
                _clocks.Add(CompiledClock.Create(name, definition, policy.DefaultWarnAtFraction, BreachFor(name)));
            }
        }
    }

    /// <summary>
    /// The clocks that apply to a case, in lifecycle order (<see cref="ClockNames.All"/>), with their durations
    /// resolved as the class remarks describe.
    /// </summary>
    /// <param name="channel">The case's channel id (hotline, gov-12345, wechat, …).</param>
    /// <param name="kind">The case's kind (complaint, inquiry, suggestion, repair, praise).</param>
    /// <param name="category">The case's category id; null before acceptance.</param>
    /// <param name="externalDeadline">
    /// A deadline imposed from outside (e.g. a 12345 work order's time limit): it becomes the resolution
    /// clock's due time instead of the tenant's duration.
    /// </param>
    public IReadOnlyList<ResolvedClock> Evaluate(
        string channel,
        string kind,
        string? category,
        DateTimeOffset? externalDeadline = null)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(kind);
        var channelEntry = _channels.GetValueOrDefault(channel);
        var categoryEntry = category is null ? null : _categories.GetValueOrDefault(category);

        var result = new List<ResolvedClock>(_clocks.Count);
        foreach (var clock in _clocks)
        {
            if (!clock.AppliesTo(channel, kind, category))
            {
                continue;
            }

            var (duration, origin, source) = ResolveDuration(clock, channelEntry, categoryEntry);
            DateTimeOffset? fixedDue = null;
            if (externalDeadline is { } external && clock.Name == ClockNames.Resolution)
            {
                fixedDue = ChinaTime.ToChina(external);
                origin = DurationOrigin.External;
                source = "external deadline";
            }
            else if (duration is null)
            {
                continue;
            }

            result.Add(new ResolvedClock
            {
                Name = clock.Name,
                Start = clock.Start,
                RestartOn = clock.RestartOn,
                Stop = clock.Stop,
                Duration = duration,
                FixedDueAt = fixedDue,
                Warning = clock.Warning,
                Origin = origin,
                Source = source,
                Breach = clock.Breach,
            });
        }

        return result;
    }

    /// <summary>What a breach of the clock named <paramref name="clockName"/> costs under this policy.</summary>
    public BreachConsequence BreachFor(string clockName)
    {
        var item = _breach.Clocks?.GetValueOrDefault(clockName)
            ?? _breach.Clocks?.FirstOrDefault(kv => string.Equals(kv.Key, clockName, StringComparison.OrdinalIgnoreCase)).Value;
        return new BreachConsequence(
            item?.PointsPerItem ?? _breach.PointsPerItem,
            item?.FinePerItem ?? _breach.FinePerItem);
    }

    private static (SlaDuration? Duration, DurationOrigin Origin, string? Source) ResolveDuration(
        CompiledClock clock,
        ChannelOverride? channel,
        CategoryDeadlines? category)
    {
        if (channel is { OverridesCategory: true } && channel.For(clock.Name) is { } forced)
        {
            return (SlaDuration.Parse(forced), DurationOrigin.Channel, channel.Source);
        }

        if (category?.For(clock.Name) is { } byCategory)
        {
            return (SlaDuration.Parse(byCategory), DurationOrigin.Category, category.Source);
        }

        if (channel?.For(clock.Name) is { } byChannel)
        {
            return (SlaDuration.Parse(byChannel), DurationOrigin.Channel, channel.Source);
        }

        return clock.Definition.Duration is { } byDefault
            ? (SlaDuration.Parse(byDefault), DurationOrigin.ClockDefault, clock.Definition.Source)
            : (null, DurationOrigin.ClockDefault, null);
    }

    private sealed record CompiledClock(
        string Name,
        ClockDefinition Definition,
        string Start,
        IReadOnlyList<string> RestartOn,
        IReadOnlyList<string> Stop,
        SlaWarning Warning,
        BreachConsequence Breach,
        HashSet<string> Channels,
        HashSet<string> Kinds,
        HashSet<string> Categories)
    {
        public static CompiledClock Create(string name, ClockDefinition definition, double defaultFraction, BreachConsequence breach)
        {
            var warning = definition.WarnBefore is { } lead
                ? SlaWarning.Before(SlaDuration.Parse(lead))
                : SlaWarning.AtFraction(definition.WarnAtFraction ?? defaultFraction);
            return new CompiledClock(
                name,
                definition,
                definition.Start!.Trim().ToLowerInvariant(),
                Normalise(definition.RestartOn),
                Normalise(definition.Stop),
                warning,
                breach,
                Set(definition.Channels),
                Set(definition.Kinds),
                Set(definition.Categories));
        }

        public bool AppliesTo(string channel, string kind, string? category) =>
            (Channels.Count == 0 || Channels.Contains(channel))
            && (Kinds.Count == 0 || Kinds.Contains(kind))
            && (Categories.Count == 0 || (category is not null && Categories.Contains(category)));

        private static string[] Normalise(List<string>? events) =>
            [.. (events ?? []).Select(e => e.Trim().ToLowerInvariant()).Distinct()];

        private static HashSet<string> Set(List<string>? values) =>
            new((values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()), StringComparer.OrdinalIgnoreCase);
    }
}
