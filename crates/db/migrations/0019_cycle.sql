-- The annual cycle (årshjul): recurring evaluation tasks for units and
-- leaders, and the occurrences the job runner opens when their reminder's
-- lead time starts. No personal data about children; who marked what is
-- kept on the occurrence and in the access log. Portable SQL as in 0001.

CREATE TABLE cycle_tasks (
    tenant_id      TEXT NOT NULL REFERENCES tenants (id),
    id             TEXT NOT NULL,
    title          TEXT NOT NULL,
    description    TEXT NOT NULL,
    -- 'unit' (audience_ref: the unit), 'service_type' (the type's code) or
    -- 'municipality' (empty): whose leaders the task is for.
    audience_kind  TEXT NOT NULL,
    audience_ref   TEXT NOT NULL,
    -- 'yearly', 'quarterly' or 'monthly', on `day` of `month`.
    recurrence     TEXT NOT NULL,
    month          BIGINT NOT NULL,
    day            BIGINT NOT NULL,
    lead_days      BIGINT NOT NULL,
    active         BIGINT NOT NULL DEFAULT 1,
    -- The day the task was made: occurrences before it are not opened.
    since          TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     BIGINT NOT NULL,
    updated_by     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX cycle_tasks_active ON cycle_tasks (active, tenant_id);

-- One row per task and due date, made when the reminder goes out or when a
-- leader marks an occurrence early. `status` is 'open', 'done' or 'skipped'.
CREATE TABLE cycle_occurrences (
    tenant_id   TEXT NOT NULL,
    task_id     TEXT NOT NULL,
    due         TEXT NOT NULL,
    status      TEXT NOT NULL,
    opened_at   BIGINT NOT NULL,
    closed_by   TEXT,
    closed_at   BIGINT,
    note        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tenant_id, task_id, due),
    FOREIGN KEY (tenant_id, task_id) REFERENCES cycle_tasks (tenant_id, id)
);
CREATE INDEX cycle_occurrences_by_due ON cycle_occurrences (tenant_id, due);
