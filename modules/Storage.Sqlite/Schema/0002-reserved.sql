-- Version 2 is taken by parallel work of issue #11 (the PostgreSQL schema's version 2 is its channel tables, which the
-- embedded file has had since version 1). This placeholder keeps the numbering without gaps on this branch; it changes
-- nothing and gives way to that script when the branches are merged.
SELECT 1;
