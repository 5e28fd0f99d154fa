using System.Globalization;
using Complaints.Storage.Relational;

namespace Complaints.Storage.Sqlite;

/// <summary>SQLite's types for the shared queries: times as unix milliseconds, flags as 0/1, money as text.</summary>
public sealed class SqliteDialect : RelationalDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override KeyValuePair<string, object?> MetricsTag { get; } = StorageMetrics.Database("sqlite");

    public override string Reading(string index) => " INDEXED BY " + index;

    public override string CaseInsensitiveLike => "LIKE"; // SQLite's LIKE ignores the case of ASCII letters

    // Dapper expands a list parameter into (@Recipients1, @Recipients2, …).
    public override string IsAnyOf(string column, string parameter) => $"{column} IN @{parameter}";

    public override string RecipientIsAnyOf => "recipient IN @Recipients";

    public override string IsTrue(string column) => column + " = 1";

    public override string IsFalse(string column) => column + " = 0";

    public override string JsonText(string column, params string[] path) => $"json_extract({column}, '$.{string.Join('.', path)}')";

    public override object Time(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    public override DateTimeOffset ReadTime(object value) => DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));

    public override IEnumerable<string> List(IReadOnlyList<string> values) => values;

    public override decimal ReadDecimal(object value) => decimal.Parse((string)value, CultureInfo.InvariantCulture);

    // Unix milliseconds: shifted by 8 hours, the UTC calendar of the shifted time is China's.
    public override string ChinaMonth(string column) => $"strftime('%Y-%m', {column} / 1000 + 28800, 'unixepoch')";

    public override string MillisecondsBetween(string from, string to) => $"({to} - {from})";
}
