-- Version 6: users kept in the store (tenant NULL: a platform operator), their passwords as KDF hashes only, and
-- refresh tokens as hashes of their values, chained in families (rotation; a reused one revokes its family).
CREATE TABLE users (
    tenant TEXT, login TEXT NOT NULL, display_name TEXT NOT NULL, role TEXT NOT NULL, department TEXT,
    password_hash TEXT NOT NULL, enabled INTEGER NOT NULL DEFAULT 1, security_stamp TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until INTEGER,
    created_at INTEGER NOT NULL, changed_at INTEGER NOT NULL);
CREATE UNIQUE INDEX ux_users_login ON users (COALESCE(tenant, ''), login);
CREATE INDEX ix_users_changed ON users (changed_at);
CREATE TABLE refresh_tokens (
    hash TEXT NOT NULL PRIMARY KEY, tenant TEXT, login TEXT NOT NULL, family TEXT NOT NULL,
    expires_at INTEGER NOT NULL, revoked_at INTEGER) WITHOUT ROWID;
CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family);
CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (login, tenant);
