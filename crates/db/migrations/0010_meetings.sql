-- Meetings around an individual plan. The municipality's templates and its
-- values poster are its own configuration (no personal data); a meeting
-- keeps a copy of the template it was called from, so that a later change
-- of the template does not change what the meeting was.
CREATE TABLE meeting_templates (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

CREATE TABLE values_posters (
    tenant_id   TEXT NOT NULL,
    body        TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    updated_by  TEXT NOT NULL,
    PRIMARY KEY (tenant_id)
);

-- A meeting as it was called: template, time, place, leader, invitees.
CREATE TABLE meetings (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    plan_id     TEXT NOT NULL,
    starts_at   BIGINT NOT NULL,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    created_by  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id)
);
CREATE INDEX meetings_by_plan ON meetings (tenant_id, plan_id, starts_at);

-- What is recorded in a meeting, in order; written once, never changed.
CREATE TABLE meeting_events (
    tenant_id   TEXT NOT NULL,
    meeting_id  TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    by_staff    TEXT NOT NULL,
    at_ms       BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, meeting_id, seq),
    FOREIGN KEY (tenant_id, meeting_id) REFERENCES meetings (tenant_id, id)
);
