-- The leaders' law view counts reports to child welfare not reviewed within
-- their week, across the municipality: an index without the receiving unit
-- in front, so the count does not read every report.
CREATE INDEX reports_overdue ON reports (tenant_id, reviewed_at, review_due_at);
