-- The reports the platform produced on its schedule (daily lists, monthly and quarterly reports), kept as produced:
-- the JSON of every section (text, not jsonb, so it reads back byte for byte as produced) and the one .xlsx workbook,
-- written once and never updated (a later change to a case never changes what was reported). A period is produced
-- once per tenant, whichever host produces it: the unique key (tenant, kind, period_from) refuses the second. Periods
-- are China dates as yyyy-MM-dd (as in SQLite; they sort as dates). The trigger makes the rows immutable in the
-- database itself.
CREATE TABLE IF NOT EXISTS report_snapshots (
    tenant text NOT NULL,
    id text NOT NULL,
    kind text NOT NULL,
    period_from text NOT NULL,
    period_to text NOT NULL,
    produced_at timestamptz NOT NULL,
    content text NOT NULL,
    workbook bytea NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS ux_report_snapshots_period ON report_snapshots (tenant, kind, period_from);
CREATE UNIQUE INDEX IF NOT EXISTS ux_report_snapshots_id ON report_snapshots (tenant, id);
CREATE OR REPLACE FUNCTION report_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN RAISE EXCEPTION 'report snapshots are immutable'; END; $$;
DROP TRIGGER IF EXISTS report_snapshots_never_changed ON report_snapshots;
CREATE TRIGGER report_snapshots_never_changed BEFORE UPDATE OR DELETE ON report_snapshots
    FOR EACH ROW EXECUTE FUNCTION report_snapshots_immutable();

-- When each tenant's schedule started (its first run, kept): periods that fell due before that day are never produced.
CREATE TABLE IF NOT EXISTS report_schedules (
    tenant text PRIMARY KEY,
    started_at timestamptz NOT NULL);
