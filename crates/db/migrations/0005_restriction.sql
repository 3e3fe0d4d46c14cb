-- Restriction of processing (GDPR art. 18): the person's data is kept but
-- not used or shared while the flag is set. Who set it and why is kept here
-- and in the access log.
ALTER TABLE persons ADD COLUMN restricted_at BIGINT;
ALTER TABLE persons ADD COLUMN restricted_by TEXT;
ALTER TABLE persons ADD COLUMN restricted_reason TEXT;
