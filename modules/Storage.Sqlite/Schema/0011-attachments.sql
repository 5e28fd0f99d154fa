-- Attachments (附件): one metadata row per file of a case, written in the transaction of its attachment-added event.
-- The bytes are not here: they are files under the data directory, content-addressed (attachments/ab/cd/{sha256}),
-- written and fsynced before this row refers to them. Times are unix milliseconds, as in the ledger.
CREATE TABLE IF NOT EXISTS attachments (
    tenant TEXT NOT NULL,
    number TEXT NOT NULL,
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    added_by TEXT NOT NULL,
    PRIMARY KEY (tenant, number, id));
CREATE INDEX IF NOT EXISTS ix_attachments_sha256 ON attachments (sha256);
