-- 0001_initial (sqlite): generated from the EF model by scripts/gen-initial-migration.sh
CREATE TABLE "audit_entries" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_entries" PRIMARY KEY,
    "at" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "client_ip" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "entity_id" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);


CREATE TABLE "audit_head" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_audit_head" PRIMARY KEY,
    "last_id" INTEGER NOT NULL,
    "last_hash" TEXT NOT NULL
);


CREATE TABLE "congresses" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_congresses" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "level" INTEGER NOT NULL
);


CREATE TABLE "demo_loads" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_demo_loads" PRIMARY KEY,
    "county_code" TEXT NOT NULL,
    "seed" INTEGER NOT NULL,
    "loaded_at" TEXT NOT NULL
);


CREATE TABLE "handling_units" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_handling_units" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL
);


CREATE TABLE "jurisdictions" (
    "code" TEXT NOT NULL CONSTRAINT "PK_jurisdictions" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "parent_code" TEXT NULL
);


CREATE TABLE "roles" (
    "id" TEXT NOT NULL CONSTRAINT "PK_roles" PRIMARY KEY,
    "name" TEXT NULL,
    "normalized_name" TEXT NULL,
    "concurrency_stamp" TEXT NULL
);


CREATE TABLE "security_policies" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_security_policies" PRIMARY KEY,
    "min_password_length" INTEGER NOT NULL,
    "min_character_classes" INTEGER NOT NULL,
    "lockout_threshold" INTEGER NOT NULL,
    "lockout_minutes" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    "updated_by" TEXT NOT NULL
);


CREATE TABLE "stations" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_stations" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_code" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,
    "public_code" TEXT NOT NULL,
    CONSTRAINT "ck_stations_grade" CHECK (grade BETWEEN 1 AND 5)
);


CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "PK_users" PRIMARY KEY,
    "jurisdiction_code" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "must_change_password" INTEGER NOT NULL,
    "unit_id" INTEGER NULL,
    "representative_id" INTEGER NULL,
    "station_id" INTEGER NULL,
    "disabled" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL
);


CREATE TABLE "workflow_history" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_workflow_history" PRIMARY KEY AUTOINCREMENT,
    "workflow" TEXT NOT NULL,
    "entity_id" INTEGER NOT NULL,
    "from_state" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "to_state" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "actor_role" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "comment" TEXT NULL,
    "data" TEXT NULL,
    "jurisdiction_code" TEXT NOT NULL
);


CREATE TABLE "terms" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_terms" PRIMARY KEY AUTOINCREMENT,
    "congress_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NOT NULL,
    "is_current" INTEGER NOT NULL,
    CONSTRAINT "FK_terms_congresses_congress_id" FOREIGN KEY ("congress_id") REFERENCES "congresses" ("id") ON DELETE RESTRICT
);


CREATE TABLE "role_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_role_claims" PRIMARY KEY AUTOINCREMENT,
    "role_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "FK_role_claims_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE
);


CREATE TABLE "user_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_user_claims" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "FK_user_claims_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);


CREATE TABLE "user_logins" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "PK_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "FK_user_logins_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);


CREATE TABLE "user_roles" (
    "user_id" TEXT NOT NULL,
    "role_id" TEXT NOT NULL,
    CONSTRAINT "PK_user_roles" PRIMARY KEY ("user_id", "role_id"),
    CONSTRAINT "FK_user_roles_roles_role_id" FOREIGN KEY ("role_id") REFERENCES "roles" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_user_roles_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);


CREATE TABLE "user_tokens" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "PK_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "FK_user_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);


CREATE TABLE "constituencies" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_constituencies" PRIMARY KEY AUTOINCREMENT,
    "term_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    CONSTRAINT "FK_constituencies_terms_term_id" FOREIGN KEY ("term_id") REFERENCES "terms" ("id") ON DELETE RESTRICT
);


CREATE TABLE "delegation_groups" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_delegation_groups" PRIMARY KEY AUTOINCREMENT,
    "term_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "FK_delegation_groups_terms_term_id" FOREIGN KEY ("term_id") REFERENCES "terms" ("id") ON DELETE RESTRICT
);


