-- 0009_opinion_insight (sqlite): written with scripts/new-migration.sh from the EF model, then read by hand
CREATE TABLE "proposed_topics" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_proposed_topics" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "opinion_ids" TEXT NOT NULL,
    "opinion_count" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);

CREATE INDEX "IX_proposed_topics_jurisdiction_code_created_at" ON "proposed_topics" ("jurisdiction_code", "created_at");
