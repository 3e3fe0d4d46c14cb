-- The foundation schema. Portable SQL: it runs unchanged on SQLite and
-- PostgreSQL. Times are Unix milliseconds (BIGINT), dates are 'YYYY-MM-DD'
-- text, flags are BIGINT 0/1 (sqlx Any decodes integers as i64 on both), ids are text. Every table that holds a
-- municipality's data carries tenant_id first in its primary key, so that a
-- national deployment can be distributed by municipality.

CREATE TABLE tenants (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    slug        TEXT NOT NULL UNIQUE,
    created_at  BIGINT NOT NULL
);

CREATE TABLE units (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    service_type  TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

CREATE TABLE staff (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    id            TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    roles         TEXT NOT NULL,
    active        BIGINT NOT NULL DEFAULT 1,
    language      TEXT,
    created_at    BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- Which units a staff member works in.
CREATE TABLE staff_units (
    tenant_id  TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    unit_id    TEXT NOT NULL,
    PRIMARY KEY (tenant_id, staff_id, unit_id),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);
CREATE INDEX staff_units_by_unit ON staff_units (tenant_id, unit_id);

-- Local sign-in. User names are unique across the installation because the
-- login form does not ask for a municipality. OpenID Connect identities will
-- sit beside this table and point at the same staff row.
CREATE TABLE accounts (
    username       TEXT PRIMARY KEY,
    tenant_id      TEXT NOT NULL,
    staff_id       TEXT NOT NULL,
    password_hash  TEXT,
    created_at     BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id)
);

CREATE TABLE persons (
    tenant_id    TEXT NOT NULL REFERENCES tenants (id),
    id           TEXT NOT NULL,
    kind         TEXT NOT NULL,
    national_id  TEXT,
    given_name   TEXT NOT NULL,
    family_name  TEXT NOT NULL,
    birth_date   TEXT,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    version      BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, national_id)
);
CREATE INDEX persons_by_name ON persons (tenant_id, kind, family_name, given_name);

-- How an adult relates to a child.
CREATE TABLE relations (
    tenant_id   TEXT NOT NULL,
    child_id    TEXT NOT NULL,
    person_id   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, child_id, person_id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES persons (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
-- Covering (child_id last) so that "which children has this adult" never
-- touches the table.
CREATE INDEX relations_by_person ON relations (tenant_id, person_id, child_id);

-- Which unit a child belongs to, and from when to when.
CREATE TABLE enrolments (
    tenant_id  TEXT NOT NULL,
    child_id   TEXT NOT NULL,
    unit_id    TEXT NOT NULL,
    from_date  TEXT NOT NULL,
    to_date    TEXT,
    PRIMARY KEY (tenant_id, child_id, unit_id, from_date),
    FOREIGN KEY (tenant_id, child_id) REFERENCES persons (tenant_id, id),
    FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id)
);
CREATE INDEX enrolments_by_unit ON enrolments (tenant_id, unit_id, child_id);

-- Server-side sessions. Only a hash of the cookie value is stored.
CREATE TABLE sessions (
    id_hash       TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    staff_id      TEXT NOT NULL,
    csrf_token    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL
);
CREATE INDEX sessions_by_staff ON sessions (tenant_id, staff_id);

-- Personal API tokens. Only a hash is stored.
CREATE TABLE api_tokens (
    token_hash  TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    label       TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- Failed sign-ins per user name (known or not), for throttling.
CREATE TABLE login_throttle (
    key               TEXT PRIMARY KEY,
    failures          BIGINT NOT NULL,
    last_failure_at   BIGINT NOT NULL,
    locked_until      BIGINT NOT NULL
);

-- The access log: append-only, hash-chained per municipality.
CREATE TABLE audit_log (
    tenant_id      TEXT NOT NULL,
    seq            BIGINT NOT NULL,
    at_ms          BIGINT NOT NULL,
    actor_id       TEXT NOT NULL,
    actor_role     TEXT NOT NULL,
    action         TEXT NOT NULL,
    resource_type  TEXT NOT NULL,
    resource_id    TEXT NOT NULL,
    purpose        TEXT NOT NULL,
    outcome        TEXT NOT NULL,
    reason         TEXT NOT NULL,
    request_id     TEXT NOT NULL,
    prev_hash      TEXT NOT NULL,
    hash           TEXT NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX audit_by_resource ON audit_log (tenant_id, resource_id);

-- The newest record of each municipality's chain. Locking this row serialises
-- appends per municipality across processes; comparing it with the log finds
-- records removed from the end.
CREATE TABLE audit_head (
    tenant_id  TEXT PRIMARY KEY,
    seq        BIGINT NOT NULL,
    hash       TEXT NOT NULL
);
