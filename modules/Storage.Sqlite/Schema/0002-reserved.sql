-- Version 2: reserved for a script of a branch merged alongside (issue #11); replaced by it at merge. Does nothing.
SELECT 1;
