namespace Complaints.Storage;

/// <summary>
/// One file of a case as its metadata row keeps it (table <c>attachments</c>): written in the same transaction as the
/// <c>attachment-added</c> event, after the content itself is durable in <see cref="IAttachmentContents"/>.
/// <see cref="AddedBy"/> is the user, or <c>channel:{id}</c> for a file that came with a channel's item.
/// </summary>
public sealed record AttachmentRecord(
    string Tenant,
    string Number,
    string Id,
    string Name,
    string ContentType,
    long Size,
    string Sha256,
    DateTimeOffset AddedAt,
    string AddedBy);

/// <summary>The files cases refer to (reads; rows are written by <see cref="ICaseEventStore.AppendAsync"/>).</summary>
public interface IAttachments
{
    /// <summary>The case's files in the order they were added.</summary>
    Task<IReadOnlyList<AttachmentRecord>> ListAsync(string tenant, string number, CancellationToken cancellationToken = default);

    Task<AttachmentRecord?> FindAsync(string tenant, string number, string id, CancellationToken cancellationToken = default);
}

/// <summary>
/// File contents, content-addressed: stored once under their SHA-256 (lowercase hex) however many cases refer to them.
/// Embedded: files under the data directory (<c>attachments/ab/cd/{sha256}</c>), written and fsynced; cluster: a
/// PostgreSQL table. Contents are written before any case refers to them, so a crash in between leaves at most a file
/// nobody refers to, never a case pointing at nothing.
/// </summary>
public interface IAttachmentContents
{
    /// <summary>
    /// Stores <paramref name="content"/> under its SHA-256 and returns that hash once the bytes are durable; storing
    /// the same bytes again writes nothing.
    /// </summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The stored bytes under <paramref name="sha256"/> as a readable stream, or null when none are stored.</summary>
    Task<Stream?> OpenAsync(string sha256, CancellationToken cancellationToken = default);
}

/// <summary>The SHA-256 of contents, as attachments are addressed: 64 lowercase hex digits.</summary>
public static class ContentAddress
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));

    /// <summary>Whether <paramref name="sha256"/> has the shape of an address (nothing else ever names a path).</summary>
    public static bool IsValid(string? sha256) =>
        sha256 is { Length: 64 } && sha256.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
