-- 0006_opinion_public (sqlite): written with scripts/new-migration.sh from the EF model, then read by hand
CREATE TABLE "opinion_attachments" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_opinion_attachments" PRIMARY KEY AUTOINCREMENT,
    "opinion_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "uploaded_by" TEXT NOT NULL,
    "uploaded_at" TEXT NOT NULL,
    CONSTRAINT "FK_opinion_attachments_opinions_opinion_id" FOREIGN KEY ("opinion_id") REFERENCES "opinions" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_opinion_attachments_opinion_id_kind" ON "opinion_attachments" ("opinion_id", "kind");
