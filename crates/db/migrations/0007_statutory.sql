-- The legal basis of each access, beside its reason. Records written before
-- this column existed keep an empty basis and their original hash.
ALTER TABLE audit_log ADD COLUMN legal_basis TEXT NOT NULL DEFAULT '';

-- Reports to child welfare under the duty to report. A report is written
-- once; child welfare's acknowledgement and review are set on the same row.
CREATE TABLE reports (
    tenant_id          TEXT NOT NULL,
    id                 TEXT NOT NULL,
    reference          TEXT NOT NULL,
    child_id           TEXT NOT NULL,
    grounds            TEXT NOT NULL,
    body               TEXT NOT NULL,
    reporter_id        TEXT NOT NULL,
    reporter_unit_id   TEXT,
    receiving_unit_id  TEXT NOT NULL,
    concern_id         TEXT,
    submitted_at       BIGINT NOT NULL,
    review_due_at      BIGINT NOT NULL,
    acknowledged_at    BIGINT,
    acknowledged_by    TEXT,
    reviewed_at        BIGINT,
    reviewed_by        TEXT,
    review_outcome     TEXT,
    review_note        TEXT,
    version            BIGINT NOT NULL DEFAULT 1,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES persons (tenant_id, id)
);
CREATE UNIQUE INDEX reports_by_reference ON reports (tenant_id, reference);
CREATE INDEX reports_queue ON reports (tenant_id, receiving_unit_id, reviewed_at, review_due_at);
CREATE INDEX reports_by_reporter ON reports (tenant_id, reporter_id, submitted_at);

-- Break-the-glass: time-limited access a staff member took with a reason.
-- Every use waits for the privacy officer's review.
CREATE TABLE emergency_access (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    staff_id     TEXT NOT NULL,
    child_id     TEXT NOT NULL,
    reason       TEXT NOT NULL,
    granted_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    ended_at     BIGINT,
    reviewed_at  BIGINT,
    reviewed_by  TEXT,
    review_note  TEXT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, child_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX emergency_by_staff ON emergency_access (tenant_id, staff_id, child_id, expires_at);
CREATE INDEX emergency_for_review ON emergency_access (tenant_id, reviewed_at, granted_at);

-- A reminder about a report is shown while the reader may still see the report.
ALTER TABLE notifications ADD COLUMN report_id TEXT;

-- Who each consent names as recipients, so a unit finds the children whose
-- families have shared with it without reading every consent. Filled when a
-- consent is recorded (and, for consents recorded before, at start-up).
CREATE TABLE consent_recipients (
    tenant_id     TEXT NOT NULL,
    consent_id    TEXT NOT NULL,
    subject_id    TEXT NOT NULL,
    unit_id       TEXT,
    service_type  TEXT
);
CREATE INDEX consent_recipients_by_consent ON consent_recipients (tenant_id, consent_id);
CREATE INDEX consent_recipients_by_unit ON consent_recipients (tenant_id, unit_id);
CREATE INDEX consent_recipients_by_service ON consent_recipients (tenant_id, service_type);

-- One person's accesses in time order: the access log filtered by actor, and
-- the count of reads made under a break-the-glass access for its review.
CREATE INDEX audit_by_actor ON audit_log (tenant_id, actor_id, at_ms);
