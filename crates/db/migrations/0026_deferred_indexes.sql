-- Secondary indexes set aside while a bulk load runs (the demo loader): each
-- is written here in the same transaction that drops it, and built again
-- from here when the load ends, or at the next start if the load stopped
-- half-way, so that no table is ever left without its indexes.
CREATE TABLE deferred_indexes (
    name        TEXT NOT NULL PRIMARY KEY,
    definition  TEXT NOT NULL
);
