-- The ledger's columns for the reports (台账, statistics, scorecards; seed 000 art. 13, seed 001 §6 and §8, seed 004
-- annex): who the complaint is about, where, when it was first dispatched, its handling deadline, the result, the latest
-- callback and how many, and whether a resolution clock was ever breached (the reports' "overdue").
ALTER TABLE cases ADD COLUMN IF NOT EXISTS target_type text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS target_name text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS location text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS dispatched_at timestamptz;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS resolution_due_at timestamptz;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS result text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS callback_at timestamptz;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS callbacks integer NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS resolution_breached boolean NOT NULL DEFAULT false;
-- Existing cases, from their history as the code derives it (CaseState).
UPDATE cases SET
    kind = COALESCE((SELECT e.data::jsonb ->> 'kind' FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type IN ('accepted', 'reclassified') AND e.data::jsonb ->> 'kind' IS NOT NULL ORDER BY e.seq DESC LIMIT 1), kind),
    target_type = (SELECT e.data::jsonb -> 'target' ->> 'type' FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type IN ('registered', 'accepted', 'reclassified') AND jsonb_typeof(e.data::jsonb -> 'target') = 'object' ORDER BY e.seq DESC LIMIT 1),
    target_name = (SELECT e.data::jsonb -> 'target' ->> 'name' FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type IN ('registered', 'accepted', 'reclassified') AND jsonb_typeof(e.data::jsonb -> 'target') = 'object' ORDER BY e.seq DESC LIMIT 1),
    location = (SELECT e.data::jsonb ->> 'location' FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.seq = 1),
    dispatched_at = (SELECT e.at::timestamptz FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.type = 'dispatched'
        ORDER BY e.seq LIMIT 1),
    resolution_due_at = (SELECT (e.data::jsonb ->> 'dueAt')::timestamptz FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type IN ('clock-started', 'clock-rescheduled') AND e.data::jsonb ->> 'name' = 'resolution' ORDER BY e.seq DESC LIMIT 1),
    -- The result of the current round: a re-dispatch starts a new one without a result.
    result = (SELECT e.data::jsonb ->> 'result' FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type = 'result-reported' AND e.seq > COALESCE((SELECT MAX(r.seq) FROM case_events r WHERE r.tenant = cases.tenant
            AND r.number = cases.number AND r.type IN ('redispatched', 'escalated')), 0)
        ORDER BY e.seq DESC LIMIT 1),
    callback_at = (SELECT e.at::timestamptz FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.type = 'callback-recorded'
        ORDER BY e.seq DESC LIMIT 1),
    callbacks = (SELECT COUNT(*) FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.type = 'callback-recorded'),
    resolution_breached = EXISTS (SELECT 1 FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type = 'clock-breached' AND e.data::jsonb ->> 'name' = 'resolution');
-- Statistics and scorecards group a period's cases by these.
CREATE INDEX IF NOT EXISTS ix_cases_category ON cases (tenant, category, registered_at);
CREATE INDEX IF NOT EXISTS ix_cases_handler ON cases (tenant, handler, registered_at) WHERE handler IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_breaches_person ON breaches (tenant, person, breached_at) WHERE person IS NOT NULL;
