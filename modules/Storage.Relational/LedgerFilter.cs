using System.Text;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>A <see cref="LedgerQuery"/> as a WHERE clause and its parameters, in the dialect's SQL and types.</summary>
public static class LedgerFilter
{
    public static (string Where, DynamicParameters Parameters) Build(LedgerQuery query, RelationalDialect dialect)
    {
        var where = new StringBuilder("tenant = @Tenant");
        var parameters = new DynamicParameters();
        parameters.Add("Tenant", query.Tenant);
        void Filter(string? value, string column, string name)
        {
            if (value is not null)
            {
                where.Append(" AND ").Append(column).Append(" = @").Append(name);
                parameters.Add(name, value);
            }
        }

        Filter(query.Status, "status", "Status");
        Filter(query.Department, "department", "Department");
        Filter(query.Category, "category", "Category");
        Filter(query.Channel, "channel", "Channel");
        if (query.OpenOnly)
        {
            where.Append(" AND status NOT IN ('closed', 'rejected', 'answered')");
        }

        if (query.Overdue is { } overdue)
        {
            where.Append(" AND ").Append(overdue ? dialect.IsTrue("overdue") : dialect.IsFalse("overdue"));
        }

        if (query.From is { } from)
        {
            where.Append(" AND registered_at >= @From");
            parameters.Add("From", dialect.Time(from));
        }

        if (query.To is { } to)
        {
            where.Append(" AND registered_at < @To");
            parameters.Add("To", dialect.Time(to));
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            // Case-insensitive on both databases (LIKE in SQLite, ILIKE in PostgreSQL).
            var like = dialect.CaseInsensitiveLike;
            where.Append(" AND (number ").Append(like).Append(@" @Text ESCAPE '\' OR content ").Append(like)
                .Append(@" @Text ESCAPE '\' OR complainant_name ").Append(like).Append(@" @Text ESCAPE '\' OR address ").Append(like)
                .Append(@" @Text ESCAPE '\')");
            parameters.Add("Text", "%" + EscapeLike(query.Text.Trim()) + "%");
        }

        parameters.Add("Limit", query.PageSize);
        parameters.Add("Offset", (query.Page - 1) * query.PageSize);
        return (where.ToString(), parameters);
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
