-- OpenID Connect sign-in, for citizens (ID-porten) and staff (single
-- sign-on), in tables made for it. `oidc_logins` kept three kinds of row
-- told apart by a mark in `verifier`; sign-ins under way at the upgrade are
-- simply started again.
DROP TABLE oidc_logins;

-- A sign-in or a sign-out at the provider under way, by the hash of the
-- `state` sent: used once and removed. `browser_hash` is the hash of the
-- short-lived cookie set in the browser that started the sign-in, so that a
-- callback opened in another browser is refused (login CSRF).
CREATE TABLE oidc_flows (
    state_hash    TEXT PRIMARY KEY,
    kind          TEXT NOT NULL,
    audience      TEXT NOT NULL,
    browser_hash  TEXT NOT NULL,
    nonce         TEXT NOT NULL,
    verifier      TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX oidc_flows_by_age ON oidc_flows (created_at);

-- The provider's side of one of our sessions: its issuer, the subject and
-- session id (`sid`) it named, so that a logout sent by the provider
-- (front- or back-channel) finds the session it ends, and the ID token,
-- sent back as `id_token_hint` when the user signs out here.
CREATE TABLE oidc_sessions (
    session_hash  TEXT PRIMARY KEY,
    audience      TEXT NOT NULL,
    issuer        TEXT NOT NULL,
    subject       TEXT NOT NULL,
    sid           TEXT,
    id_token      TEXT NOT NULL,
    created_at    BIGINT NOT NULL
);
CREATE INDEX oidc_sessions_by_sid ON oidc_sessions (issuer, sid);
CREATE INDEX oidc_sessions_by_subject ON oidc_sessions (issuer, subject);

-- Logout tokens already acted on, by the hash of their `jti`, so that a
-- replayed one is refused (Back-Channel Logout 1.0, 2.6).
CREATE TABLE oidc_logout_tokens (
    jti_hash    TEXT PRIMARY KEY,
    created_at  BIGINT NOT NULL
);
