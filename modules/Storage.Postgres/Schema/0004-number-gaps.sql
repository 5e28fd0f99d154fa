-- Case numbers without gaps. held_from: the first number the current holder (the tenant-year's number grain) holds,
-- set at its first reservation and cleared when it hands back what it did not use; still set when the next holder
-- starts means the last one crashed, and the numbers it reserved that no case has are recorded in number_gaps.
ALTER TABLE number_blocks ADD COLUMN IF NOT EXISTS held_from bigint;
CREATE TABLE IF NOT EXISTS number_gaps (
    tenant text NOT NULL,
    year integer NOT NULL,
    first_number bigint NOT NULL,
    last_number bigint NOT NULL,
    detected_at timestamptz NOT NULL,
    reason text NOT NULL,
    PRIMARY KEY (tenant, year, first_number));
