namespace Complaints.Storage.Relational;

/// <summary>
/// The write statements both databases run word for word (Dapper parameters by name; times mapped by the dialect).
/// What differs — the append's claim, bulk inserts, the outbox claim's <c>SKIP LOCKED</c> — stays with each store.
/// </summary>
public static class RelationalQueries
{
    /// <summary>An attachment's metadata row, written in the append that records its <c>attachment-added</c> event.</summary>
    public const string AddAttachment =
        "INSERT INTO attachments (tenant, number, id, name, content_type, size, sha256, added_at, added_by) VALUES (@Tenant, @Number, @Id, @Name, @ContentType, @Size, @Sha256, @AddedAt, @AddedBy)";

    public const string SaveReplyAddress =
        "INSERT INTO reply_addresses (tenant, number, channel, address) VALUES (@Tenant, @Number, @Channel, @Address) ON CONFLICT (tenant, number) DO UPDATE SET channel = excluded.channel, address = excluded.address";

    public const string ForgetReplyAddress =
        "DELETE FROM reply_addresses WHERE tenant = @Tenant AND channel = @Channel AND address = @Address";

    /// <summary>A claim that outlived its lease: its host died mid-send, and the send may have gone through.</summary>
    public const string FailExpiredClaims =
        "UPDATE outbox SET status = 'failed', error = 'interrupted while sending; not sent again' WHERE status = 'sending' AND claimed_until < @At";

    public const string SettleOutbox =
        "UPDATE outbox SET status = @Status, attempts = @Attempts, next_attempt_at = COALESCE(@Next, next_attempt_at), claimed_until = NULL, error = @Error WHERE id = @Id";

    /// <summary>A notification whose id is stored already is kept as it is: a fixed id makes a notice once-only across hosts.</summary>
    public const string AddNotification =
        "INSERT INTO notifications (id, tenant, recipient, number, type, clock, due_at, at, message, text_key, text_args) VALUES (@Id, @Tenant, @Recipient, @Number, @Type, @Clock, @DueAt, @At, @Message, @TextKey, @TextArgs) ON CONFLICT (id) DO NOTHING";

    public const string SaveCalendarYear =
        "INSERT INTO calendar_years (year, schedule) VALUES (@Year, @Schedule) ON CONFLICT (year) DO UPDATE SET schedule = excluded.schedule";
}
