-- A family's request for restriction or correction as the privacy officer
-- handles it: taken (by whom, when), then closed (handled_at/handled_by,
-- already there) with an outcome and an answer the family reads.
ALTER TABLE family_messages ADD COLUMN taken_at BIGINT;
ALTER TABLE family_messages ADD COLUMN taken_by TEXT;
ALTER TABLE family_messages ADD COLUMN outcome TEXT;
ALTER TABLE family_messages ADD COLUMN answer TEXT;