CREATE TABLE "professional_groups" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_professional_groups" PRIMARY KEY AUTOINCREMENT,
    "term_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "FK_professional_groups_terms_term_id" FOREIGN KEY ("term_id") REFERENCES "terms" ("id") ON DELETE RESTRICT
);


CREATE TABLE "sessions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_sessions" PRIMARY KEY AUTOINCREMENT,
    "term_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NOT NULL,
    CONSTRAINT "FK_sessions_terms_term_id" FOREIGN KEY ("term_id") REFERENCES "terms" ("id") ON DELETE RESTRICT
);


CREATE TABLE "representatives" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_representatives" PRIMARY KEY AUTOINCREMENT,
    "term_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "pinyin_initials" TEXT NOT NULL,
    "gender" INTEGER NOT NULL,
    "ethnicity" TEXT NOT NULL,
    "birth_date" TEXT NOT NULL,
    "occupation" TEXT NOT NULL,
    "employer" TEXT NOT NULL,
    "levels" INTEGER NOT NULL,
    "id_number_cipher" TEXT NULL,
    "id_number_index" TEXT NULL,
    "id_number_masked" TEXT NULL,
    "phone_cipher" TEXT NULL,
    "phone_index" TEXT NULL,
    "phone_masked" TEXT NULL,
    "constituency" TEXT NOT NULL,
    "constituency_id" INTEGER NULL,
    "delegation_group_id" INTEGER NOT NULL,
    "professional_group_id" INTEGER NULL,
    "status" INTEGER NOT NULL,
    "office_started_on" TEXT NULL,
    "office_ended_on" TEXT NULL,
    "end_of_office_reason" TEXT NULL,
    "public_code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_representatives_constituencies_constituency_id" FOREIGN KEY ("constituency_id") REFERENCES "constituencies" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_representatives_delegation_groups_delegation_group_id" FOREIGN KEY ("delegation_group_id") REFERENCES "delegation_groups" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_representatives_professional_groups_professional_group_id" FOREIGN KEY ("professional_group_id") REFERENCES "professional_groups" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_representatives_terms_term_id" FOREIGN KEY ("term_id") REFERENCES "terms" ("id") ON DELETE RESTRICT
);


CREATE TABLE "group_memberships" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_group_memberships" PRIMARY KEY AUTOINCREMENT,
    "representative_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "delegation_group_id" INTEGER NULL,
    "professional_group_id" INTEGER NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    CONSTRAINT "ck_group_memberships_one_group" CHECK ((kind = 1 AND delegation_group_id IS NOT NULL AND professional_group_id IS NULL) OR (kind = 2 AND professional_group_id IS NOT NULL AND delegation_group_id IS NULL)),
    CONSTRAINT "FK_group_memberships_delegation_groups_delegation_group_id" FOREIGN KEY ("delegation_group_id") REFERENCES "delegation_groups" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_group_memberships_professional_groups_professional_group_id" FOREIGN KEY ("professional_group_id") REFERENCES "professional_groups" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_group_memberships_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE CASCADE
);


CREATE TABLE "representative_photos" (
    "representative_id" INTEGER NOT NULL CONSTRAINT "PK_representative_photos" PRIMARY KEY,
    "jurisdiction_code" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "sha256" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "FK_representative_photos_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE CASCADE
);


CREATE TABLE "station_representatives" (
    "station_id" INTEGER NOT NULL,
    "representative_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    CONSTRAINT "PK_station_representatives" PRIMARY KEY ("station_id", "representative_id"),
    CONSTRAINT "FK_station_representatives_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_station_representatives_stations_station_id" FOREIGN KEY ("station_id") REFERENCES "stations" ("id") ON DELETE CASCADE
);


CREATE INDEX "IX_audit_entries_action" ON "audit_entries" ("action");


CREATE INDEX "IX_audit_entries_actor" ON "audit_entries" ("actor");


CREATE INDEX "IX_audit_entries_at" ON "audit_entries" ("at");


CREATE INDEX "IX_audit_entries_jurisdiction_code_at" ON "audit_entries" ("jurisdiction_code", "at");


