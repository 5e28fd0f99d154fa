-- Attachments (附件): one metadata row per file of a case, written in the transaction of its attachment-added event,
-- and the files' bytes, content-addressed: one row per distinct SHA-256 (bytea; files are limited per tenant to a few
-- MiB), inserted and committed before any metadata row refers to it, so every host of the cluster reads the same files.
CREATE TABLE IF NOT EXISTS attachments (
    tenant text NOT NULL,
    number text NOT NULL,
    id text NOT NULL,
    name text NOT NULL,
    content_type text NOT NULL,
    size bigint NOT NULL,
    sha256 text NOT NULL,
    added_at timestamptz NOT NULL,
    added_by text NOT NULL,
    PRIMARY KEY (tenant, number, id));
CREATE INDEX IF NOT EXISTS ix_attachments_sha256 ON attachments (sha256);

CREATE TABLE IF NOT EXISTS attachment_contents (
    sha256 text PRIMARY KEY,
    size bigint NOT NULL,
    content bytea NOT NULL,
    stored_at timestamptz NOT NULL DEFAULT now());
