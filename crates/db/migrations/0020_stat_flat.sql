-- Steering: two more copies of the counts without the birth year, kept by
-- the same writes in the same transaction. Most views ask for no age band,
-- so the birth year only multiplies the rows they sum (about five times at
-- national scale, docs/benchmarks.md). Portable SQL as in 0001.

-- Per service type: read for one service type without area or age band.
CREATE TABLE stat_services (
    tenant_id     TEXT NOT NULL,
    service_type  TEXT NOT NULL,
    metric        TEXT NOT NULL,
    period        TEXT NOT NULL,
    key           TEXT NOT NULL,
    n             BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, service_type, metric, period, key)
);

-- The whole municipality: read when no filter and no age band is chosen.
CREATE TABLE stat_flat (
    tenant_id     TEXT NOT NULL,
    metric        TEXT NOT NULL,
    period        TEXT NOT NULL,
    key           TEXT NOT NULL,
    n             BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, metric, period, key)
);

-- Databases that already hold counts get these from them; a sum of zero
-- is not kept, as the writes and the rebuild leave none.
INSERT INTO stat_services (tenant_id, service_type, metric, period, key, n)
SELECT tenant_id, service_type, metric, period, key, SUM(n)
FROM stat_groups GROUP BY tenant_id, service_type, metric, period, key
HAVING SUM(n) <> 0;

INSERT INTO stat_flat (tenant_id, metric, period, key, n)
SELECT tenant_id, metric, period, key, SUM(n)
FROM stat_totals GROUP BY tenant_id, metric, period, key
HAVING SUM(n) <> 0;
