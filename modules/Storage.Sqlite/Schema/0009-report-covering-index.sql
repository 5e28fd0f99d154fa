-- Statistics and scorecards sum a period's ledger rows by a handful of columns: with them all in one index on
-- (tenant, registered_at) the database reads the index alone, not each row beside it (a month of a million-case ledger
-- in well under a second; docs/benchmarks.md). Kept current by every ledger write, like the other indexes.
CREATE INDEX IF NOT EXISTS ix_cases_report ON cases (tenant, registered_at, status, category, department, channel, kind,
    target_type, handler, resolution_breached, callbacks, satisfaction, redispatches, recomplaint_of, resolution_due_at,
    closed_at, overdue);
