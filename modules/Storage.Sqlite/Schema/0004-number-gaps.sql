-- Case numbers without gaps. held_from: the first number the current holder (the tenant-year's number grain) holds,
-- set at its first reservation and cleared when it hands back what it did not use; still set when the next holder
-- starts means the last one crashed, and the numbers it reserved that no case has are recorded in number_gaps.
ALTER TABLE number_blocks ADD COLUMN held_from INTEGER;
CREATE TABLE IF NOT EXISTS number_gaps (
    tenant TEXT NOT NULL, year INTEGER NOT NULL, first_number INTEGER NOT NULL, last_number INTEGER NOT NULL,
    detected_at INTEGER NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY (tenant, year, first_number)) WITHOUT ROWID;
