-- The ledger's columns for the reports (台账, statistics, scorecards; seed 000 art. 13, seed 001 §6 and §8, seed 004
-- annex): who the complaint is about, where, when it was first dispatched, its handling deadline, the result, the latest
-- callback and how many, and whether a resolution clock was ever breached (the reports' "overdue").
ALTER TABLE cases ADD COLUMN target_type TEXT;
ALTER TABLE cases ADD COLUMN target_name TEXT;
ALTER TABLE cases ADD COLUMN location TEXT;
ALTER TABLE cases ADD COLUMN dispatched_at INTEGER;
ALTER TABLE cases ADD COLUMN resolution_due_at INTEGER;
ALTER TABLE cases ADD COLUMN result TEXT;
ALTER TABLE cases ADD COLUMN callback_at INTEGER;
ALTER TABLE cases ADD COLUMN callbacks INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN resolution_breached INTEGER NOT NULL DEFAULT 0;
-- Existing cases, from their history as the code derives it (CaseState). Event times are ISO 8601 text, ledger times
-- unix milliseconds.
UPDATE cases SET
    kind = COALESCE((SELECT json_extract(e.data, '$.kind') FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type IN ('accepted', 'reclassified') AND json_extract(e.data, '$.kind') IS NOT NULL ORDER BY e.seq DESC LIMIT 1), kind),
    target_type = (SELECT json_extract(e.data, '$.target.type') FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type IN ('registered', 'accepted', 'reclassified') AND json_extract(e.data, '$.target') IS NOT NULL ORDER BY e.seq DESC LIMIT 1),
    target_name = (SELECT json_extract(e.data, '$.target.name') FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type IN ('registered', 'accepted', 'reclassified') AND json_extract(e.data, '$.target') IS NOT NULL ORDER BY e.seq DESC LIMIT 1),
    location = (SELECT json_extract(e.data, '$.location') FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.seq = 1),
    dispatched_at = (SELECT CAST(ROUND((julianday(e.at) - 2440587.5) * 86400000) AS INTEGER) FROM case_events e
        WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.type = 'dispatched' ORDER BY e.seq LIMIT 1),
    resolution_due_at = (SELECT CAST(ROUND((julianday(json_extract(e.data, '$.dueAt')) - 2440587.5) * 86400000) AS INTEGER) FROM case_events e
        WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.type IN ('clock-started', 'clock-rescheduled')
        AND json_extract(e.data, '$.name') = 'resolution' ORDER BY e.seq DESC LIMIT 1),
    -- The result of the current round: a re-dispatch starts a new one without a result.
    result = (SELECT json_extract(e.data, '$.result') FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type = 'result-reported' AND e.seq > COALESCE((SELECT MAX(r.seq) FROM case_events r WHERE r.tenant = cases.tenant
            AND r.number = cases.number AND r.type IN ('redispatched', 'escalated')), 0)
        ORDER BY e.seq DESC LIMIT 1),
    callback_at = (SELECT CAST(ROUND((julianday(e.at) - 2440587.5) * 86400000) AS INTEGER) FROM case_events e
        WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.type = 'callback-recorded' ORDER BY e.seq DESC LIMIT 1),
    callbacks = (SELECT COUNT(*) FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.type = 'callback-recorded'),
    resolution_breached = EXISTS (SELECT 1 FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type = 'clock-breached' AND json_extract(e.data, '$.name') = 'resolution');
-- Statistics and scorecards group a period's cases by these.
CREATE INDEX IF NOT EXISTS ix_cases_category ON cases (tenant, category, registered_at);
CREATE INDEX IF NOT EXISTS ix_cases_handler ON cases (tenant, handler, registered_at) WHERE handler IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_breaches_person ON breaches (tenant, person, breached_at) WHERE person IS NOT NULL;
