-- Concerns (level 0), relay logs with their append-only events, the archive
-- copy made at closing, durable background jobs and in-app notifications.
-- Portable SQL as in 0001: tenant_id first in every key.

-- A municipality's settings that differ from the defaults (name → value).
CREATE TABLE tenant_settings (
    tenant_id  TEXT NOT NULL REFERENCES tenants (id),
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, name)
);

-- Level 0: a staff member wonders about a child. The decision is written
-- once; the concern's text itself is never changed.
CREATE TABLE concerns (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    child_id        TEXT NOT NULL,
    unit_id         TEXT NOT NULL,
    raised_by       TEXT NOT NULL,
    raised_at       BIGINT NOT NULL,
    deadline_at     BIGINT NOT NULL,
    body            TEXT NOT NULL,
    decision        TEXT,
    decision_level  BIGINT,
    decision_note   TEXT,
    decided_by      TEXT,
    decided_at      BIGINT,
    log_id          TEXT,
    version         BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES persons (tenant_id, id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);
CREATE INDEX concerns_by_child ON concerns (tenant_id, child_id);
CREATE INDEX concerns_by_author ON concerns (tenant_id, raised_by, decided_at);

-- The current state of each relay log, kept with every event so that lists
-- ("my logs", steering) read one row per log. The events are the truth.
CREATE TABLE relay_logs (
    tenant_id       TEXT NOT NULL,
    id              TEXT NOT NULL,
    child_id        TEXT NOT NULL,
    level           BIGINT NOT NULL,
    holder_id       TEXT NOT NULL,
    holder_unit_id  TEXT NOT NULL,
    offered_to      TEXT,
    concern_id      TEXT,
    opened_at       BIGINT NOT NULL,
    opened_by       TEXT NOT NULL,
    closed_at       BIGINT,
    closing_reason  TEXT,
    -- The earliest evaluation date of the measures that go on (YYYY-MM-DD).
    next_due        TEXT,
    events          BIGINT NOT NULL,
    version         BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES persons (tenant_id, id)
);
-- One open log per child: a second one cannot be opened, even by two
-- requests at once.
CREATE UNIQUE INDEX relay_logs_one_open ON relay_logs (tenant_id, child_id) WHERE closed_at IS NULL;
CREATE INDEX relay_logs_by_child ON relay_logs (tenant_id, child_id);
CREATE INDEX relay_logs_by_holder ON relay_logs (tenant_id, holder_id, closed_at);
CREATE INDEX relay_logs_by_offer ON relay_logs (tenant_id, offered_to);

-- Everything that happens to a log, in order. Rows are only ever inserted:
-- a correction is a new row naming the row it supersedes.
CREATE TABLE relay_events (
    tenant_id   TEXT NOT NULL,
    log_id      TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    id          TEXT NOT NULL,
    at_ms       BIGINT NOT NULL,
    by_staff    TEXT NOT NULL,
    supersedes  TEXT,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (tenant_id, log_id, seq),
    UNIQUE (tenant_id, id),
    FOREIGN KEY (tenant_id, log_id) REFERENCES relay_logs (tenant_id, id)
);

-- The archive copy of a closed log: the whole log as JSON, frozen at closing,
-- with its SHA-256 so that a filed copy can be checked against it.
CREATE TABLE relay_archives (
    tenant_id   TEXT NOT NULL,
    log_id      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    body        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, log_id),
    FOREIGN KEY (tenant_id, log_id) REFERENCES relay_logs (tenant_id, id)
);

-- Durable background jobs. (kind, ref_id) is unique per municipality, so
-- scheduling the same reminder again moves it instead of doubling it; a job
-- runs in the same transaction as its effect and is marked done there.
CREATE TABLE jobs (
    tenant_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    ref_id      TEXT NOT NULL,
    run_at      BIGINT NOT NULL,
    status      TEXT NOT NULL,
    attempts    BIGINT NOT NULL DEFAULT 0,
    last_error  TEXT,
    created_at  BIGINT NOT NULL,
    done_at     BIGINT,
    PRIMARY KEY (tenant_id, kind, ref_id)
);
CREATE INDEX jobs_due ON jobs (status, run_at);

-- Messages to staff in the app. The key makes each reminder arrive once.
CREATE TABLE notifications (
    tenant_id   TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    key         TEXT NOT NULL,
    kind        TEXT NOT NULL,
    child_id    TEXT NOT NULL,
    log_id      TEXT,
    concern_id  TEXT,
    detail      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    read_at     BIGINT,
    PRIMARY KEY (tenant_id, staff_id, key)
);
CREATE INDEX notifications_unread ON notifications (tenant_id, staff_id, read_at);
