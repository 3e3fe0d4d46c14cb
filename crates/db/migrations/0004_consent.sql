-- The consent ledger. Each consent is written once; withdrawing it sets
-- withdrawn_at and never deletes the row, so the ledger shows what applied
-- when. The columns the policy filters on are kept beside the whole consent.
CREATE TABLE consents (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    subject_id      TEXT NOT NULL,
    body            TEXT NOT NULL,
    valid_from      TEXT NOT NULL,
    valid_to        TEXT,
    recorded_by     TEXT NOT NULL,
    recorded_at     BIGINT NOT NULL,
    withdrawn_at    BIGINT,
    withdrawn_by    TEXT,
    withdrawn_note  TEXT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, subject_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX consents_by_subject ON consents (tenant_id, subject_id, withdrawn_at);
CREATE INDEX consents_by_end ON consents (tenant_id, valid_to);

-- The unit a waiting baton offer is for: the one offered may read the log
-- only while that unit may receive it.
ALTER TABLE relay_logs ADD COLUMN offered_unit_id TEXT;
