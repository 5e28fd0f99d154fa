namespace Complaints.Storage.Tests;

/// <summary>
/// One open instance of a store implementation, as the contract tests see it: the storage interfaces and a
/// way to close it (disposing it closes the underlying database; closing twice is harmless).
/// </summary>
public sealed class OpenStore : IAsyncDisposable
{
    private readonly Func<ValueTask> _close;
    private bool _closed;

    private OpenStore(ICaseEventStore events, ILedger ledger, ICaseNumberBlocks numbers, IStorageProbe probe, IClockRecords clockRecords, ICalendarYears calendarYears, IChannelOutbox outbox, IReplyAddresses replyAddresses, IUserAccounts users, IReportSnapshots reportSnapshots, Func<ValueTask> close)
    {
        ReportSnapshots = reportSnapshots;
        Users = users;
        Outbox = outbox;
        ReplyAddresses = replyAddresses;
        ClockRecords = clockRecords;
        CalendarYears = calendarYears;
        Events = events;
        Ledger = ledger;
        Numbers = numbers;
        Probe = probe;
        _close = close;
    }

    public ICaseEventStore Events { get; }

    public ILedger Ledger { get; }

    public ICaseNumberBlocks Numbers { get; }

    public IStorageProbe Probe { get; }

    public IClockRecords ClockRecords { get; }

    public ICalendarYears CalendarYears { get; }

    public IChannelOutbox Outbox { get; }

    public IReplyAddresses ReplyAddresses { get; }

    public IUserAccounts Users { get; }

    public IReportSnapshots ReportSnapshots { get; }

    /// <summary>The attachments' metadata rows (the store itself).</summary>
    public IAttachments Attachments => (IAttachments)Events;

    /// <summary>The attachments' contents: files under a folder (embedded) or the database's table (cluster).</summary>
    public IAttachmentContents Contents { get; init; } = null!;

    public static OpenStore Of<TStore>(TStore store, Func<ValueTask> close, IAttachmentContents contents)
        where TStore : ICaseEventStore, ILedger, ICaseNumberBlocks, IStorageProbe, IClockRecords, ICalendarYears, IChannelOutbox, IReplyAddresses, IUserAccounts, IReportSnapshots, IAttachments =>
        new(store, store, store, store, store, store, store, store, store, store, close) { Contents = contents };

    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        await _close();
    }
}
