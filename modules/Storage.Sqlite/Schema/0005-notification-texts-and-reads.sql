-- Version 5: notifications say a text key + arguments (rendered in each reader's language; older rows keep their
-- message), carry the time they were stored (the order in which the notification stream hands them on), and each
-- user's read marks are kept. SQLite cannot add a column with a non-constant default, so the table is rebuilt.
CREATE TABLE notifications_v5 (
    id TEXT NOT NULL PRIMARY KEY, tenant TEXT NOT NULL, recipient TEXT NOT NULL, number TEXT NOT NULL,
    type TEXT NOT NULL, clock TEXT, due_at INTEGER, at INTEGER NOT NULL, message TEXT NOT NULL,
    text_key TEXT, text_args TEXT,
    stored_at INTEGER NOT NULL DEFAULT (CAST(ROUND((julianday('now') - 2440587.5) * 86400000.0) AS INTEGER)));
INSERT INTO notifications_v5 (id, tenant, recipient, number, type, clock, due_at, at, message, stored_at)
    SELECT id, tenant, recipient, number, type, clock, due_at, at, message, at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v5 RENAME TO notifications;
CREATE INDEX ix_notifications_recipient ON notifications (tenant, recipient, at);
CREATE INDEX ix_notifications_stored ON notifications (tenant, stored_at);
CREATE TABLE notification_reads (
    tenant TEXT NOT NULL, reader TEXT NOT NULL, id TEXT NOT NULL, read_at INTEGER NOT NULL,
    PRIMARY KEY (tenant, reader, id)) WITHOUT ROWID;
