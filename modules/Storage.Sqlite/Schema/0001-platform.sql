-- Version 1: the schema as the release of 2026-11 made it, before schemas were versioned (statement for statement,
-- so a file that release wrote is recognised as version 1). Never change this script; add a new numbered one.
CREATE TABLE IF NOT EXISTS case_events (
    tenant TEXT NOT NULL, number TEXT NOT NULL, seq INTEGER NOT NULL,
    type TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, data TEXT NOT NULL,
    PRIMARY KEY (tenant, number, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cases (
    tenant TEXT NOT NULL, number TEXT NOT NULL, last_seq INTEGER NOT NULL,
    channel TEXT NOT NULL, kind TEXT NOT NULL, category TEXT, status TEXT NOT NULL, department TEXT,
    content TEXT NOT NULL, complainant_name TEXT, complainant_phone_masked TEXT, address TEXT,
    external_id TEXT, recomplaint_of TEXT,
    received_at INTEGER NOT NULL, registered_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
    closed_at INTEGER, satisfaction TEXT, redispatches INTEGER NOT NULL DEFAULT 0,
    next_due_at INTEGER, overdue INTEGER NOT NULL DEFAULT 0, wake_at INTEGER,
    PRIMARY KEY (tenant, number)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_cases_wake ON cases (wake_at) WHERE wake_at IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS ux_cases_intake ON cases (tenant, channel, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_cases_registered ON cases (tenant, registered_at);
CREATE INDEX IF NOT EXISTS ix_cases_status ON cases (tenant, status, registered_at);
CREATE INDEX IF NOT EXISTS ix_cases_department ON cases (tenant, department, registered_at);
CREATE INDEX IF NOT EXISTS ix_cases_overdue ON cases (tenant, registered_at) WHERE overdue = 1;
CREATE TABLE IF NOT EXISTS notifications (
    id TEXT NOT NULL PRIMARY KEY, tenant TEXT NOT NULL, recipient TEXT NOT NULL, number TEXT NOT NULL,
    type TEXT NOT NULL, clock TEXT, due_at INTEGER, at INTEGER NOT NULL, message TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS ix_notifications_recipient ON notifications (tenant, recipient, at);
CREATE TABLE IF NOT EXISTS breaches (
    tenant TEXT NOT NULL, number TEXT NOT NULL, clock TEXT NOT NULL, due_at INTEGER NOT NULL,
    department TEXT, breached_at INTEGER NOT NULL, points INTEGER NOT NULL, fine TEXT NOT NULL,
    PRIMARY KEY (tenant, number, clock, due_at)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_breaches_at ON breaches (tenant, breached_at);
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT NOT NULL PRIMARY KEY, tenant TEXT NOT NULL, number TEXT NOT NULL, channel TEXT NOT NULL,
    external_id TEXT, moment TEXT NOT NULL, data TEXT NOT NULL, created_at INTEGER NOT NULL,
    status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL,
    claimed_until INTEGER, error TEXT);
CREATE INDEX IF NOT EXISTS ix_outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS ix_outbox_claimed ON outbox (claimed_until) WHERE status = 'sending';
CREATE TABLE IF NOT EXISTS reply_addresses (
    tenant TEXT NOT NULL, number TEXT NOT NULL, channel TEXT NOT NULL, address TEXT NOT NULL,
    PRIMARY KEY (tenant, number)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_reply_addresses ON reply_addresses (tenant, channel, address);
CREATE TABLE IF NOT EXISTS calendar_years (year INTEGER NOT NULL PRIMARY KEY, schedule TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS number_blocks (
    tenant TEXT NOT NULL, year INTEGER NOT NULL, next INTEGER NOT NULL,
    PRIMARY KEY (tenant, year)) WITHOUT ROWID;
-- Orleans reminders (Complaints.Reminders.Sqlite), in the same file. grain_hash is GrainId.GetUniformHashCode()
-- (0 … 2^32-1) for reads by consistent-hash ring range; start_at is UTC ticks, period ticks; etag is new on every upsert.
CREATE TABLE IF NOT EXISTS orleans_reminders (
    service_id TEXT NOT NULL,
    grain_id TEXT NOT NULL,
    reminder_name TEXT NOT NULL,
    grain_hash INTEGER NOT NULL,
    start_at INTEGER NOT NULL,
    period INTEGER NOT NULL,
    etag TEXT NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_orleans_reminders_hash ON orleans_reminders (service_id, grain_hash);
