-- Steering: two coarser copies of stat_counts, kept by the same writes in
-- the same transaction, so that a view of the whole municipality sums a few
-- thousand rows instead of one per unit. Portable SQL as in 0001.

-- Without the unit: read when the leader filters by service type or area.
-- Service type first, so that one type is a range of the key; an area alone
-- is read as one range per service type.
CREATE TABLE stat_groups (
    tenant_id     TEXT NOT NULL,
    service_type  TEXT NOT NULL,
    area          TEXT NOT NULL,
    metric        TEXT NOT NULL,
    period        TEXT NOT NULL,
    born          BIGINT NOT NULL,
    key           TEXT NOT NULL,
    n             BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, service_type, area, metric, period, born, key)
);

-- Without unit, service type and area: read for the whole municipality.
CREATE TABLE stat_totals (
    tenant_id     TEXT NOT NULL,
    metric        TEXT NOT NULL,
    period        TEXT NOT NULL,
    born          BIGINT NOT NULL,
    key           TEXT NOT NULL,
    n             BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, metric, period, born, key)
);

-- Databases that already hold counts get their rollups from them.
INSERT INTO stat_groups (tenant_id, service_type, area, metric, period, born, key, n)
SELECT tenant_id, service_type, area, metric, period, born, key, SUM(n)
FROM stat_counts GROUP BY tenant_id, service_type, area, metric, period, born, key;

INSERT INTO stat_totals (tenant_id, metric, period, born, key, n)
SELECT tenant_id, metric, period, born, key, SUM(n)
FROM stat_counts GROUP BY tenant_id, metric, period, born, key;
