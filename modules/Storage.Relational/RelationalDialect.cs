namespace Complaints.Storage.Relational;

/// <summary>
/// What differs between the databases for the shared queries: how a time, a flag and a list are written and read
/// back (SQLite keeps times as unix milliseconds, PostgreSQL as timestamptz), and the few SQL words that differ. Mapped
/// here, per call, instead of with global Dapper type handlers that would apply to every connection of the process.
/// </summary>
public abstract class RelationalDialect
{
    /// <summary>The <c>db.system</c> tag of this database's metrics.</summary>
    public abstract KeyValuePair<string, object?> MetricsTag { get; }

    /// <summary><c>LIKE</c> or <c>ILIKE</c>: the case-insensitive pattern match.</summary>
    public abstract string CaseInsensitiveLike { get; }

    /// <summary>Notifications whose recipient is one of <c>@Recipients</c> (see <see cref="List"/>).</summary>
    public abstract string RecipientIsAnyOf { get; }

    /// <summary><paramref name="column"/> is one of the list parameter <paramref name="parameter"/> (see <see cref="List"/>).</summary>
    public abstract string IsAnyOf(string column, string parameter);

    /// <summary>
    /// After a table's name: the index a query must read. SQLite's planner has no statistics unless ANALYZE ran and
    /// may then walk the whole tenant by its primary key; PostgreSQL keeps statistics and plans on its own (nothing).
    /// </summary>
    public virtual string Reading(string index) => "";

    public abstract string IsTrue(string column);

    public abstract string IsFalse(string column);

    /// <summary>The text at <paramref name="path"/> (property names) inside the JSON text column <paramref name="column"/>; null when absent.</summary>
    public abstract string JsonText(string column, params string[] path);

    /// <summary>A time as this database's parameter value.</summary>
    public abstract object Time(DateTimeOffset time);

    public object? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    /// <summary>A time column's value as read (unix milliseconds, or a UTC <see cref="DateTime"/>).</summary>
    public abstract DateTimeOffset ReadTime(object value);

    public DateTimeOffset? ReadTimeOrNull(object? value) => value is null or DBNull ? null : ReadTime(value);

    /// <summary>A list parameter for <see cref="RecipientIsAnyOf"/>.</summary>
    public abstract IEnumerable<string> List(IReadOnlyList<string> values);

    /// <summary>A money column as read (text in SQLite, numeric in PostgreSQL).</summary>
    public abstract decimal ReadDecimal(object value);

    /// <summary>The China month (UTC+8, <c>yyyy-MM</c>) of a time column: the statistics' month.</summary>
    public abstract string ChinaMonth(string column);

    /// <summary>The milliseconds from one time column to another, as a number.</summary>
    public abstract string MillisecondsBetween(string from, string to);
}
