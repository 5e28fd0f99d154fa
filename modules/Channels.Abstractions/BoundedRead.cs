namespace Complaints.Channels;

/// <summary>Reading a body of unknown or untrusted length (an upload, a downloaded file) without holding more than a bound.</summary>
public static class BoundedRead
{
    /// <summary>
    /// The stream's bytes, or null as soon as there are more than <paramref name="limit"/>: counted while reading, so a
    /// missing or false length never makes the reader hold more.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
