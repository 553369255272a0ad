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

-- opinions: the ops part adds the WGS84 point an Open311 client sends (Opinion.Latitude/Longitude).
ALTER TABLE "opinions" ADD COLUMN "latitude" REAL NULL;
ALTER TABLE "opinions" ADD COLUMN "longitude" REAL NULL;

CREATE INDEX "IX_job_marks_job_created_at" ON "job_marks" ("job", "created_at");

CREATE INDEX "IX_notices_audience_recipient_read_at" ON "notices" ("audience", "recipient", "read_at");

CREATE INDEX "IX_notices_jurisdiction_code_created_at" ON "notices" ("jurisdiction_code", "created_at");

CREATE INDEX "IX_notification_outbox_source_type_source_id" ON "notification_outbox" ("source_type", "source_id");

CREATE INDEX "IX_notification_outbox_state_next_attempt_at" ON "notification_outbox" ("state", "next_attempt_at");

CREATE UNIQUE INDEX "IX_open311_keys_key_hash" ON "open311_keys" ("key_hash");

CREATE UNIQUE INDEX "IX_open311_keys_name" ON "open311_keys" ("name");
