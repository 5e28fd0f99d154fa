-- The ledger's columns for the workbench's queues: whether a running clock has been warned (预警; the countdown's
-- orange, exact), and when a department's extension request (申请延期) was made while it waits for a decision.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS warned boolean NOT NULL DEFAULT false;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS extension_requested_at timestamptz;
-- Existing cases, from their history as the code derives it (CaseState, LedgerRows): a clock stays warned until it
-- breaches, stops or starts again (a new round), or is rescheduled to a warning time still ahead.
UPDATE cases SET warned = true WHERE EXISTS (
    SELECT 1 FROM case_events w WHERE w.tenant = cases.tenant AND w.number = cases.number AND w.type = 'clock-warned'
        AND NOT EXISTS (SELECT 1 FROM case_events l WHERE l.tenant = w.tenant AND l.number = w.number AND l.seq > w.seq
            AND l.data::jsonb ->> 'name' = w.data::jsonb ->> 'name'
            AND (l.type IN ('clock-started', 'clock-stopped', 'clock-breached')
                OR (l.type = 'clock-rescheduled' AND (l.data::jsonb ->> 'warnAt')::timestamptz > l.at::timestamptz))));
-- A request waits until it is decided, or the result, a return or a return to the source ends it.
UPDATE cases SET extension_requested_at = (
    SELECT e.at::timestamptz FROM case_events e
    WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.type = 'extension-requested'
        AND NOT EXISTS (SELECT 1 FROM case_events l WHERE l.tenant = e.tenant AND l.number = e.number AND l.seq > e.seq
            AND l.type IN ('extension-decided', 'result-reported', 'returned', 'returned-to-source'))
    ORDER BY e.seq DESC LIMIT 1)
WHERE EXISTS (SELECT 1 FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.type = 'extension-requested');
-- A queue is one status (or a few) of a tenant, most urgent first: read in order from this index, a million-case
-- ledger answers a page of a queue without sorting it (docs/benchmarks.md).
CREATE INDEX IF NOT EXISTS ix_cases_queue ON cases (tenant, status, next_due_at);
-- The supervisor's boards: the few overdue cases and extension requests, found without reading every open case.
CREATE INDEX IF NOT EXISTS ix_cases_overdue ON cases (tenant, registered_at) WHERE overdue;
CREATE INDEX IF NOT EXISTS ix_cases_extension ON cases (tenant, extension_requested_at) WHERE extension_requested_at IS NOT NULL;
