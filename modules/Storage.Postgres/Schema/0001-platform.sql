-- The platform's tables (the same shape as the embedded SQLite store; times are timestamptz, event times keep
-- their ISO 8601 text so that the offset and every tick read back exactly as written).
CREATE TABLE IF NOT EXISTS case_events (
    tenant text NOT NULL,
    number text NOT NULL,
    seq integer NOT NULL,
    type text NOT NULL,
    at text NOT NULL,
    actor text NOT NULL,
    data text NOT NULL,
    PRIMARY KEY (tenant, number, seq));

CREATE TABLE IF NOT EXISTS cases (
    tenant text NOT NULL,
    number text NOT NULL,
    last_seq integer NOT NULL,
    channel text NOT NULL,
    kind text NOT NULL,
    category text,
    status text NOT NULL,
    department text,
    content text NOT NULL,
    complainant_name text,
    complainant_phone_masked text,
    address text,
    external_id text,
    recomplaint_of text,
    received_at timestamptz NOT NULL,
    registered_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    closed_at timestamptz,
    satisfaction text,
    redispatches integer NOT NULL DEFAULT 0,
    next_due_at timestamptz,
    overdue boolean NOT NULL DEFAULT false,
    wake_at timestamptz,
    PRIMARY KEY (tenant, number));
CREATE INDEX IF NOT EXISTS ix_cases_wake ON cases (wake_at) WHERE wake_at IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ux_cases_intake ON cases (tenant, channel, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_cases_registered ON cases (tenant, registered_at);
CREATE INDEX IF NOT EXISTS ix_cases_status ON cases (tenant, status, registered_at);
CREATE INDEX IF NOT EXISTS ix_cases_department ON cases (tenant, department, registered_at);
CREATE INDEX IF NOT EXISTS ix_cases_overdue ON cases (tenant, registered_at) WHERE overdue;

CREATE TABLE IF NOT EXISTS notifications (
    id text NOT NULL PRIMARY KEY,
    tenant text NOT NULL,
    recipient text NOT NULL,
    number text NOT NULL,
    type text NOT NULL,
    clock text,
    due_at timestamptz,
    at timestamptz NOT NULL,
    message text NOT NULL);
CREATE INDEX IF NOT EXISTS ix_notifications_recipient ON notifications (tenant, recipient, at);

CREATE TABLE IF NOT EXISTS breaches (
    tenant text NOT NULL,
    number text NOT NULL,
    clock text NOT NULL,
    due_at timestamptz NOT NULL,
    department text,
    breached_at timestamptz NOT NULL,
    points integer NOT NULL,
    fine numeric NOT NULL,
    PRIMARY KEY (tenant, number, clock, due_at));
CREATE INDEX IF NOT EXISTS ix_breaches_at ON breaches (tenant, breached_at);

CREATE TABLE IF NOT EXISTS calendar_years (
    year integer NOT NULL PRIMARY KEY,
    schedule text NOT NULL);

CREATE TABLE IF NOT EXISTS number_blocks (
    tenant text NOT NULL,
    year integer NOT NULL,
    next bigint NOT NULL,
    PRIMARY KEY (tenant, year));
