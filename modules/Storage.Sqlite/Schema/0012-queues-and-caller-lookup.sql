-- The workbench's queues over a large ledger (docs/benchmarks.md): a queue is read per status, each part in its index's
-- order, without looking at a row the queue does not show. The queue index gains the overdue flag (a running clock's
-- rows are read without checking each row's flag in the table), a department handler's queues get their own, and the
-- overdue cases (a few per cent of the open ones) are read per status, oldest first.
DROP INDEX IF EXISTS ix_cases_queue;
CREATE INDEX IF NOT EXISTS ix_cases_queue ON cases (tenant, status, overdue, next_due_at);
CREATE INDEX IF NOT EXISTS ix_cases_department_queue ON cases (tenant, department, status, overdue, next_due_at) WHERE department IS NOT NULL;
CREATE INDEX IF NOT EXISTS ix_cases_overdue_status ON cases (tenant, status, registered_at) WHERE overdue = 1;
CREATE INDEX IF NOT EXISTS ix_cases_department_overdue ON cases (tenant, department, status, registered_at) WHERE overdue = 1 AND department IS NOT NULL;
-- The registration desk's earlier cases of the caller (来电历史, ICallerHistory): the phone and the account number are
-- only in each case's registration event (the ledger keeps the phone masked), so the lookup compares exactly these
-- expressions over the first event of every case.
CREATE INDEX IF NOT EXISTS ix_case_events_phone ON case_events (tenant, REPLACE(REPLACE(json_extract(data, '$.complainant.phone'), ' ', ''), '-', '')) WHERE seq = 1;
CREATE INDEX IF NOT EXISTS ix_case_events_account ON case_events (tenant, TRIM(json_extract(data, '$.complainant.accountNo'))) WHERE seq = 1;
