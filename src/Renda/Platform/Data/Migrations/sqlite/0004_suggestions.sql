-- 0004_suggestions (sqlite): written with scripts/new-migration.sh from the EF model, then read by hand
CREATE TABLE "suggestions" ( "id" INTEGER NOT NULL CONSTRAINT "PK_suggestions" PRIMARY KEY AUTOINCREMENT, "jurisdiction_code" TEXT NOT NULL, "version" INTEGER NOT NULL, "state" TEXT NOT NULL, "kind" TEXT NOT NULL, "converted_from_motion" INTEGER NOT NULL, "term_id" INTEGER NOT NULL, "session_id" INTEGER NULL, "period" TEXT NOT NULL, "filer_id" INTEGER NOT NULL, "title" TEXT NOT NULL, "body" TEXT NOT NULL, "category" TEXT NULL, "problem" TEXT NULL, "proposal" TEXT NULL, "origin_opinion_id" INTEGER NULL, "number" INTEGER NULL, "registered_at" TEXT NULL, "return_reason" TEXT NULL, "lead_unit_id" INTEGER NULL, "deadline" TEXT NULL, "first_assigned_at" TEXT NULL, "assigned_at" TEXT NULL, "acknowledged_at" TEXT NULL, "is_key" INTEGER NOT NULL, "key_leader_user_name" TEXT NULL, "result_class" TEXT NULL, "reply_content" TEXT NULL, "replied_at" TEXT NULL, "first_replied_at" TEXT NULL, "replied_on_time" INTEGER NULL, "rating" TEXT NULL, "evaluated_at" TEXT NULL, "round" INTEGER NOT NULL, "carried_over" INTEGER NOT NULL, "carried_into_year" INTEGER NULL, "last_supervised_at" TEXT NULL, "supervision_count" INTEGER NOT NULL, "created_at" TEXT NOT NULL, "submitted_at" TEXT NULL, "closed_at" TEXT NULL, CONSTRAINT "FK_suggestions_handling_units_lead_unit_id" FOREIGN KEY ("lead_unit_id") REFERENCES "handling_units" ("id") ON DELETE RESTRICT, CONSTRAINT "FK_suggestions_representatives_filer_id" FOREIGN KEY ("filer_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT, CONSTRAINT "FK_suggestions_sessions_session_id" FOREIGN KEY ("session_id") REFERENCES "sessions" ("id") ON DELETE RESTRICT, CONSTRAINT "FK_suggestions_terms_term_id" FOREIGN KEY ("term_id") REFERENCES "terms" ("id") ON DELETE RESTRICT );

CREATE TABLE "suggestion_co_signers" ( "id" INTEGER NOT NULL CONSTRAINT "PK_suggestion_co_signers" PRIMARY KEY AUTOINCREMENT, "suggestion_id" INTEGER NOT NULL, "representative_id" INTEGER NOT NULL, "jurisdiction_code" TEXT NOT NULL, "invited_at" TEXT NOT NULL, "confirmed_at" TEXT NULL, CONSTRAINT "FK_suggestion_co_signers_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT, CONSTRAINT "FK_suggestion_co_signers_suggestions_suggestion_id" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions" ("id") ON DELETE CASCADE );

CREATE TABLE "suggestion_documents" ( "id" INTEGER NOT NULL CONSTRAINT "PK_suggestion_documents" PRIMARY KEY AUTOINCREMENT, "suggestion_id" INTEGER NOT NULL, "jurisdiction_code" TEXT NOT NULL, "round" INTEGER NOT NULL, "file_name" TEXT NOT NULL, "content_type" TEXT NOT NULL, "content" BLOB NOT NULL, "uploaded_at" TEXT NOT NULL, "uploaded_by" TEXT NOT NULL, CONSTRAINT "FK_suggestion_documents_suggestions_suggestion_id" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions" ("id") ON DELETE CASCADE );

CREATE TABLE "suggestion_meetings" ( "id" INTEGER NOT NULL CONSTRAINT "PK_suggestion_meetings" PRIMARY KEY AUTOINCREMENT, "suggestion_id" INTEGER NOT NULL, "jurisdiction_code" TEXT NOT NULL, "held_on" TEXT NOT NULL, "place" TEXT NOT NULL, "participants" TEXT NOT NULL, "notes" TEXT NULL, "recorded_at" TEXT NOT NULL, "recorded_by" TEXT NOT NULL, CONSTRAINT "FK_suggestion_meetings_suggestions_suggestion_id" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions" ("id") ON DELETE CASCADE );

CREATE TABLE "suggestion_units" ( "id" INTEGER NOT NULL CONSTRAINT "PK_suggestion_units" PRIMARY KEY AUTOINCREMENT, "suggestion_id" INTEGER NOT NULL, "handling_unit_id" INTEGER NOT NULL, "jurisdiction_code" TEXT NOT NULL, "role" TEXT NOT NULL, "opinion" TEXT NULL, "opinion_at" TEXT NULL, "opinion_by" TEXT NULL, CONSTRAINT "FK_suggestion_units_handling_units_handling_unit_id" FOREIGN KEY ("handling_unit_id") REFERENCES "handling_units" ("id") ON DELETE RESTRICT, CONSTRAINT "FK_suggestion_units_suggestions_suggestion_id" FOREIGN KEY ("suggestion_id") REFERENCES "suggestions" ("id") ON DELETE CASCADE );

CREATE INDEX "IX_suggestion_co_signers_representative_id" ON "suggestion_co_signers" ("representative_id");

CREATE UNIQUE INDEX "IX_suggestion_co_signers_suggestion_id_representative_id" ON "suggestion_co_signers" ("suggestion_id", "representative_id");

CREATE INDEX "IX_suggestion_documents_suggestion_id_round" ON "suggestion_documents" ("suggestion_id", "round");

CREATE INDEX "IX_suggestion_meetings_suggestion_id" ON "suggestion_meetings" ("suggestion_id");

CREATE INDEX "IX_suggestion_units_handling_unit_id" ON "suggestion_units" ("handling_unit_id");

CREATE UNIQUE INDEX "IX_suggestion_units_suggestion_id_handling_unit_id" ON "suggestion_units" ("suggestion_id", "handling_unit_id");

CREATE INDEX "IX_suggestions_filer_id" ON "suggestions" ("filer_id");

CREATE INDEX "IX_suggestions_jurisdiction_code_state" ON "suggestions" ("jurisdiction_code", "state");

CREATE INDEX "IX_suggestions_lead_unit_id" ON "suggestions" ("lead_unit_id");

CREATE INDEX "IX_suggestions_origin_opinion_id" ON "suggestions" ("origin_opinion_id");

CREATE INDEX "IX_suggestions_session_id" ON "suggestions" ("session_id");

CREATE UNIQUE INDEX "IX_suggestions_term_id_kind_number" ON "suggestions" ("term_id", "kind", "number");
