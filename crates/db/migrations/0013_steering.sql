-- Steering: counts about groups of children, kept in the same transaction as
-- the writes that change them, so that the leaders' views read counts and
-- never the rows of each child. Portable SQL as in 0001.

-- The area (district, network) a unit belongs to, for the steering filters.
ALTER TABLE units ADD COLUMN area TEXT;

-- One counter per municipality, metric, month and group. `period` is the
-- calendar month ('YYYY-MM') of what happened, or '' for what holds now
-- (children at a level, open clocks by deadline day). `born` is the birth
-- year (0 when unknown), so that an age band is a range of birth years.
-- `key` says which column of the metric (a level, a step, a measure type,
-- a number of days, a day).
CREATE TABLE stat_counts (
    tenant_id     TEXT NOT NULL,
    metric        TEXT NOT NULL,
    period        TEXT NOT NULL,
    unit_id       TEXT NOT NULL,
    service_type  TEXT NOT NULL,
    area          TEXT NOT NULL,
    born          BIGINT NOT NULL,
    key           TEXT NOT NULL,
    n             BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, metric, period, unit_id, service_type, area, born, key)
);

-- What a measure of each type costs (whole kroner), set by the admin; the
-- spending per ladder step is the count of measures times this.
CREATE TABLE steering_costs (
    tenant_id     TEXT NOT NULL REFERENCES tenants (id),
    measure_type  TEXT NOT NULL,
    cost          BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, measure_type)
);
