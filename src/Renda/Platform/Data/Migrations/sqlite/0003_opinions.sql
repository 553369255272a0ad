-- 0003_opinions (sqlite): written with scripts/new-migration.sh from the EF model, then read by hand
CREATE TABLE "opinions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_opinions" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_code" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "tracking_code" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "category" TEXT NULL,
    "location" TEXT NULL,
    "urgency" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "station_id" INTEGER NULL,
    "representative_id" INTEGER NULL,
    "reception_id" INTEGER NULL,
    "anonymous" INTEGER NOT NULL,
    "submitter_name_cipher" TEXT NULL,
    "phone_cipher" TEXT NULL,
    "phone_index" TEXT NULL,
    "phone_masked" TEXT NULL,
    "consent_given" INTEGER NOT NULL,
    "external_source" TEXT NULL,
    "external_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "unit_id" INTEGER NULL,
    "assigned_at" TEXT NULL,
    "due_date" TEXT NULL,
    "acknowledged_at" TEXT NULL,
    "replied_at" TEXT NULL,
    "reply_content" TEXT NULL,
    "replied_late" INTEGER NOT NULL,
    "round" INTEGER NOT NULL,
    "rating" TEXT NULL,
    "rating_comment" TEXT NULL,
    "rated_at" TEXT NULL,
    "closed_at" TEXT NULL,
    "closed_reason" TEXT NULL,
    "merged_into_id" INTEGER NULL,
    "decline_reason" TEXT NULL,
    "escalated_to" TEXT NULL,
    "published_at" TEXT NULL,
    "overdue" INTEGER NOT NULL,
    "supervision_count" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "IX_opinions_external_source_external_id" ON "opinions" ("external_source", "external_id");

CREATE INDEX "IX_opinions_jurisdiction_code_created_at" ON "opinions" ("jurisdiction_code", "created_at");

CREATE INDEX "IX_opinions_jurisdiction_code_state_created_at" ON "opinions" ("jurisdiction_code", "state", "created_at");

CREATE INDEX "IX_opinions_phone_index" ON "opinions" ("phone_index");

CREATE INDEX "IX_opinions_representative_id" ON "opinions" ("representative_id");

CREATE INDEX "IX_opinions_state_due_date" ON "opinions" ("state", "due_date");

CREATE INDEX "IX_opinions_station_id" ON "opinions" ("station_id");

CREATE UNIQUE INDEX "IX_opinions_tracking_code" ON "opinions" ("tracking_code");

CREATE INDEX "IX_opinions_unit_id_state" ON "opinions" ("unit_id", "state");
