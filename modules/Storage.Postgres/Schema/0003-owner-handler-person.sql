-- Person-level responsibility (首问负责 and the handling person, seed 002; fines to the person, seed 001 §8): the ledger
-- row names the case's first-contact owner and its handler, a breach the person it is charged to.
ALTER TABLE cases ADD COLUMN IF NOT EXISTS owner text;
ALTER TABLE cases ADD COLUMN IF NOT EXISTS handler text;
ALTER TABLE breaches ADD COLUMN IF NOT EXISTS person text;
-- Existing cases, from their history as the code derives it (CaseState): the owner is who registered the case, or for
-- an item a channel or the system registered, the first desk person who accepted, rejected, answered or dispatched it.
UPDATE cases SET owner = COALESCE(
    (SELECT e.actor FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.seq = 1
        AND e.actor <> 'system' AND e.actor NOT LIKE 'channel:%'),
    (SELECT e.actor FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number
        AND e.type IN ('accepted', 'rejected', 'answered', 'dispatched') ORDER BY e.seq LIMIT 1),
    (SELECT e.actor FROM case_events e WHERE e.tenant = cases.tenant AND e.number = cases.number AND e.seq = 1));
-- The handler signed in the current round: after the latest return or re-dispatch.
UPDATE cases SET handler = (
    SELECT s.actor FROM case_events s WHERE s.tenant = cases.tenant AND s.number = cases.number AND s.type = 'signed'
        AND s.seq > COALESCE((SELECT MAX(r.seq) FROM case_events r WHERE r.tenant = cases.tenant AND r.number = cases.number
            AND r.type IN ('returned', 'redispatched', 'escalated')), 0)
    ORDER BY s.seq DESC LIMIT 1);
-- Breaches recorded before this version keep no person: their case's history says who had signed at the time.
