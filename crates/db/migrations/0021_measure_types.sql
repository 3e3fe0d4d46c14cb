-- Steering: a municipality's own measure types, each on one step of the
-- intervention ladder and optionally with a cost. A relay log measure names
-- its type by code in its entry; a measure without a type counts by the
-- service of the unit responsible for it (steering_ladder in
-- tenant_settings, steering_costs), as before. Portable SQL as in 0001.
CREATE TABLE measure_types (
    tenant_id   TEXT NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    step        BIGINT NOT NULL,
    -- Whole kroner per measure; NULL when the municipality set none.
    cost        BIGINT,
    -- A type taken out of use is not offered for new measures.
    active      BIGINT NOT NULL DEFAULT 1,
    -- The order of the list the admin keeps.
    position    BIGINT NOT NULL,
    created_at  BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, code)
);
