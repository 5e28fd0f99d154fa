-- Notifications say a text key + arguments (rendered in each reader's language; older rows keep their message),
-- carry the database's time of their insert (the order in which the notification stream hands them on; clock time,
-- not the transaction's start, so a long transaction does not hide its rows behind later ones), and each user's read
-- marks are kept.
ALTER TABLE notifications
    ADD COLUMN IF NOT EXISTS text_key text,
    ADD COLUMN IF NOT EXISTS text_args text,
    ADD COLUMN IF NOT EXISTS stored_at timestamptz NOT NULL DEFAULT clock_timestamp();
UPDATE notifications SET stored_at = at WHERE text_key IS NULL;
CREATE INDEX IF NOT EXISTS ix_notifications_stored ON notifications (tenant, stored_at);

CREATE TABLE IF NOT EXISTS notification_reads (
    tenant text NOT NULL,
    reader text NOT NULL,
    id text NOT NULL,
    read_at timestamptz NOT NULL,
    PRIMARY KEY (tenant, reader, id));
