-- Reminders by e-mail: the address a staff member wants them at (optional),
-- and which in-app reminders have been announced by e-mail.
ALTER TABLE staff ADD COLUMN email TEXT;
ALTER TABLE notifications ADD COLUMN emailed_at BIGINT;
CREATE INDEX notifications_to_email ON notifications (emailed_at, created_at);
