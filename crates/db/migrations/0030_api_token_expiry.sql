-- Personal API tokens expire, and each has an id to be listed and revoked
-- by. A token made before this has no expiry of its own: it lives the
-- default lifetime from its creation (see `api_tokens::DEFAULT_DAYS`). The
-- id is the start of the token's hash, which names it without revealing it.
ALTER TABLE api_tokens ADD COLUMN id TEXT;
ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT;
UPDATE api_tokens SET id = SUBSTR(token_hash, 1, 16) WHERE id IS NULL;
CREATE UNIQUE INDEX api_tokens_by_id ON api_tokens (id);
CREATE INDEX api_tokens_by_staff ON api_tokens (tenant_id, staff_id);
