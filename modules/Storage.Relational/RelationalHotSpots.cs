using System.Runtime.CompilerServices;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>
/// The hot spots' read: the period's cases joined to their registration event, where alone the complainant's phone is
/// kept. The phones are compared in the database (a dense rank over the phone, spaces and hyphens taken out), so the
/// report gets a number standing for the phone and never the phone itself.
/// </summary>
public abstract partial class RelationalCaseStore : IHotSpots
{
    public async IAsyncEnumerable<HotSpotCase> HotSpotCasesAsync(HotSpotQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var phone = $"REPLACE(REPLACE({Dialect.JsonText("e.data", "complainant", "phone")}, ' ', ''), '-', '')";
        var department = query.Department is null ? "" : " AND c.department = @Department";
        var sql = $"""
            SELECT number, registered_at, category, status, department, content, address, location, complainant_name, complainant_phone_masked,
                CASE WHEN phone IS NULL OR phone = '' THEN NULL ELSE DENSE_RANK() OVER (ORDER BY phone) END AS complainant
            FROM (
                SELECT c.number, c.registered_at, c.category, c.status, c.department, c.content, c.address, c.location,
                    c.complainant_name, c.complainant_phone_masked, {phone} AS phone
                FROM cases c JOIN case_events e ON e.tenant = c.tenant AND e.number = c.number AND e.seq = 1 AND e.type = 'registered'
                WHERE c.tenant = @Tenant AND c.registered_at >= @From AND c.registered_at < @To{department}
            ) period
            ORDER BY registered_at, number
            """;
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = connection.QueryUnbufferedAsync<HotSpotRow>(sql, new { query.Tenant, From = Dialect.Time(query.From), To = Dialect.Time(query.To), query.Department });
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new HotSpotCase
            {
                Number = row.number,
                RegisteredAt = Dialect.ReadTime(row.registered_at),
                Category = row.category,
                Status = row.status,
                Department = row.department,
                Content = row.content,
                Address = row.address,
                Location = row.location,
                ComplainantName = row.complainant_name,
                ComplainantPhoneMasked = row.complainant_phone_masked,
                Complainant = row.complainant is null ? null : Convert.ToInt64(row.complainant, System.Globalization.CultureInfo.InvariantCulture),
            };
        }
    }

    /// <summary>A row as Dapper reads it (properties named as the columns).</summary>
    private sealed class HotSpotRow
    {
        public string number { get; set; } = "";
        public object registered_at { get; set; } = 0L;
        public string? category { get; set; }
        public string status { get; set; } = "";
        public string? department { get; set; }
        public string content { get; set; } = "";
        public string? address { get; set; }
        public string? location { get; set; }
        public string? complainant_name { get; set; }
        public string? complainant_phone_masked { get; set; }
        public object? complainant { get; set; }
    }
}
