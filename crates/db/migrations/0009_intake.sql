-- The coordinating unit's intake queue. An item keeps what came in (the
-- request as written) and its triage steps, append-only; the columns the
-- queue filters and sorts on are kept beside them.
CREATE TABLE intake_items (
    tenant_id          TEXT NOT NULL,
    id                 TEXT NOT NULL,
    reference          TEXT NOT NULL,
    source             TEXT NOT NULL,
    request            TEXT NOT NULL,
    received_at        BIGINT NOT NULL,
    deadline_at        BIGINT NOT NULL,
    status             TEXT NOT NULL,
    person_id          TEXT,
    assigned_unit_id   TEXT,
    assigned_staff_id  TEXT,
    team_id            TEXT,
    requested_by       TEXT,
    escalated_at       BIGINT,
    closed_at          BIGINT,
    steps              BIGINT NOT NULL DEFAULT 0,
    version            BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX intake_by_reference ON intake_items (tenant_id, reference);
CREATE INDEX intake_queue ON intake_items (tenant_id, status, deadline_at);
CREATE INDEX intake_by_person ON intake_items (tenant_id, person_id);

CREATE TABLE intake_steps (
    tenant_id  TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    seq        BIGINT NOT NULL,
    at_ms      BIGINT NOT NULL,
    by_actor   TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, item_id, seq)
);

-- Cross-service teams (innsatsteam) around one child.
CREATE TABLE teams (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    child_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX teams_by_child ON teams (tenant_id, child_id);

CREATE TABLE team_members (
    tenant_id  TEXT NOT NULL,
    team_id    TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    unit_id    TEXT NOT NULL,
    added_at   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, team_id, staff_id)
);
CREATE INDEX team_members_by_staff ON team_members (tenant_id, staff_id);

-- A reminder about an intake item is shown while the reader may see the item.
ALTER TABLE notifications ADD COLUMN intake_id TEXT;
