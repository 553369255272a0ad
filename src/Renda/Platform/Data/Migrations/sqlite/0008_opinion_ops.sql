-- 0008_opinion_ops (sqlite): written with scripts/new-migration.sh from the EF model, then read by hand
CREATE TABLE "job_leases" (
    "name" TEXT NOT NULL CONSTRAINT "PK_job_leases" PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL
);

CREATE TABLE "job_marks" (
    "key" TEXT NOT NULL CONSTRAINT "PK_job_marks" PRIMARY KEY,
    "job" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE TABLE "notices" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notices" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_code" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NULL,
    "link" TEXT NULL,
    "kind" TEXT NOT NULL,
    "source_type" TEXT NULL,
    "source_id" INTEGER NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    "read_by" TEXT NULL
);

CREATE TABLE "notification_outbox" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_notification_outbox" PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "recipient_cipher" TEXT NOT NULL,
    "recipient_masked" TEXT NOT NULL,
    "subject" TEXT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "source_type" TEXT NULL,
    "source_id" INTEGER NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "sent_at" TEXT NULL,
    "last_error" TEXT NULL
);

CREATE TABLE "open311_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_open311_keys" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "key_hash" TEXT NOT NULL,
    "key_prefix" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "revoked_at" TEXT NULL,
    "revoked_by" TEXT NULL
);

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
--     "suggestion_id" INTEGER NULL,
--     "published_at" TEXT NULL,
--     "overdue" INTEGER NOT NULL,
--     "supervision_count" INTEGER NOT NULL,
--     "latitude" REAL NULL,
--     "longitude" REAL NULL
-- );

CREATE INDEX "IX_job_marks_job_created_at" ON "job_marks" ("job", "created_at");

CREATE INDEX "IX_notices_audience_recipient_read_at" ON "notices" ("audience", "recipient", "read_at");

CREATE INDEX "IX_notices_jurisdiction_code_created_at" ON "notices" ("jurisdiction_code", "created_at");

CREATE INDEX "IX_notification_outbox_source_type_source_id" ON "notification_outbox" ("source_type", "source_id");

CREATE INDEX "IX_notification_outbox_state_next_attempt_at" ON "notification_outbox" ("state", "next_attempt_at");

CREATE UNIQUE INDEX "IX_open311_keys_key_hash" ON "open311_keys" ("key_hash");

CREATE UNIQUE INDEX "IX_open311_keys_name" ON "open311_keys" ("name");
