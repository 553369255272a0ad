-- 0005_performance (sqlite): written with scripts/new-migration.sh from the EF model, then read by hand
CREATE TABLE "activities" ( "id" INTEGER NOT NULL CONSTRAINT "PK_activities" PRIMARY KEY AUTOINCREMENT, "jurisdiction_code" TEXT NOT NULL, "type" TEXT NOT NULL, "title" TEXT NOT NULL, "date" TEXT NOT NULL, "place" TEXT NOT NULL, "organiser" TEXT NOT NULL, "created_at" TEXT NOT NULL );

CREATE TABLE "score_objections" ( "id" INTEGER NOT NULL CONSTRAINT "PK_score_objections" PRIMARY KEY AUTOINCREMENT, "representative_id" INTEGER NOT NULL, "jurisdiction_code" TEXT NOT NULL, "year" INTEGER NOT NULL, "criterion" TEXT NOT NULL, "text" TEXT NOT NULL, "raised_at" TEXT NOT NULL, "answer" TEXT NULL, "answered_by" TEXT NULL, "answered_at" TEXT NULL );

CREATE TABLE "scoring_rulebooks" ( "id" INTEGER NOT NULL CONSTRAINT "PK_scoring_rulebooks" PRIMARY KEY AUTOINCREMENT, "jurisdiction_code" TEXT NOT NULL, "year" INTEGER NOT NULL, "version" INTEGER NOT NULL, "name" TEXT NOT NULL, "note" TEXT NULL, "created_at" TEXT NOT NULL, "created_by" TEXT NOT NULL );

CREATE TABLE "scoring_criteria" ( "id" INTEGER NOT NULL CONSTRAINT "PK_scoring_criteria" PRIMARY KEY AUTOINCREMENT, "rulebook_id" INTEGER NOT NULL, "position" INTEGER NOT NULL, "code" TEXT NOT NULL, "name" TEXT NOT NULL, "counts" TEXT NOT NULL, "points_per_record" TEXT NOT NULL, "cap" TEXT NULL, CONSTRAINT "FK_scoring_criteria_scoring_rulebooks_rulebook_id" FOREIGN KEY ("rulebook_id") REFERENCES "scoring_rulebooks" ("id") ON DELETE CASCADE );

CREATE TABLE "activity_invitations" ( "id" INTEGER NOT NULL CONSTRAINT "PK_activity_invitations" PRIMARY KEY AUTOINCREMENT, "activity_id" INTEGER NOT NULL, "representative_id" INTEGER NOT NULL, "jurisdiction_code" TEXT NOT NULL, "attendance" INTEGER NOT NULL, "reason" TEXT NULL, CONSTRAINT "FK_activity_invitations_activities_activity_id" FOREIGN KEY ("activity_id") REFERENCES "activities" ("id") ON DELETE CASCADE, CONSTRAINT "FK_activity_invitations_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT );

CREATE TABLE "reporting_meetings" ( "id" INTEGER NOT NULL CONSTRAINT "PK_reporting_meetings" PRIMARY KEY AUTOINCREMENT, "representative_id" INTEGER NOT NULL, "jurisdiction_code" TEXT NOT NULL, "date" TEXT NOT NULL, "place" TEXT NOT NULL, "audience" TEXT NOT NULL, "draft" TEXT NOT NULL, "public_code" TEXT NOT NULL, "closed_at" TEXT NULL, "satisfied" INTEGER NOT NULL, "basically_satisfied" INTEGER NOT NULL, "unsatisfied" INTEGER NOT NULL, CONSTRAINT "FK_reporting_meetings_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT );

CREATE TABLE "self_reports" ( "id" INTEGER NOT NULL CONSTRAINT "PK_self_reports" PRIMARY KEY, "representative_id" INTEGER NOT NULL, "jurisdiction_code" TEXT NOT NULL, "state" TEXT NOT NULL, "version" INTEGER NOT NULL, "date" TEXT NOT NULL, "description" TEXT NOT NULL, "return_reason" TEXT NULL, "evidence_name" TEXT NULL, "evidence_type" TEXT NULL, "evidence" BLOB NULL, "submitted_at" TEXT NOT NULL, CONSTRAINT "FK_self_reports_duty_records_id" FOREIGN KEY ("id") REFERENCES "duty_records" ("id") ON DELETE CASCADE );

CREATE TABLE "evaluation_ballots" ( "id" INTEGER NOT NULL CONSTRAINT "PK_evaluation_ballots" PRIMARY KEY AUTOINCREMENT, "meeting_id" INTEGER NOT NULL, "code" TEXT NOT NULL, "rating" TEXT NULL, "channel" TEXT NULL, "cast_at" TEXT NULL, CONSTRAINT "FK_evaluation_ballots_reporting_meetings_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "reporting_meetings" ("id") ON DELETE CASCADE );

CREATE INDEX "IX_activities_jurisdiction_code_date" ON "activities" ("jurisdiction_code", "date");

CREATE UNIQUE INDEX "IX_activity_invitations_activity_id_representative_id" ON "activity_invitations" ("activity_id", "representative_id");

CREATE INDEX "IX_activity_invitations_representative_id_attendance" ON "activity_invitations" ("representative_id", "attendance");

CREATE UNIQUE INDEX "IX_evaluation_ballots_meeting_id_code" ON "evaluation_ballots" ("meeting_id", "code");

CREATE UNIQUE INDEX "IX_reporting_meetings_public_code" ON "reporting_meetings" ("public_code");

CREATE INDEX "IX_reporting_meetings_representative_id_date" ON "reporting_meetings" ("representative_id", "date");

CREATE INDEX "IX_score_objections_jurisdiction_code_answered_at" ON "score_objections" ("jurisdiction_code", "answered_at");

CREATE INDEX "IX_score_objections_representative_id_year" ON "score_objections" ("representative_id", "year");

CREATE UNIQUE INDEX "IX_scoring_criteria_rulebook_id_code" ON "scoring_criteria" ("rulebook_id", "code");

CREATE UNIQUE INDEX "IX_scoring_rulebooks_jurisdiction_code_year_version" ON "scoring_rulebooks" ("jurisdiction_code", "year", "version");

CREATE INDEX "IX_self_reports_jurisdiction_code_state" ON "self_reports" ("jurisdiction_code", "state");

CREATE INDEX "IX_self_reports_representative_id" ON "self_reports" ("representative_id");
