using System.Collections.Frozen;
using Microsoft.Extensions.Configuration;

namespace Complaints.Tenants;

public sealed record Department(string Id, string Name);

public sealed record Category(string Id, string Name, string? Department);

/// <summary>A channel a tenant's cases may come from: an enabled plugin, or an offline channel (<see cref="Plugin"/> false).</summary>
public sealed record TenantChannel(string Id, string Name, bool Plugin);

public sealed record Discipline(string Department, IReadOnlySet<string> ConductCategories);

public sealed record Tenant(
    string Id,
    string Name,
    string NumberPrefix,
    IReadOnlyDictionary<string, Department> Departments,
    IReadOnlyDictionary<string, Category> Categories,
    bool ApprovalForAll,
    IReadOnlySet<string> ApprovalChannels,
    TimeOnly? WorkdayEnd,
    IConfigurationSection Configuration)
{
    /// <summary>The channels its cases may come from, by id (exact, case-sensitive).</summary>
    public IReadOnlyDictionary<string, TenantChannel> Channels { get; init; } = FrozenDictionary<string, TenantChannel>.Empty;

    public Discipline? Discipline { get; init; }
}

/// <summary>The tenants this host serves, read once from configuration at start-up.</summary>
public sealed class TenantDirectory
{
    private readonly FrozenDictionary<string, Tenant> _tenants;

    public TenantDirectory(IConfiguration configuration)
    {
        var section = configuration.GetSection("Tenants");
        var tenants = new Dictionary<string, Tenant>(StringComparer.Ordinal);
        foreach (var child in section.GetChildren())
        {
            var options = child.Get<TenantOptions>() ?? new TenantOptions();
            var problems = Validate(child.Key, options).ToList();
            if (problems.Count > 0)
            {
                throw new InvalidOperationException($"Tenant '{child.Key}' is misconfigured: {string.Join(" ", problems)}");
            }

            tenants[child.Key] = new Tenant(
                child.Key,
                string.IsNullOrWhiteSpace(options.Name) ? child.Key : options.Name,
                options.NumberPrefix,
                options.Departments.ToFrozenDictionary(d => d.Key, d => new Department(d.Key, d.Value.Name)),
                options.Categories.ToFrozenDictionary(c => c.Key, c => new Category(c.Key, c.Value.Name, c.Value.Department)),
                options.DispatchApproval.Required,
                options.DispatchApproval.Channels.ToFrozenSet(),
                options.WorkdayEnd is { Length: > 0 } end ? TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture) : null,
                child)
            {
                Channels = ChannelsOf(child, options),
                Discipline = options.Discipline is { } d ? new Discipline(d.Department, d.ConductCategories.ToFrozenSet(StringComparer.Ordinal)) : null,
            };
        }

        _tenants = tenants.ToFrozenDictionary();
    }

    public IEnumerable<Tenant> All => _tenants.Values;

    public Tenant? Find(string id) => _tenants.GetValueOrDefault(id);

    /// <summary>
    /// The plugins the tenant enables (a <c>Channels:{id}</c> section whose <c>Enabled</c> is not false, the rule of
    /// ChannelSettings) and its offline channels.
    /// </summary>
    private static FrozenDictionary<string, TenantChannel> ChannelsOf(IConfigurationSection tenant, TenantOptions options)
    {
        var channels = new Dictionary<string, TenantChannel>(StringComparer.Ordinal);
        foreach (var (id, name) in options.OfflineChannels ?? ChannelNames.DefaultOffline)
        {
            channels[id] = new TenantChannel(id, string.IsNullOrWhiteSpace(name) ? ChannelNames.Of(id) : name, Plugin: false);
        }

        foreach (var section in tenant.GetSection("Channels").GetChildren())
        {
            if (!string.Equals(section["Enabled"], "false", StringComparison.OrdinalIgnoreCase))
            {
                channels[section.Key] = new TenantChannel(section.Key, section["Name"] is { Length: > 0 } name ? name : ChannelNames.Of(section.Key), Plugin: true);
            }
        }

        return channels.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static IEnumerable<string> Validate(string id, TenantOptions options)
    {
        if (options.Discipline is { } discipline)
        {
            if (!options.Departments.ContainsKey(discipline.Department))
            {
                yield return $"Discipline:Department '{discipline.Department}' is not one of its Departments.";
            }

            foreach (var category in discipline.ConductCategories.Where(c => !options.Categories.ContainsKey(c)))
            {
                yield return $"Discipline:ConductCategories names unknown category '{category}'.";
            }
        }

        foreach (var channel in (options.OfflineChannels ?? []).Keys.Where(c => !ChannelNames.IsId(c)))
        {
            yield return $"OfflineChannels: '{channel}' is not a lower-case kebab-case id.";
        }

        if (string.IsNullOrWhiteSpace(options.NumberPrefix) || !options.NumberPrefix.All(char.IsAsciiLetterOrDigit))
        {
            yield return "NumberPrefix must be letters and digits.";
        }

        if (options.WorkdayEnd is { Length: > 0 } end && !TimeOnly.TryParse(end, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            yield return $"WorkdayEnd '{end}' is not a time of day such as 17:30.";
        }

        if (options.Departments.Count == 0)
        {
            yield return "it has no Departments.";
        }

        foreach (var (categoryId, category) in options.Categories)
        {
            if (category.Department is { } d && !options.Departments.ContainsKey(d))
            {
                yield return $"category '{categoryId}' names unknown department '{d}'.";
            }
        }

        if (id.Any(ch => !(char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-')))
        {
            yield return "its id must be lower-case letters, digits and '-'.";
        }
    }
}
