-- Version 3: reserved for a script of a branch merged alongside (issue #11); replaced by it at merge. Does nothing.
SELECT 1;
