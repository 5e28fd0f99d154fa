-- Version 10 is taken by parallel work of issue #14 (the workbench queue's ledger flag and index). This placeholder
-- keeps the numbering without gaps on this branch; it changes nothing and gives way to that script when the branches
-- are merged.
SELECT 1;
