-- Statistics and scorecards sum a period's ledger rows by a handful of columns: with them all in one index on
-- (tenant, registered_at) the database can read the index alone (an index-only scan), not each row beside it.
CREATE INDEX IF NOT EXISTS ix_cases_report ON cases (tenant, registered_at) INCLUDE (status, category, department, channel,
    kind, target_type, handler, resolution_breached, callbacks, satisfaction, redispatches, recomplaint_of, resolution_due_at,
    closed_at, overdue);
