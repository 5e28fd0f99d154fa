using System.Collections.Frozen;
using Microsoft.Extensions.Configuration;

namespace Complaints.Tenants;

public sealed record Department(string Id, string Name);

public sealed record Category(string Id, string Name, string? Department);

public sealed record Tenant(
    string Id,
    string Name,
    string NumberPrefix,
    IReadOnlyDictionary<string, Department> Departments,
    IReadOnlyDictionary<string, Category> Categories,
    bool ApprovalForAll,
    IReadOnlySet<string> ApprovalChannels,
    TimeOnly? WorkdayEnd,
    IConfigurationSection Configuration);

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
                child);
        }

        _tenants = tenants.ToFrozenDictionary();
    }

    public IEnumerable<Tenant> All => _tenants.Values;

    public Tenant? Find(string id) => _tenants.GetValueOrDefault(id);

    private static IEnumerable<string> Validate(string id, TenantOptions options)
    {
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