CREATE UNIQUE INDEX "IX_congresses_jurisdiction_code" ON "congresses" ("jurisdiction_code");


CREATE INDEX "IX_constituencies_jurisdiction_code" ON "constituencies" ("jurisdiction_code");


CREATE UNIQUE INDEX "IX_constituencies_term_id_name" ON "constituencies" ("term_id", "name");


CREATE INDEX "IX_delegation_groups_jurisdiction_code" ON "delegation_groups" ("jurisdiction_code");


CREATE UNIQUE INDEX "IX_delegation_groups_term_id_name" ON "delegation_groups" ("term_id", "name");


CREATE INDEX "IX_group_memberships_delegation_group_id" ON "group_memberships" ("delegation_group_id");


CREATE INDEX "IX_group_memberships_jurisdiction_code" ON "group_memberships" ("jurisdiction_code");


CREATE INDEX "IX_group_memberships_professional_group_id" ON "group_memberships" ("professional_group_id");


CREATE INDEX "IX_group_memberships_representative_id" ON "group_memberships" ("representative_id");


CREATE UNIQUE INDEX "IX_handling_units_jurisdiction_code_name" ON "handling_units" ("jurisdiction_code", "name");


CREATE INDEX "IX_jurisdictions_parent_code" ON "jurisdictions" ("parent_code");


CREATE INDEX "IX_professional_groups_jurisdiction_code" ON "professional_groups" ("jurisdiction_code");


CREATE UNIQUE INDEX "IX_professional_groups_term_id_name" ON "professional_groups" ("term_id", "name");


CREATE INDEX "IX_representatives_constituency_id" ON "representatives" ("constituency_id");


CREATE INDEX "IX_representatives_delegation_group_id" ON "representatives" ("delegation_group_id");


CREATE INDEX "IX_representatives_id_number_index" ON "representatives" ("id_number_index");


CREATE INDEX "IX_representatives_jurisdiction_code_id" ON "representatives" ("jurisdiction_code", "id");


CREATE INDEX "IX_representatives_phone_index" ON "representatives" ("phone_index");


CREATE INDEX "IX_representatives_professional_group_id" ON "representatives" ("professional_group_id");


CREATE UNIQUE INDEX "IX_representatives_public_code" ON "representatives" ("public_code");


CREATE INDEX "IX_representatives_term_id" ON "representatives" ("term_id");


CREATE UNIQUE INDEX "IX_representatives_term_id_id_number_index" ON "representatives" ("term_id", "id_number_index");


CREATE INDEX "IX_role_claims_role_id" ON "role_claims" ("role_id");


CREATE UNIQUE INDEX "RoleNameIndex" ON "roles" ("normalized_name");


CREATE INDEX "IX_sessions_jurisdiction_code" ON "sessions" ("jurisdiction_code");


CREATE UNIQUE INDEX "IX_sessions_term_id_number" ON "sessions" ("term_id", "number");


CREATE INDEX "IX_station_representatives_representative_id" ON "station_representatives" ("representative_id");


CREATE INDEX "IX_stations_jurisdiction_code_id" ON "stations" ("jurisdiction_code", "id");


CREATE UNIQUE INDEX "IX_stations_public_code" ON "stations" ("public_code");


CREATE UNIQUE INDEX "IX_terms_congress_id_number" ON "terms" ("congress_id", "number");


CREATE INDEX "IX_terms_jurisdiction_code" ON "terms" ("jurisdiction_code");


CREATE INDEX "IX_user_claims_user_id" ON "user_claims" ("user_id");


CREATE INDEX "IX_user_logins_user_id" ON "user_logins" ("user_id");


CREATE INDEX "IX_user_roles_role_id" ON "user_roles" ("role_id");


CREATE INDEX "EmailIndex" ON "users" ("normalized_email");


CREATE INDEX "IX_users_jurisdiction_code" ON "users" ("jurisdiction_code");


CREATE UNIQUE INDEX "UserNameIndex" ON "users" ("normalized_user_name");


CREATE INDEX "IX_workflow_history_workflow_entity_id_id" ON "workflow_history" ("workflow", "entity_id", "id");


