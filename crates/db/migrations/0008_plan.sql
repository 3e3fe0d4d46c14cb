-- Individual plans: one per person across all services. The row holds what
-- lists need; the content lives in the revisions, each a full snapshot that
-- is written once and never changed.
CREATE TABLE plans (
    tenant_id      TEXT NOT NULL,
    id             TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    -- The level-3 relay log the plan was made from, its history linked.
    from_log_id    TEXT,
    created_at     BIGINT NOT NULL,
    created_by     TEXT NOT NULL,
    revisions      BIGINT NOT NULL,
    next_revision  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE UNIQUE INDEX plans_one_per_person ON plans (tenant_id, person_id);

CREATE TABLE plan_revisions (
    tenant_id  TEXT NOT NULL,
    plan_id    TEXT NOT NULL,
    number     BIGINT NOT NULL,
    by_staff   TEXT NOT NULL,
    at_ms      BIGINT NOT NULL,
    reason     TEXT NOT NULL,
    body       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, plan_id, number),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id)
);

-- Coordinators and child coordinators, assigned by the coordinating unit,
-- with or without a plan. A new assignment of the same kind ends the one
-- before; ended assignments are kept.
CREATE TABLE coordinators (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    person_id    TEXT NOT NULL,
    kind         TEXT NOT NULL,
    staff_id     TEXT NOT NULL,
    assigned_by  TEXT NOT NULL,
    assigned_at  BIGINT NOT NULL,
    ended_at     BIGINT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX coordinators_by_person ON coordinators (tenant_id, person_id, ended_at);
CREATE INDEX coordinators_by_staff ON coordinators (tenant_id, staff_id, ended_at);

-- A reminder about a plan is shown while the reader may still see the plan.
ALTER TABLE notifications ADD COLUMN plan_id TEXT;
