using System.Globalization;
using Complaints.Storage.Relational;

namespace Complaints.Storage.Postgres;

/// <summary>PostgreSQL's types for the shared queries: timestamptz (read back as UTC), boolean, numeric, arrays.</summary>
public sealed class PostgresDialect : RelationalDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override KeyValuePair<string, object?> MetricsTag { get; } = StorageMetrics.Database("postgresql");

    public override string CaseInsensitiveLike => "ILIKE";

    // One array parameter: one statement text (and one prepared plan) whatever the number of recipients.
    public override string IsAnyOf(string column, string parameter) => $"{column} = ANY(@{parameter})";

    public override string RecipientIsAnyOf => "recipient = ANY(@Recipients)";

    public override string IsTrue(string column) => column;

    public override string IsFalse(string column) => "NOT " + column;

    public override string JsonText(string column, params string[] path) => $"({column}::jsonb #>> '{{{string.Join(',', path)}}}')";

    public override object Time(DateTimeOffset time) => time.UtcDateTime;

    public override DateTimeOffset ReadTime(object value) => new(DateTime.SpecifyKind((DateTime)value, DateTimeKind.Utc));

    public override IEnumerable<string> List(IReadOnlyList<string> values) => values.ToArray();

    public override decimal ReadDecimal(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);

    // China has one offset all year (+08:00); a fixed interval avoids the time zone database's historical rules.
    public override string ChinaMonth(string column) => $"to_char(({column} AT TIME ZONE 'UTC') + INTERVAL '8 hours', 'YYYY-MM')";

    public override string MillisecondsBetween(string from, string to) => $"(EXTRACT(EPOCH FROM ({to} - {from})) * 1000)";
}
