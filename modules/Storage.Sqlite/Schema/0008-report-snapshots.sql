-- Version 8: the reports the platform produced on its schedule (daily lists, monthly and quarterly reports), kept as
-- produced: the JSON of every section and the one .xlsx workbook, written once and never updated (a later change to a
-- case never changes what was reported). A period is produced once per tenant, whichever host produces it: the unique
-- key (tenant, kind, period_from) refuses the second. Periods are China dates as yyyy-MM-dd. The triggers make the
-- rows immutable in the database itself.
CREATE TABLE report_snapshots (
    tenant TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, period_from TEXT NOT NULL, period_to TEXT NOT NULL,
    produced_at INTEGER NOT NULL, content TEXT NOT NULL, workbook BLOB NOT NULL);
CREATE UNIQUE INDEX ux_report_snapshots_period ON report_snapshots (tenant, kind, period_from);
CREATE UNIQUE INDEX ux_report_snapshots_id ON report_snapshots (tenant, id);
CREATE TRIGGER report_snapshots_never_updated BEFORE UPDATE ON report_snapshots
BEGIN SELECT RAISE(ABORT, 'report snapshots are immutable'); END;
CREATE TRIGGER report_snapshots_never_deleted BEFORE DELETE ON report_snapshots
BEGIN SELECT RAISE(ABORT, 'report snapshots are immutable'); END;
-- When each tenant's schedule started (its first run, kept): periods that fell due before that day are never produced.
CREATE TABLE report_schedules (
    tenant TEXT NOT NULL PRIMARY KEY, started_at INTEGER NOT NULL) WITHOUT ROWID;
