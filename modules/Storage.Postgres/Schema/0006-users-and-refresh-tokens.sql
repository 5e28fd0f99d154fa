-- Users kept in the store (tenant NULL: a platform operator), their passwords as KDF hashes only, and refresh tokens
-- as hashes of their values, chained in families (rotation; a reused one revokes its family).
CREATE TABLE IF NOT EXISTS users (
    tenant text,
    login text NOT NULL,
    display_name text NOT NULL,
    role text NOT NULL,
    department text,
    password_hash text NOT NULL,
    enabled boolean NOT NULL DEFAULT true,
    security_stamp text NOT NULL,
    failed_attempts integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_at timestamptz NOT NULL,
    changed_at timestamptz NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS ux_users_login ON users ((COALESCE(tenant, '')), login);
CREATE INDEX IF NOT EXISTS ix_users_changed ON users (changed_at);

CREATE TABLE IF NOT EXISTS refresh_tokens (
    hash text PRIMARY KEY,
    tenant text,
    login text NOT NULL,
    family text NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz);
CREATE INDEX IF NOT EXISTS ix_refresh_tokens_family ON refresh_tokens (family);
CREATE INDEX IF NOT EXISTS ix_refresh_tokens_user ON refresh_tokens (login, tenant);
