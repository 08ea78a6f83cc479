-- Reads of the drill-down (issue #4) whose cost must follow the grid, not the county or the history.
-- The case detail lists the status changes of its village's cameras since the case was reported: the
-- outbox is only indexed by town, so a village's camera events would be filtered out of every event
-- of its town since the start (a cost that grows with time). Partial: camera events only.
CREATE INDEX events_camera_village ON events (village_code, at) WHERE kind = 'camera';
