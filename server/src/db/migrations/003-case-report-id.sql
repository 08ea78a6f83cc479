-- Idempotent field reports: the report page makes one UUID per draft and sends it with every
-- attempt, so a retry after a lost reply finds the case the first attempt stored instead of
-- registering it twice. Null for cases that did not come from the report page (seed, imports).
ALTER TABLE cases ADD COLUMN report_id uuid UNIQUE;
