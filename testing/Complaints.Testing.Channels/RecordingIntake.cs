using System.Collections.Concurrent;
using System.Globalization;
using Complaints.Channels;

namespace Complaints.Testing.Channels;

/// <summary>
/// A stand-in for the host's intake, recording every call: idempotent on tenant + channel + external id like the real
/// one (a repeat answers <c>Existing</c> with the first number), refusing empty content, finding the cases a test puts
/// in with <see cref="AddCase"/>. <see cref="Gate"/>, when set, holds submissions until the test opens it (a slow
/// intake without sleeping).
/// </summary>
public sealed class RecordingIntake : IChannelIntake
{
    private readonly Dictionary<string, string> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Tenant, string Number), CaseSnapshot> _cases = new();
    private readonly ConcurrentQueue<IntakeSubmission> _calls = new();
    private readonly ConcurrentQueue<IntakeSubmission> _created = new();
    private readonly ConcurrentQueue<(string Tenant, string Channel, string Address)> _forgotten = new();
    private readonly ConcurrentQueue<(string Tenant, string Audience, string Text, string? Number)> _notices = new();

    /// <summary>Every submission, in order, whatever its answer.</summary>
    public IReadOnlyList<IntakeSubmission> Calls => [.. _calls];

    /// <summary>Every submission that created a case, in order.</summary>
    public IReadOnlyList<IntakeSubmission> Created => [.. _created];

    /// <summary>Every reply address a plugin asked to forget.</summary>
    public IReadOnlyList<(string Tenant, string Channel, string Address)> Forgotten => [.. _forgotten];

    public IReadOnlyList<(string Tenant, string Audience, string Text, string? Number)> Notices => [.. _notices];

    public TaskCompletionSource? Gate { get; set; }

    /// <summary>The tenant's limits on files a plugin is told (the host's defaults unless a test sets others).</summary>
    public IntakeAttachmentLimits Limits { get; set; } = IntakeAttachmentLimits.Default;

    public IntakeAttachmentLimits AttachmentLimits(string tenant) => Limits;

    public void AddCase(CaseSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _cases[(snapshot.Tenant, snapshot.Number)] = snapshot;
    }

    public async Task<IntakeReceipt> SubmitAsync(IntakeSubmission submission, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submission);
        _calls.Enqueue(submission);
        if (Gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(submission.Content))
        {
            return new IntakeReceipt(IntakeStatus.Refused, null, "empty", "content");
        }

        var key = $"{submission.Tenant}|{submission.Channel}|{submission.ExternalId}";
        lock (_numbers)
        {
            if (_numbers.TryGetValue(key, out var existing))
            {
                return new IntakeReceipt(IntakeStatus.Existing, existing);
            }

            var number = "T" + (_numbers.Count + 1).ToString("00000", CultureInfo.InvariantCulture);
            _numbers[key] = number;
            _created.Enqueue(submission);
            return new IntakeReceipt(IntakeStatus.Created, number);
        }
    }

    public Task<CaseSnapshot?> FindAsync(string tenant, string number, CancellationToken cancellationToken = default) =>
        Task.FromResult(_cases.TryGetValue((tenant, number), out var snapshot) ? snapshot : null);

    public Task<int> ForgetReplyAddressAsync(string tenant, string channel, string address, CancellationToken cancellationToken = default)
    {
        _forgotten.Enqueue((tenant, channel, address));
        return Task.FromResult(1);
    }

    public Task PublishNoticeAsync(string tenant, string audience, string text, string? number = null, CancellationToken cancellationToken = default)
    {
        _notices.Enqueue((tenant, audience, text, number));
        return Task.CompletedTask;
    }
}
