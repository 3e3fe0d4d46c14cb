-- A second factor for local staff accounts: one-time codes from an
-- authenticator app (TOTP, RFC 6238) and recovery codes (issue 19).
--
-- One row per staff member who has started enrolling. `secret` is the
-- shared secret in base32: unlike a password it must be read back to
-- compute the codes, so it is stored as it is and the database is guarded
-- like the rest of its personal data. `enrolled_at` is null until the first
-- code from the app has been typed (the factor counts only from then).
-- `last_step` is the 30-second step of the last code accepted: a code for
-- that step or an earlier one is refused, so a code is used once.
CREATE TABLE staff_second_factor (
    tenant_id    TEXT NOT NULL,
    staff_id     TEXT NOT NULL,
    secret       TEXT NOT NULL,
    started_at   BIGINT NOT NULL,
    enrolled_at  BIGINT,
    last_step    BIGINT,
    PRIMARY KEY (tenant_id, staff_id),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id)
);

-- Recovery codes, each usable once. Only a SHA-256 of the code is kept: the
-- codes are 80 random bits (not chosen by people, unlike passwords, which
-- need Argon2), so a copy of the hashes cannot be searched back to a code,
-- and a typed code is found by its hash in one look-up.
CREATE TABLE staff_recovery_codes (
    tenant_id  TEXT NOT NULL,
    staff_id   TEXT NOT NULL,
    code_hash  TEXT NOT NULL,
    used_at    BIGINT,
    PRIMARY KEY (tenant_id, staff_id, code_hash),
    FOREIGN KEY (tenant_id, staff_id) REFERENCES staff (tenant_id, id)
);

-- A sign-in half done: the password was right, the second step (a code, or
-- enrolling where the municipality requires it) is not. It is no session:
-- it opens nothing but the second step's own pages. Only a hash of the
-- cookie value is stored; `kind` is 'code' or 'enrol'; `failures` counts
-- wrong codes, and the step ends after a few.
CREATE TABLE sign_in_steps (
    id_hash     TEXT PRIMARY KEY,
    tenant_id   TEXT NOT NULL,
    staff_id    TEXT NOT NULL,
    csrf_token  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    failures    BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
