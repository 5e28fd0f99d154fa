using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>The case page's related cases (<see cref="IRelatedCases"/>): the same SQL on both databases.</summary>
public abstract partial class RelationalCaseStore : IRelatedCases
{
    public async Task<IReadOnlyList<LedgerRow>> CasesAsync(string tenant, IReadOnlyCollection<string> numbers, string? department, CancellationToken cancellationToken = default)
    {
        if (numbers.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(
            $"SELECT * FROM cases WHERE tenant = @tenant AND {Dialect.IsAnyOf("number", "numbers")}" +
            (department is null ? "" : " AND department = @department") +
            " ORDER BY registered_at, number",
            new { tenant, numbers = numbers.ToArray(), department },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToLedgerRow(Dialect))];
    }

    public async Task<IReadOnlyList<LedgerRow>> SameCallerAsync(
        string tenant, string number, string phoneMasked, string name, string? department, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<CaseRow>(new CommandDefinition(
            "SELECT * FROM cases WHERE tenant = @tenant AND complainant_phone_masked = @phoneMasked AND complainant_name = @name AND number <> @number" +
            (department is null ? "" : " AND department = @department") +
            " ORDER BY registered_at DESC, number LIMIT @limit",
            new { tenant, number, phoneMasked, name, department, limit },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToLedgerRow(Dialect))];
    }
}
