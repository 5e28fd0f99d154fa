using Npgsql;

namespace Complaints.Storage.Postgres;

/// <summary>
/// Attachment contents in the cluster's database (table <c>attachment_contents</c>, one row per SHA-256, bytea), so
/// every host reads the files any host took in. A put is its own committed statement: durable when it returns, before
/// the case's append refers to it.
/// </summary>
public sealed class PostgresAttachmentContents(NpgsqlDataSource dataSource) : IAttachmentContents
{
    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var sha256 = ContentAddress.Of(content.Span);
        await using var command = dataSource.CreateCommand(
            "INSERT INTO attachment_contents (sha256, size, content) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = content.Length });
        command.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = content });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return sha256;
    }

    public async Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default)
    {
        if (!ContentAddress.IsValid(sha256))
        {
            return null;
        }

        await using var command = dataSource.CreateCommand("SELECT content FROM attachment_contents WHERE sha256 = $1");
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = sha256 });
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? new MemoryStream(bytes, writable: false) : null;
    }
}
