using System.Globalization;
using Complaints.Sla;
using Complaints.Tenants;
using Complaints.Texts;

namespace Complaints.Reports;

/// <summary>
/// The words a report prints for a stored code: a vocabulary value (status, kind, satisfaction, target, clock) through
/// the resource set's <c>{vocabulary}.{value}</c> word, a department, category or channel by the tenant's own name.
/// A code with no word is printed as stored, so nothing goes missing from a report.
/// </summary>
public static class ReportWords
{
    public static string Of(string key, CultureInfo culture) => new Text(key).In(culture);

    public static string? Vocabulary(string vocabulary, string? value, CultureInfo culture)
    {
        if (value is null)
        {
            return null;
        }

        var key = $"{vocabulary}.{value}";
        return PlatformTexts.Has(key) ? new Text(key).In(culture) : value;
    }

    public static string? Status(string? value, CultureInfo culture) => Vocabulary("status", value, culture);

    public static string? Kind(string? value, CultureInfo culture) => Vocabulary("kind", value, culture);

    public static string? Satisfaction(string? value, CultureInfo culture) => Vocabulary("satisfaction", value, culture);

    public static string? Clock(string? value, CultureInfo culture) => Vocabulary("clock", value, culture);

    /// <summary>Who a complaint is about: the target's word and its name (<c>对部门 管网部</c>).</summary>
    public static string? Target(string? type, string? name, CultureInfo culture) =>
        type is null ? name : string.Join(' ', new[] { Vocabulary("target", type, culture), name }.Where(p => !string.IsNullOrEmpty(p)));

    public static string? Department(Tenant tenant, string? id) =>
        id is null ? null : tenant.Departments.TryGetValue(id, out var d) ? d.Name : id;

    public static string? Category(Tenant tenant, string? id) =>
        id is null ? null : tenant.Categories.TryGetValue(id, out var c) ? c.Name : id;

    public static string Channel(Tenant tenant, string id) =>
        tenant.Channels.TryGetValue(id, out var c) ? c.Name : ChannelNames.Of(id);

    public static string YesNo(bool value, CultureInfo culture) => Of(value ? TextKeys.Ledger.Yes : TextKeys.Ledger.No, culture);

    /// <summary>A time as the reports print it: China time, to the minute.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? ChinaTime.ToChina(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
}
