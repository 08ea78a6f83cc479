-- Levels above the county (#12): a prefecture (地级市) holds counties, the same 12-digit codes
-- (2 province + 2 prefecture + 8 zeros). The top of a deployment has no parent: a prefecture, or a
-- county when it is run alone (the default demo), so a county may now have a parent.
ALTER TABLE divisions DROP CONSTRAINT divisions_level_check;
ALTER TABLE divisions ADD CONSTRAINT divisions_level_check
  CHECK (level IN ('prefecture', 'county', 'town', 'village'));

ALTER TABLE grids DROP CONSTRAINT grids_level_check;
ALTER TABLE grids ADD CONSTRAINT grids_level_check
  CHECK (level IN ('prefecture', 'county', 'town', 'village', 'group'));
ALTER TABLE grids DROP CONSTRAINT grids_check1;
ALTER TABLE grids ADD CONSTRAINT grids_root_level
  CHECK (parent_code IS NOT NULL OR level IN ('prefecture', 'county'));
ALTER TABLE grids ADD CONSTRAINT grids_prefecture_is_root
  CHECK (level <> 'prefecture' OR parent_code IS NULL);
