using System.Collections.Concurrent;
using System.Security.Claims;
using Complaints.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Api;

/// <summary>
/// Whether a token's user still stands: it exists, is enabled, and its security stamp is the token's (a disable or a
/// password reset changes the stamp). Checked on every request, so kept in memory: every user's standing, loaded when
/// the host starts, updated at once by this host's own changes (<see cref="Apply"/>) and by polling the store's
/// <c>changed_at</c> for other hosts' every <see cref="LoginOptions.StandingRefresh"/> (looking a few seconds
/// back, for late commits and clock skew). A token the view does not accept is checked against the store before it is
/// refused, so a user made or changed on another host since the last poll is not refused wrongly.
/// </summary>
public sealed class UserStanding(IUserAccounts store, UserDirectory directory, IOptions<LoginOptions> options, ILogger<UserStanding> logger) : BackgroundService
{
    private static readonly TimeSpan LookBack = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<(string Tenant, string Name), Standing> _users = new();
    private DateTimeOffset _seen = DateTimeOffset.MinValue;

    /// <summary>Adds the configured users the store lacks, then loads every user's standing, before the host serves.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var user in directory.Configured)
        {
            if (await store.AddUserAsync(user, cancellationToken))
            {
                logger.LogInformation("Added the configured user {Login} ({Role}) to the store", UserDirectory.LoginOf(user.Tenant, user.Login), user.Role);
            }
        }

        await RefreshAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>A change made on this host: effective here at once.</summary>
    public void Apply(UserAccount user) =>
        _users.AddOrUpdate((user.Tenant ?? "", user.Login), new Standing(user.Enabled, user.SecurityStamp, user.ChangedAt), (_, old) => old.ChangedAt > user.ChangedAt ? old : new Standing(user.Enabled, user.SecurityStamp, user.ChangedAt));

    /// <summary>True when the token's user exists (a demo user in demo mode, or a user of the store), is enabled and its stamp is the token's.</summary>
    public async ValueTask<bool> StandsAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var (tenant, name, stamp) = UserDirectory.KeyOf(principal);
        if (stamp is null)
        {
            return false;
        }

        if (stamp == UserDirectory.DemoStamp)
        {
            return directory.Demo(UserDirectory.LoginOf(tenant, name)) is { } demo && demo.Tenant == tenant;
        }

        if (_users.TryGetValue((tenant ?? "", name), out var known) && known.Enabled && known.Stamp == stamp)
        {
            return true;
        }

        // Unknown here, or refused: the store may know of a change made on another host since the last poll.
        if (await store.FindUserAsync(tenant, name, cancellationToken) is not { } user)
        {
            return false;
        }

        Apply(user);
        return user.Enabled && user.SecurityStamp == stamp;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.StandingRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Could not read the users' changes; trying again");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var since = _seen == DateTimeOffset.MinValue ? _seen : _seen - LookBack;
        foreach (var user in await store.ChangedSinceAsync(since, cancellationToken))
        {
            Apply(user);
            if (user.ChangedAt > _seen)
            {
                _seen = user.ChangedAt;
            }
        }
    }

    private sealed record Standing(bool Enabled, string Stamp, DateTimeOffset ChangedAt);
}
