using System.Threading.Channels;
using Orleans;
using Orleans.Runtime;

namespace Complaints.Reminders.Tests;

/// <summary>A grain that keeps one reminder, "probe", and reports every tick to <see cref="TickRecorder"/>.</summary>
public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task Register(TimeSpan dueTime, TimeSpan period);

    Task<bool> IsRegistered();

    Task Unregister();
}

/// <summary>Ticks delivered to probe grains, for the test to wait on instead of sleeping.</summary>
public sealed class TickRecorder
{
    private readonly Channel<Tick> _ticks = Channel.CreateUnbounded<Tick>();

    public ChannelReader<Tick> Ticks => _ticks.Reader;

    public void Record(Tick tick) => _ticks.Writer.TryWrite(tick);
}

/// <summary>One delivered tick.</summary>
public sealed record Tick(string Grain, string Reminder, TickStatus Status);

public sealed class ReminderProbeGrain(TickRecorder recorder) : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    public Task Register(TimeSpan dueTime, TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, dueTime, period);

    public async Task<bool> IsRegistered() => await this.GetReminder(ReminderName) is not null;

    public async Task Unregister()
    {
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        recorder.Record(new Tick(this.GetPrimaryKeyString(), reminderName, status));
        return Task.CompletedTask;
    }
}
