-- Whose log it is: a relay log belongs to the unit where it was raised (its
-- home unit). Filled for logs opened before this column existed from their
-- first event, by the store at start-up (`relay::reclaim::backfill`), since
-- the opening event is JSON and the two databases read JSON differently.
ALTER TABLE relay_logs ADD COLUMN home_unit_id TEXT;
CREATE INDEX relay_logs_by_home ON relay_logs (tenant_id, home_unit_id);
