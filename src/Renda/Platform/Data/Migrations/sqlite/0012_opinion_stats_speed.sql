-- 0012_opinion_stats_speed (sqlite): the opinions dashboard's covering indexes, one per event it counts
-- (received by created_at, due by due_date, replied by replied_at, rated by rated_at); docs/adr/0034.
-- Written with scripts/new-migration.sh from the EF model, then read by hand (the table itself is unchanged).

CREATE INDEX "ix_opinions_stats_due" ON "opinions" ("due_date", "jurisdiction_code", "state", "closed_at", "unit_id", "category", "station_id") WHERE due_date IS NOT NULL;

CREATE INDEX "ix_opinions_stats_rated" ON "opinions" ("rated_at", "jurisdiction_code", "rating", "unit_id", "category", "station_id") WHERE rated_at IS NOT NULL;

CREATE INDEX "ix_opinions_stats_received" ON "opinions" ("created_at", "jurisdiction_code", "state", "unit_id", "category", "station_id", "round");

CREATE INDEX "ix_opinions_stats_replied" ON "opinions" ("replied_at", "jurisdiction_code", "replied_late", "unit_id", "category", "station_id") WHERE replied_at IS NOT NULL;
