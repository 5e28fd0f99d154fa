namespace Complaints.Storage;

/// <summary>Answers whether the store can take work now (for <c>/health</c>).</summary>
public interface IStorageProbe
{
    Task PingAsync(CancellationToken cancellationToken = default);
}
