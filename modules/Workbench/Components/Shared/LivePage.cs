using Microsoft.AspNetCore.Components;

namespace Complaints.Workbench.Components.Shared;

/// <summary>
/// A page that lives on its circuit: once interactive, it ticks every second (<see cref="Now"/> moves, countdowns
/// redraw) and may read what changed (<see cref="OnTickAsync"/>). The timer stops with the circuit.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    [Inject] protected TimeProvider Time { get; set; } = default!;

    protected DateTimeOffset Now { get; private set; }

    protected override void OnInitialized() => Now = Time.GetUtcNow();

    /// <summary>Called every second on the circuit; the page redraws after it.</summary>
    protected virtual Task OnTickAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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
                    await OnTickAsync(_stop.Token);
                    StateHasChanged();
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
