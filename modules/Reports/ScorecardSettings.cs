using System.Globalization;
using Complaints.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Complaints.Reports;

/// <summary>
/// A tenant's scorecard rules (<c>Tenants:{tenant}:Scorecard</c>): what a re-complaint about the same matter costs
/// (seed 001 §8.4 "加重处罚": more than one breach's 2 points and 20 yuan), the targets (seed 004 §4.3: completion
/// 100 %, satisfaction at least 90 %) and how many of the same breach in a year flag a person (seed 001 §8.7).
/// </summary>
public sealed class ScorecardOptions
{
    public int RecomplaintPoints { get; set; } = 4;

    public decimal RecomplaintFine { get; set; } = 40m;

    /// <summary>The completion rate to reach, a fraction (1.0 = 100 %).</summary>
    public decimal CompletionTarget { get; set; } = 1.0m;

    /// <summary>The satisfaction rate to reach, a fraction (0.9 = 90 %).</summary>
    public decimal SatisfactionTarget { get; set; } = 0.9m;

    /// <summary>The same clock breached this many times in a year, charged to one person, flags them.</summary>
    public int RepeatBreachLimit { get; set; } = 3;

    /// <summary>Everything wrong, each naming its setting; empty when usable.</summary>
    public IEnumerable<string> Problems()
    {
        if (RecomplaintPoints < 0)
        {
            yield return $"{nameof(RecomplaintPoints)} must not be negative.";
        }

        if (RecomplaintFine < 0)
        {
            yield return $"{nameof(RecomplaintFine)} must not be negative.";
        }

        if (CompletionTarget is < 0 or > 1)
        {
            yield return $"{nameof(CompletionTarget)} {CompletionTarget.ToString(CultureInfo.InvariantCulture)} is not a fraction from 0 to 1.";
        }

        if (SatisfactionTarget is < 0 or > 1)
        {
            yield return $"{nameof(SatisfactionTarget)} {SatisfactionTarget.ToString(CultureInfo.InvariantCulture)} is not a fraction from 0 to 1.";
        }

        if (RepeatBreachLimit < 1)
        {
            yield return $"{nameof(RepeatBreachLimit)} must be at least 1.";
        }
    }
}

/// <summary>Every tenant's <see cref="ScorecardOptions"/>, read from the tenants' configuration and checked when the host starts.</summary>
public sealed class ScorecardSettings
{
    public const string Section = "Scorecard";

    private Dictionary<string, ScorecardOptions> _tenants = new(StringComparer.Ordinal);

    /// <summary>The tenant's rules; the defaults for a tenant that sets none.</summary>
    public ScorecardOptions For(string tenant) => _tenants.GetValueOrDefault(tenant) ?? new ScorecardOptions();

    internal void Read(TenantDirectory tenants) =>
        _tenants = tenants.All.ToDictionary(t => t.Id, t => t.Configuration.GetSection(Section).Get<ScorecardOptions>() ?? new ScorecardOptions(), StringComparer.Ordinal);

    internal IEnumerable<string> Problems() =>
        _tenants.SelectMany(t => t.Value.Problems().Select(p => $"Tenants:{t.Key}:{Section}:{p}"));
}

/// <summary>Refuses to start with a tenant's scorecard settings out of range (checked at start, not at the first report).</summary>
internal sealed class ScorecardSettingsValidation : IValidateOptions<ScorecardSettings>
{
    public ValidateOptionsResult Validate(string? name, ScorecardSettings options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}

public static class ScorecardsModule
{
    /// <summary>The scorecards: the tenants' rules (checked at start), the reporter, the snapshots' section.</summary>
    public static IServiceCollection AddScorecards(this IServiceCollection services)
    {
        services.AddOptions<ScorecardSettings>().Configure<TenantDirectory>((settings, tenants) => settings.Read(tenants)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScorecardSettings>, ScorecardSettingsValidation>();
        services.AddSingleton<ScorecardReporter>();
        services.AddSingleton<IReportSection, ScorecardSection>();
        return services;
    }
}
