using System.Collections.Concurrent;
using System.Globalization;

namespace Complaints.Channels.Testing;

/// <summary>
/// A stand-in for the host's intake: idempotent on channel + external id like the real one, recording every call.
/// <see cref="Gate"/>, when set, holds submissions until the test opens it (a slow intake without sleeping).
/// </summary>
public sealed class RecordingIntake : IChannelIntake
{
    private readonly ConcurrentDictionary<string, string> _numbers = new(StringComparer.Ordinal);
    private int _next;

    public ConcurrentQueue<IntakeSubmission> Created { get; } = new();

    public ConcurrentQueue<IntakeSubmission> Calls { get; } = new();

    public ConcurrentQueue<(string Tenant, string Channel, string Address)> Forgotten { get; } = new();

    public TaskCompletionSource? Gate { get; set; }

    public async Task<IntakeReceipt> SubmitAsync(IntakeSubmission submission, CancellationToken cancellationToken = default)
    {
        Calls.Enqueue(submission);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(submission.Content))
        {
            return new IntakeReceipt(IntakeStatus.Refused, null, "empty", "content");
        }

        var created = false;
        var number = _numbers.GetOrAdd($"{submission.Tenant}|{submission.Channel}|{submission.ExternalId}", _ =>
        {
            created = true;
            return "T" + Interlocked.Increment(ref _next).ToString("00000", CultureInfo.InvariantCulture);
        });
        if (created)
        {
            Created.Enqueue(submission);
        }

        return new IntakeReceipt(created ? IntakeStatus.Created : IntakeStatus.Existing, number);
    }

    public Task<CaseSnapshot?> FindAsync(string tenant, string number, CancellationToken cancellationToken = default) => Task.FromResult<CaseSnapshot?>(null);

    public Task<int> ForgetReplyAddressAsync(string tenant, string channel, string address, CancellationToken cancellationToken = default)
    {
        Forgotten.Enqueue((tenant, channel, address));
        return Task.FromResult(1);
    }

    public Task PublishNoticeAsync(string tenant, string audience, string text, string? number = null, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
