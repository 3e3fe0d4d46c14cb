-- Anonymous consultations: a question to another service about a situation,
-- with no link to any child. The text was checked for identifiers before it
-- was stored.
CREATE TABLE consultations (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    by_staff    TEXT NOT NULL,
    with_unit   TEXT NOT NULL,
    question    TEXT NOT NULL,
    advice      TEXT,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, with_unit) REFERENCES units (tenant_id, id)
);
CREATE INDEX consultations_by_staff ON consultations (tenant_id, by_staff, created_at);
