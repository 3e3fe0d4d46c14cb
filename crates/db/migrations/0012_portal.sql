-- The family portal (borgerland). Citizens are their own kind of principal:
-- their accounts and sessions sit apart from staff's, so a staff session can
-- never be taken for a citizen's or the other way round.

-- Local sign-in for citizens in the embedded setup, linked to a person in
-- the register (found by national identity number when the account is made).
CREATE TABLE citizen_accounts (
    username       TEXT PRIMARY KEY,
    tenant_id      TEXT NOT NULL,
    person_id      TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    FOREIGN KEY (tenant_id, person_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX citizen_accounts_by_person ON citizen_accounts (tenant_id, person_id);

-- Citizens' sessions. Only a hash of the cookie value is stored.
CREATE TABLE citizen_sessions (
    id_hash       TEXT PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    person_id     TEXT NOT NULL,
    csrf_token    TEXT NOT NULL,
    created_at    BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL
);
CREATE INDEX citizen_sessions_by_person ON citizen_sessions (tenant_id, person_id);

-- OpenID Connect logins under way: the hash of the state sent to the
-- provider, with the nonce and the PKCE verifier it must come back to.
-- Each row is used once and removed.
CREATE TABLE oidc_logins (
    state_hash  TEXT PRIMARY KEY,
    nonce       TEXT NOT NULL,
    verifier    TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);

-- What a family sends from the portal: a note to the team, "what matters to
-- me", or a request for restriction or correction. Never changed; handling
-- a request sets handled_at.
CREATE TABLE family_messages (
    tenant_id    TEXT NOT NULL,
    id           TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    from_person  TEXT NOT NULL,
    kind         TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    handled_at   BIGINT,
    handled_by   TEXT,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, subject_id) REFERENCES persons (tenant_id, id)
);
CREATE INDEX family_messages_by_subject ON family_messages (tenant_id, subject_id, created_at);
CREATE INDEX family_messages_by_kind ON family_messages (tenant_id, kind, handled_at);

-- The municipality's jargon glossary: a term and everyday words for it.
CREATE TABLE glossary (
    tenant_id   TEXT NOT NULL,
    language    TEXT NOT NULL,
    term        TEXT NOT NULL,
    plain       TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, language, term)
);
