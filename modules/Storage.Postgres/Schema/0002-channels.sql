-- The channel side: the reply outbox and reply addresses (kept apart from the case so they can be forgotten).
CREATE TABLE IF NOT EXISTS outbox (
    id text PRIMARY KEY,
    tenant text NOT NULL,
    number text NOT NULL,
    channel text NOT NULL,
    external_id text,
    moment text NOT NULL,
    data text NOT NULL,
    created_at timestamptz NOT NULL,
    status text NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    claimed_until timestamptz,
    error text);
CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS ix_outbox_claimed ON outbox (claimed_until) WHERE status = 'sending';

CREATE TABLE IF NOT EXISTS reply_addresses (
    tenant text NOT NULL,
    number text NOT NULL,
    channel text NOT NULL,
    address text NOT NULL,
    PRIMARY KEY (tenant, number));
CREATE INDEX IF NOT EXISTS ix_reply_addresses ON reply_addresses (tenant, channel, address);
