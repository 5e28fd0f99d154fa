using System.Collections.Concurrent;

namespace Complaints.Channels.Testing;

/// <summary>
/// An <see cref="IChannelIntake"/> that keeps what plugins submit, numbers new items, answers <c>Existing</c> for the
/// same tenant + channel + external id, and finds the cases a test puts in with <see cref="AddCase"/>.
/// </summary>
public sealed class RecordingIntake : IChannelIntake
{
    private readonly ConcurrentDictionary<(string Tenant, string Channel, string ExternalId), string> _numbers = new();
    private readonly ConcurrentDictionary<(string Tenant, string Number), CaseSnapshot> _cases = new();
    private readonly ConcurrentQueue<IntakeSubmission> _submissions = new();
    private readonly ConcurrentQueue<(string Tenant, string Audience, string Text, string? Number)> _notices = new();
    private int _next;

    /// <summary>Every submission that created a case, in order.</summary>
    public IReadOnlyList<IntakeSubmission> Created => [.. _submissions];

    public IReadOnlyList<(string Tenant, string Audience, string Text, string? Number)> Notices => [.. _notices];

    public void AddCase(CaseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _cases[(snapshot.Tenant, snapshot.Number)] = snapshot;
    }

    public Task<IntakeReceipt> SubmitAsync(IntakeSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var key = (submission.Tenant, submission.Channel, submission.ExternalId);
        lock (_numbers)
        {
            if (_numbers.TryGetValue(key, out var existing))
            {
                return Task.FromResult(new IntakeReceipt(IntakeStatus.Existing, existing));
            }

            var number = $"T{Interlocked.Increment(ref _next):D6}";
            _numbers[key] = number;
            _submissions.Enqueue(submission);
            return Task.FromResult(new IntakeReceipt(IntakeStatus.Created, number));
        }
    }

    public Task<CaseSnapshot?> FindAsync(string tenant, string number, CancellationToken cancellationToken = default) =>
        Task.FromResult(_cases.TryGetValue((tenant, number), out var snapshot) ? snapshot : null);

    public Task<int> ForgetReplyAddressAsync(string tenant, string channel, string address, CancellationToken cancellationToken = default) =>
        Task.FromResult(0);

    public Task PublishNoticeAsync(string tenant, string audience, string text, string? number = null, CancellationToken cancellationToken = default)
    {
        _notices.Enqueue((tenant, audience, text, number));
        return Task.CompletedTask;
    }
}
