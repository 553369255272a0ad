-- 0012_opinion_stats_speed (sqlite): written with scripts/new-migration.sh from the EF model, then read by hand
-- Table opinions changed: write the ALTER TABLE statements by hand. The model now says:
-- CREATE TABLE "opinions" (
--     "id" INTEGER NOT NULL CONSTRAINT "PK_opinions" PRIMARY KEY AUTOINCREMENT,
--     "jurisdiction_code" TEXT NOT NULL,
--     "state" TEXT NOT NULL,
--     "version" INTEGER NOT NULL,
--     "tracking_code" TEXT NOT NULL,
--     "content" TEXT NOT NULL,
--     "category" TEXT NULL,
--     "location" TEXT NULL,
--     "urgency" TEXT NOT NULL,
--     "channel" TEXT NOT NULL,
--     "station_id" INTEGER NULL,
--     "representative_id" INTEGER NULL,
--     "reception_id" INTEGER NULL,
--     "anonymous" INTEGER NOT NULL,
--     "submitter_name_cipher" TEXT NULL,
--     "phone_cipher" TEXT NULL,
--     "phone_index" TEXT NULL,
--     "phone_masked" TEXT NULL,
--     "consent_given" INTEGER NOT NULL,
--     "external_source" TEXT NULL,
--     "external_id" TEXT NULL,
--     "created_at" TEXT NOT NULL,
--     "created_by" TEXT NOT NULL,
--     "unit_id" INTEGER NULL,
--     "assigned_at" TEXT NULL,
--     "due_date" TEXT NULL,
--     "acknowledged_at" TEXT NULL,
--     "replied_at" TEXT NULL,
--     "reply_content" TEXT NULL,
--     "replied_late" INTEGER NOT NULL,
--     "round" INTEGER NOT NULL,
--     "rating" TEXT NULL,
--     "rating_comment" TEXT NULL,
--     "rated_at" TEXT NULL,
--     "closed_at" TEXT NULL,
--     "closed_reason" TEXT NULL,
--     "merged_into_id" INTEGER NULL,
--     "decline_reason" TEXT NULL,
--     "escalated_to" TEXT NULL,
--     "published_at" TEXT NULL,
--     "overdue" INTEGER NOT NULL,
--     "supervision_count" INTEGER NOT NULL,
--     "latitude" REAL NULL,
--     "longitude" REAL NULL
-- );

CREATE INDEX "ix_opinions_stats_due" ON "opinions" ("due_date", "jurisdiction_code", "state", "closed_at", "unit_id", "category", "station_id") WHERE due_date IS NOT NULL;

CREATE INDEX "ix_opinions_stats_rated" ON "opinions" ("rated_at", "jurisdiction_code", "rating", "unit_id", "category", "station_id") WHERE rated_at IS NOT NULL;

CREATE INDEX "ix_opinions_stats_received" ON "opinions" ("created_at", "jurisdiction_code", "state", "unit_id", "category", "station_id", "round");

CREATE INDEX "ix_opinions_stats_replied" ON "opinions" ("replied_at", "jurisdiction_code", "replied_late", "unit_id", "category", "station_id") WHERE replied_at IS NOT NULL;
