using System.Collections.Concurrent;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Complaints.Channels.Mailbox;

/// <summary>
/// Polls every tenant's mailbox: one loop per tenant, the first poll at start-up, at most <c>MaxPerPoll</c> messages per
/// poll. A message is marked processed (flagged \Seen, or moved to <c>ProcessedFolder</c>) only after the intake
/// answered it with a case; until then it stays unread and comes back at the next poll (the intake is idempotent on
/// its Message-ID, so a message registered just before a lost connection becomes no second case). A message the intake
/// refuses is flagged (\Flagged) and left unread for a person to read, and is not offered again.
/// An unreachable server is one warning when it goes down and one line when it is back, not a stack trace per poll;
/// the health entry <c>mailbox</c> says which tenants' mailboxes are unreachable.
/// </summary>
internal sealed partial class MailboxPoller(MailboxSettingsCatalog catalog, IChannelIntake intake, TimeProvider time, ILogger<MailboxPoller> logger) : BackgroundService, IHealthCheck
{
    private readonly ConcurrentDictionary<string, string> _down = new(StringComparer.OrdinalIgnoreCase);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(catalog.All.Values.Select(s => LoopAsync(s, stoppingToken)));

    private async Task LoopAsync(MailboxSettings settings, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            try
            {
                var registered = await PollOnceAsync(settings, stoppingToken).ConfigureAwait(false);
                if (_down.TryRemove(settings.Tenant, out _))
                {
                    LogBackUp(settings.Tenant);
                }

                if (registered > 0)
                {
                    LogPolled(settings.Tenant, registered);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The exception's type and message only: its stack says nothing an operator can act on.
                if (_down.TryAdd(settings.Tenant, ex.GetType().Name))
                {
                    LogDown(settings.Tenant, settings.Host, ex.GetType().Name, ex.Message);
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>One poll: connect, register each unread message, mark those registered, disconnect. Returns how many were registered.</summary>
    internal async Task<int> PollOnceAsync(MailboxSettings settings, CancellationToken cancellationToken)
    {
        using var client = new ImapClient { Timeout = (int)settings.Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host, settings.Port, settings.Security, cancellationToken).ConfigureAwait(false);
        await client.AuthenticateAsync(settings.User, settings.Password, cancellationToken).ConfigureAwait(false);
        var folder = string.Equals(settings.Folder, "INBOX", StringComparison.OrdinalIgnoreCase)
            ? client.Inbox
            : await client.GetFolderAsync(settings.Folder, cancellationToken).ConfigureAwait(false);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
        var processed = settings.ProcessedFolder is { } name ? await client.GetFolderAsync(name, cancellationToken).ConfigureAwait(false) : null;

        var options = new ParserOptions { CharsetEncoding = settings.HeaderCharset };
        var unread = await folder.SearchAsync(SearchQuery.NotSeen.And(SearchQuery.NotFlagged), cancellationToken).ConfigureAwait(false);
        var registered = 0;
        foreach (var uid in unread.Take(settings.MaxPerPoll))
        {
            cancellationToken.ThrowIfCancellationRequested();
            MimeMessage message;
            using (var raw = await folder.GetStreamAsync(uid, cancellationToken).ConfigureAwait(false))
            {
                message = await MimeMessage.LoadAsync(options, raw, cancellationToken).ConfigureAwait(false);
            }

            var receipt = await intake.SubmitAsync(MailSubmissions.From(settings, message, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            if (!receipt.Accepted)
            {
                LogRefused(settings.Tenant, uid.Id, receipt.Field, receipt.Problem);
                await folder.AddFlagsAsync(uid, MessageFlags.Flagged, true, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (processed is not null)
            {
                await folder.MoveToAsync(uid, processed, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await folder.AddFlagsAsync(uid, MessageFlags.Seen, true, cancellationToken).ConfigureAwait(false);
            }

            if (receipt.Status == IntakeStatus.Created)
            {
                registered++;
            }
        }

        await client.DisconnectAsync(true, cancellationToken).ConfigureAwait(false);
        return registered;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_down.IsEmpty
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded($"mailbox unreachable for tenant(s) {string.Join(", ", _down.Keys.Order(StringComparer.Ordinal))}"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox poll for tenant {Tenant}: {Count} message(s) registered")]
    private partial void LogPolled(string tenant, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox of tenant {Tenant} at {Host} unreachable ({Error}: {Reason}); polling on, next report when it is back")]
    private partial void LogDown(string tenant, string host, string error, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailbox of tenant {Tenant} reachable again")]
    private partial void LogBackUp(string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mailbox message UID {Uid} of tenant {Tenant} refused by the intake ({Field}: {Problem}); flagged for a person to read")]
    private partial void LogRefused(string tenant, uint uid, string? field, string? problem);
}
