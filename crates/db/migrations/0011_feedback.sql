-- Feedback (FIT). Packs are stored per municipality with their text and its
-- SHA-256, so an episode keeps the exact pack version it was answered with
-- even after a newer version is loaded.
CREATE TABLE feedback_packs (
    tenant_id   TEXT NOT NULL,
    pack_id     TEXT NOT NULL,
    version     TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    body        TEXT NOT NULL,
    -- 'shipped' (the project's packs/ directory) or 'uploaded' (the admin page).
    origin      TEXT NOT NULL,
    loaded_at   BIGINT NOT NULL,
    loaded_by   TEXT NOT NULL,
    PRIMARY KEY (tenant_id, pack_id, version)
);

-- An episode of help measured with one pack: a person in a unit, optionally
-- linked to a relay log or a plan.
CREATE TABLE feedback_episodes (
    tenant_id      TEXT NOT NULL,
    id             TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    unit_id        TEXT NOT NULL,
    pack_id        TEXT NOT NULL,
    pack_version   TEXT NOT NULL,
    log_id         TEXT,
    plan_id        TEXT,
    -- Whole years at the start, for the cut-off of the person's age band.
    age_at_start   BIGINT NOT NULL,
    started_at     BIGINT NOT NULL,
    started_by     TEXT NOT NULL,
    ended_at       BIGINT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id),
    FOREIGN KEY (tenant_id, pack_id, pack_version)
        REFERENCES feedback_packs (tenant_id, pack_id, version)
);
CREATE INDEX feedback_episodes_by_person ON feedback_episodes (tenant_id, person_id);
CREATE INDEX feedback_episodes_by_unit ON feedback_episodes (tenant_id, unit_id);

-- One completed form of one scale. Written once; the total is the exact sum
-- of the items in tenths. `respondent` is staff_meeting, parent, young_person
-- or link answers by a parent or young person (`link_id` set).
CREATE TABLE feedback_answers (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    episode_id   TEXT NOT NULL,
    scale_id     TEXT NOT NULL,
    session      BIGINT NOT NULL,
    respondent   TEXT NOT NULL,
    by_staff     TEXT,
    link_id      TEXT,
    at_ms        BIGINT NOT NULL,
    total        BIGINT NOT NULL,
    -- The alerts the engine raised, as JSON.
    alerts       TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, episode_id) REFERENCES feedback_episodes (tenant_id, id)
);
CREATE INDEX feedback_answers_by_episode ON feedback_answers (tenant_id, episode_id, scale_id, session);

-- Item scores in integer tenths (0–100), never floats.
CREATE TABLE feedback_answer_items (
    tenant_id  TEXT NOT NULL,
    answer_id  TEXT NOT NULL,
    position   BIGINT NOT NULL,
    item_id    TEXT NOT NULL,
    tenths     BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, answer_id, position),
    FOREIGN KEY (tenant_id, answer_id) REFERENCES feedback_answers (tenant_id, id)
);

-- One-time links: only the SHA-256 of the token is stored. A link is bound
-- to one episode, one scale and one kind of respondent, and is used once.
CREATE TABLE feedback_links (
    tenant_id   TEXT NOT NULL,
    id          TEXT NOT NULL,
    token_hash  TEXT NOT NULL,
    episode_id  TEXT NOT NULL,
    scale_id    TEXT NOT NULL,
    respondent  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, episode_id) REFERENCES feedback_episodes (tenant_id, id)
);
CREATE UNIQUE INDEX feedback_links_by_token ON feedback_links (token_hash);

-- A feedback alert is shown while the reader may still see the episode.
ALTER TABLE notifications ADD COLUMN feedback_episode_id TEXT;
