-- The family's side of contact.
--
-- Staff choose what a family sees of how to reach them: their e-mail, a
-- phone number, both or neither. Until they choose, the e-mail they gave
-- for reminders is shown, as before ('email').
ALTER TABLE staff ADD COLUMN phone TEXT;
ALTER TABLE staff ADD COLUMN family_contact TEXT;

-- Where a person in the family wants to hear that something is new in the
-- portal: an address and/or a phone number they gave themselves, with the
-- language to write in. Removing both removes the row.
CREATE TABLE family_contacts (
    tenant_id   TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    email       TEXT,
    phone       TEXT,
    language    TEXT,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, person_id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);

-- An outbox row for a family member names the person instead of a staff
-- member (staff_id is then empty); `channel` says e-mail or SMS.
ALTER TABLE mail_outbox ADD COLUMN person_id TEXT;
ALTER TABLE mail_outbox ADD COLUMN channel TEXT NOT NULL DEFAULT 'email';
