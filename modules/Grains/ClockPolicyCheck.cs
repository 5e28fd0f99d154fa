namespace Complaints.Grains;

/// <summary>Checks every tenant's policy before the silo starts, so a bad policy stops the host, not a case.</summary>
internal sealed class ClockPolicyCheck(TenantClocks clocks) : Microsoft.Extensions.Hosting.IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        clocks.Validate();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
