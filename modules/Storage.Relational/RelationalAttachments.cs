using System.Globalization;
using Dapper;

namespace Complaints.Storage.Relational;

/// <summary>The attachments' metadata reads (<see cref="IAttachments"/>): the same SQL on both databases.</summary>
public abstract partial class RelationalCaseStore : IAttachments
{
    private const string AttachmentColumns = "tenant, number, id, name, content_type, size, sha256, added_at, added_by";

    public async Task<IReadOnlyList<AttachmentRecord>> ListAsync(string tenant, string number, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var rows = await connection.QueryAsync<AttachmentRow>(new CommandDefinition(
            $"SELECT {AttachmentColumns} FROM attachments WHERE tenant = @tenant AND number = @number ORDER BY added_at, id",
            new { tenant, number },
            cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToRecord(Dialect))];
    }

    public async Task<AttachmentRecord?> FindAsync(string tenant, string number, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReadAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<AttachmentRow>(new CommandDefinition(
            $"SELECT {AttachmentColumns} FROM attachments WHERE tenant = @tenant AND number = @number AND id = @id",
            new { tenant, number, id },
            cancellationToken: cancellationToken));
        return row?.ToRecord(Dialect);
    }
}

/// <summary>An <c>attachments</c> row as Dapper reads it (properties named as the columns; times mapped by the dialect).</summary>
internal sealed class AttachmentRow
{
    public string tenant { get; set; } = "";
    public string number { get; set; } = "";
    public string id { get; set; } = "";
    public string name { get; set; } = "";
    public string content_type { get; set; } = "";
    public object size { get; set; } = 0L;
    public string sha256 { get; set; } = "";
    public object added_at { get; set; } = 0L;
    public string added_by { get; set; } = "";

    public AttachmentRecord ToRecord(RelationalDialect dialect) =>
        new(tenant, number, id, name, content_type, Convert.ToInt64(size, CultureInfo.InvariantCulture), sha256, dialect.ReadTime(added_at), added_by);
}
