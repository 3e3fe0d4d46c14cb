-- Meetings about a relay log (level 2/3 collaboration meetings) as well as
-- about a plan. SQLite cannot drop a NOT NULL, so the meeting tables are
-- rebuilt: a meeting is about exactly one of a plan or a relay log, and
-- its events stay with it.
CREATE TABLE meetings_v2 (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    plan_id     TEXT,
    log_id      TEXT,
    starts_at   BIGINT NOT NULL,
    body        TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    created_by  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, plan_id) REFERENCES plans (tenant_id, id),
    FOREIGN KEY (tenant_id, log_id) REFERENCES relay_logs (tenant_id, id),
    CHECK ((plan_id IS NULL) <> (log_id IS NULL))
);
INSERT INTO meetings_v2 (tenant_id, id, plan_id, log_id, starts_at, body, created_at, created_by)
    SELECT tenant_id, id, plan_id, NULL, starts_at, body, created_at, created_by FROM meetings;

CREATE TABLE meeting_events_v2 (
    tenant_id   TEXT NOT NULL,
    meeting_id  TEXT NOT NULL,
    seq         BIGINT NOT NULL,
    kind        TEXT NOT NULL,
    body        TEXT NOT NULL,
    by_staff    TEXT NOT NULL,
    at_ms       BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, meeting_id, seq),
    FOREIGN KEY (tenant_id, meeting_id) REFERENCES meetings_v2 (tenant_id, id)
);
INSERT INTO meeting_events_v2 (tenant_id, meeting_id, seq, kind, body, by_staff, at_ms)
    SELECT tenant_id, meeting_id, seq, kind, body, by_staff, at_ms FROM meeting_events;

DROP TABLE meeting_events;
DROP TABLE meetings;
ALTER TABLE meetings_v2 RENAME TO meetings;
ALTER TABLE meeting_events_v2 RENAME TO meeting_events;
CREATE INDEX meetings_by_plan ON meetings (tenant_id, plan_id, starts_at);
CREATE INDEX meetings_by_log ON meetings (tenant_id, log_id, starts_at);

-- An inactive template is no longer offered for new meetings; meetings
-- called from it keep their copy.
ALTER TABLE meeting_templates ADD COLUMN active BIGINT NOT NULL DEFAULT 1;

-- E-mails waiting to be sent, written in the same transaction as what they
-- announce so that none is lost. `params` holds what the message is made
-- of (never a child's name); the mailer words it in `language` when it
-- sends, and marks it sent afterwards.
CREATE TABLE mail_outbox (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    to_address  TEXT NOT NULL,
    language    TEXT,
    params      TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    sent_at     BIGINT,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX mail_outbox_unsent ON mail_outbox (sent_at, created_at);
