using Microsoft.AspNetCore.Components;

namespace Complaints.Workbench.Components.Shared;

/// <summary>
/// A page that lives on its circuit: once interactive, it ticks every second (<see cref="Now"/> moves) and may read
/// what changed (<see cref="OnTickAsync"/>); it redraws only when something it shows did. The countdowns tick in the
/// browser (<c>countdowns.js</c>, from the deadline and the instant each was drawn): a queue of 200 rows redrawn every
/// second on every open page was most of what 300 sessions cost the host. The timer stops with the circuit.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    [Inject] protected TimeProvider Time { get; set; } = default!;

    protected DateTimeOffset Now { get; private set; }

    protected override void OnInitialized() => Now = Time.GetUtcNow();

    /// <summary>Called every second on the circuit: true when something the page shows has changed, and it redraws.</summary>
    protected virtual Task<bool> OnTickAsync(CancellationToken cancellationToken) => Task.FromResult(false);

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = TickAsync(); // only an interactive render comes here: a static or prerendered page does not tick
        }
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await InvokeAsync(async () =>
                {
                    Now = Time.GetUtcNow();
                    if (await OnTickAsync(_stop.Token))
                    {
                        StateHasChanged();
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The circuit ended.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }
}
