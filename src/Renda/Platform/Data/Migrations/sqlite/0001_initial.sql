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


CREATE TABLE "public_codes" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_public_codes" PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "target_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "issued_at" TEXT NULL,
    "issued_by" TEXT NULL,
    "revoked_at" TEXT NULL,
    "revoked_by" TEXT NULL,
    "revoke_reason" INTEGER NULL,
    "version" INTEGER NOT NULL
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


CREATE TABLE "voters" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_voters" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "household" TEXT NOT NULL,
    "phone_cipher" TEXT NULL,
    "phone_index" TEXT NULL,
    "phone_masked" TEXT NULL,
    "created_at" TEXT NOT NULL
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


CREATE TABLE "stations" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_stations" PRIMARY KEY AUTOINCREMENT,
    "jurisdiction_code" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "grade" INTEGER NOT NULL,
    "public_code" TEXT NOT NULL,
    "manager_user_id" TEXT NULL,
    "contact_name" TEXT NOT NULL,
    "door_open" INTEGER NOT NULL,
    "door_open_note" TEXT NOT NULL,
    "representatives_resident" INTEGER NOT NULL,
    "representatives_resident_note" TEXT NOT NULL,
    "voters_visit" INTEGER NOT NULL,
    "voters_visit_note" TEXT NOT NULL,
    "activities_regular" INTEGER NOT NULL,
    "activities_regular_note" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_stations_grade" CHECK (grade BETWEEN 1 AND 5),
    CONSTRAINT "FK_stations_users_manager_user_id" FOREIGN KEY ("manager_user_id") REFERENCES "users" ("id") ON DELETE SET NULL
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


CREATE TABLE "committee_members" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_committee_members" PRIMARY KEY AUTOINCREMENT,
    "term_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "ended_on" TEXT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "FK_committee_members_terms_term_id" FOREIGN KEY ("term_id") REFERENCES "terms" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_committee_members_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE RESTRICT
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


CREATE TABLE "reception_schedule_rules" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_reception_schedule_rules" PRIMARY KEY AUTOINCREMENT,
    "station_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "day_of_month" INTEGER NULL,
    "weekday" INTEGER NULL,
    "week_of_month" INTEGER NULL,
    "date" TEXT NULL,
    "start_time" TEXT NOT NULL,
    "end_time" TEXT NOT NULL,
    "valid_from" TEXT NOT NULL,
    "valid_until" TEXT NULL,
    "skip_holidays" INTEGER NOT NULL,
    CONSTRAINT "ck_reception_schedule_rules_times" CHECK (start_time < end_time),
    CONSTRAINT "FK_reception_schedule_rules_stations_station_id" FOREIGN KEY ("station_id") REFERENCES "stations" ("id") ON DELETE CASCADE
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


CREATE TABLE "receptions" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_receptions" PRIMARY KEY AUTOINCREMENT,
    "station_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "start_time" TEXT NULL,
    "end_time" TEXT NULL,
    "schedule_rule_id" INTEGER NULL,
    "citizen_count" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    CONSTRAINT "ck_receptions_citizen_count" CHECK (citizen_count >= 0),
    CONSTRAINT "FK_receptions_reception_schedule_rules_schedule_rule_id" FOREIGN KEY ("schedule_rule_id") REFERENCES "reception_schedule_rules" ("id") ON DELETE SET NULL,
    CONSTRAINT "FK_receptions_stations_station_id" FOREIGN KEY ("station_id") REFERENCES "stations" ("id") ON DELETE RESTRICT
);


CREATE TABLE "contact_pairings" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_contact_pairings" PRIMARY KEY AUTOINCREMENT,
    "level" INTEGER NOT NULL,
    "committee_member_id" INTEGER NULL,
    "representative_id" INTEGER NOT NULL,
    "voter_id" INTEGER NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "started_on" TEXT NOT NULL,
    "ended_on" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "ck_contact_pairings_parties" CHECK ((level = 1 AND committee_member_id IS NOT NULL AND voter_id IS NULL) OR (level = 2 AND voter_id IS NOT NULL AND committee_member_id IS NULL)),
    CONSTRAINT "FK_contact_pairings_committee_members_committee_member_id" FOREIGN KEY ("committee_member_id") REFERENCES "committee_members" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_contact_pairings_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_contact_pairings_voters_voter_id" FOREIGN KEY ("voter_id") REFERENCES "voters" ("id") ON DELETE RESTRICT
);


CREATE TABLE "duty_records" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_duty_records" PRIMARY KEY AUTOINCREMENT,
    "representative_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT NULL,
    "source_module" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "state" INTEGER NOT NULL,
    "recorded_at" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    CONSTRAINT "FK_duty_records_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT
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


CREATE TABLE "reception_rule_representatives" (
    "rule_id" INTEGER NOT NULL,
    "representative_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    CONSTRAINT "PK_reception_rule_representatives" PRIMARY KEY ("rule_id", "representative_id"),
    CONSTRAINT "FK_reception_rule_representatives_reception_schedule_rules_rule_id" FOREIGN KEY ("rule_id") REFERENCES "reception_schedule_rules" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_reception_rule_representatives_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT
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


CREATE TABLE "station_assignments" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_station_assignments" PRIMARY KEY AUTOINCREMENT,
    "station_id" INTEGER NOT NULL,
    "representative_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "started_on" TEXT NOT NULL,
    "ended_on" TEXT NULL,
    "assigned_by" TEXT NOT NULL,
    "ended_by" TEXT NULL,
    CONSTRAINT "FK_station_assignments_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_station_assignments_stations_station_id" FOREIGN KEY ("station_id") REFERENCES "stations" ("id") ON DELETE CASCADE
);


CREATE TABLE "station_representatives" (
    "station_id" INTEGER NOT NULL,
    "representative_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    CONSTRAINT "PK_station_representatives" PRIMARY KEY ("station_id", "representative_id"),
    CONSTRAINT "FK_station_representatives_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_station_representatives_stations_station_id" FOREIGN KEY ("station_id") REFERENCES "stations" ("id") ON DELETE CASCADE
);


CREATE TABLE "reception_items" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_reception_items" PRIMARY KEY AUTOINCREMENT,
    "reception_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "opinion_id" INTEGER NULL,
    CONSTRAINT "FK_reception_items_receptions_reception_id" FOREIGN KEY ("reception_id") REFERENCES "receptions" ("id") ON DELETE CASCADE
);


CREATE TABLE "reception_receivers" (
    "reception_id" INTEGER NOT NULL,
    "representative_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    CONSTRAINT "PK_reception_receivers" PRIMARY KEY ("reception_id", "representative_id"),
    CONSTRAINT "FK_reception_receivers_receptions_reception_id" FOREIGN KEY ("reception_id") REFERENCES "receptions" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_reception_receivers_representatives_representative_id" FOREIGN KEY ("representative_id") REFERENCES "representatives" ("id") ON DELETE RESTRICT
);


CREATE TABLE "contact_log" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_contact_log" PRIMARY KEY AUTOINCREMENT,
    "pairing_id" INTEGER NOT NULL,
    "jurisdiction_code" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "on" TEXT NOT NULL,
    "notes" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "FK_contact_log_contact_pairings_pairing_id" FOREIGN KEY ("pairing_id") REFERENCES "contact_pairings" ("id") ON DELETE RESTRICT
);


CREATE INDEX "IX_audit_entries_action" ON "audit_entries" ("action");


CREATE INDEX "IX_audit_entries_actor" ON "audit_entries" ("actor");


CREATE INDEX "IX_audit_entries_at" ON "audit_entries" ("at");


CREATE INDEX "IX_audit_entries_jurisdiction_code_at" ON "audit_entries" ("jurisdiction_code", "at");


CREATE INDEX "IX_committee_members_jurisdiction_code_term_id" ON "committee_members" ("jurisdiction_code", "term_id");


CREATE INDEX "IX_committee_members_term_id" ON "committee_members" ("term_id");


CREATE UNIQUE INDEX "IX_committee_members_user_id" ON "committee_members" ("user_id") WHERE user_id IS NOT NULL AND ended_on IS NULL;


CREATE UNIQUE INDEX "IX_congresses_jurisdiction_code" ON "congresses" ("jurisdiction_code");


CREATE INDEX "IX_constituencies_jurisdiction_code" ON "constituencies" ("jurisdiction_code");


CREATE UNIQUE INDEX "IX_constituencies_term_id_name" ON "constituencies" ("term_id", "name");


CREATE INDEX "IX_contact_log_jurisdiction_code_on" ON "contact_log" ("jurisdiction_code", "on");


CREATE INDEX "IX_contact_log_pairing_id_on" ON "contact_log" ("pairing_id", "on");


CREATE INDEX "IX_contact_pairings_committee_member_id" ON "contact_pairings" ("committee_member_id");


CREATE INDEX "IX_contact_pairings_jurisdiction_code_level" ON "contact_pairings" ("jurisdiction_code", "level");


CREATE INDEX "IX_contact_pairings_representative_id_level" ON "contact_pairings" ("representative_id", "level");


CREATE INDEX "IX_contact_pairings_voter_id" ON "contact_pairings" ("voter_id");


CREATE UNIQUE INDEX "ux_contact_pairings_committee_active" ON "contact_pairings" ("representative_id") WHERE level = 1 AND ended_on IS NULL;


CREATE UNIQUE INDEX "ux_contact_pairings_voter_active" ON "contact_pairings" ("representative_id", "voter_id") WHERE level = 2 AND ended_on IS NULL;


CREATE INDEX "IX_delegation_groups_jurisdiction_code" ON "delegation_groups" ("jurisdiction_code");


CREATE UNIQUE INDEX "IX_delegation_groups_term_id_name" ON "delegation_groups" ("term_id", "name");


CREATE INDEX "IX_duty_records_jurisdiction_code_date" ON "duty_records" ("jurisdiction_code", "date");


CREATE INDEX "IX_duty_records_representative_id_date" ON "duty_records" ("representative_id", "date");


CREATE UNIQUE INDEX "IX_duty_records_source_module_source_id_representative_id_kind" ON "duty_records" ("source_module", "source_id", "representative_id", "kind");


CREATE INDEX "IX_group_memberships_delegation_group_id" ON "group_memberships" ("delegation_group_id");


CREATE INDEX "IX_group_memberships_jurisdiction_code" ON "group_memberships" ("jurisdiction_code");


CREATE INDEX "IX_group_memberships_professional_group_id" ON "group_memberships" ("professional_group_id");


CREATE INDEX "IX_group_memberships_representative_id" ON "group_memberships" ("representative_id");


CREATE UNIQUE INDEX "IX_handling_units_jurisdiction_code_name" ON "handling_units" ("jurisdiction_code", "name");


CREATE INDEX "IX_jurisdictions_parent_code" ON "jurisdictions" ("parent_code");


CREATE INDEX "IX_professional_groups_jurisdiction_code" ON "professional_groups" ("jurisdiction_code");


CREATE UNIQUE INDEX "IX_professional_groups_term_id_name" ON "professional_groups" ("term_id", "name");


CREATE UNIQUE INDEX "IX_public_codes_code" ON "public_codes" ("code");


CREATE INDEX "IX_public_codes_jurisdiction_code" ON "public_codes" ("jurisdiction_code");


CREATE INDEX "IX_public_codes_kind_target_id" ON "public_codes" ("kind", "target_id");


CREATE INDEX "IX_reception_items_opinion_id" ON "reception_items" ("opinion_id");


CREATE UNIQUE INDEX "IX_reception_items_reception_id_ordinal" ON "reception_items" ("reception_id", "ordinal");


CREATE INDEX "IX_reception_receivers_representative_id" ON "reception_receivers" ("representative_id");


CREATE INDEX "IX_reception_rule_representatives_representative_id" ON "reception_rule_representatives" ("representative_id");


CREATE INDEX "IX_reception_schedule_rules_station_id" ON "reception_schedule_rules" ("station_id");


CREATE INDEX "IX_receptions_jurisdiction_code_date" ON "receptions" ("jurisdiction_code", "date");


CREATE INDEX "IX_receptions_schedule_rule_id" ON "receptions" ("schedule_rule_id");


CREATE INDEX "IX_receptions_station_id_date" ON "receptions" ("station_id", "date");


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


CREATE INDEX "IX_station_assignments_representative_id" ON "station_assignments" ("representative_id");


CREATE INDEX "IX_station_assignments_station_id_representative_id_started_on" ON "station_assignments" ("station_id", "representative_id", "started_on");


CREATE INDEX "IX_station_representatives_representative_id" ON "station_representatives" ("representative_id");


CREATE INDEX "IX_stations_jurisdiction_code_id" ON "stations" ("jurisdiction_code", "id");


CREATE INDEX "IX_stations_manager_user_id" ON "stations" ("manager_user_id");


CREATE UNIQUE INDEX "IX_stations_public_code" ON "stations" ("public_code");


CREATE UNIQUE INDEX "IX_terms_congress_id_number" ON "terms" ("congress_id", "number");


CREATE INDEX "IX_terms_jurisdiction_code" ON "terms" ("jurisdiction_code");


CREATE INDEX "IX_user_claims_user_id" ON "user_claims" ("user_id");


CREATE INDEX "IX_user_logins_user_id" ON "user_logins" ("user_id");


CREATE INDEX "IX_user_roles_role_id" ON "user_roles" ("role_id");


CREATE INDEX "EmailIndex" ON "users" ("normalized_email");


CREATE INDEX "IX_users_jurisdiction_code" ON "users" ("jurisdiction_code");


CREATE UNIQUE INDEX "UserNameIndex" ON "users" ("normalized_user_name");


CREATE INDEX "IX_voters_jurisdiction_code" ON "voters" ("jurisdiction_code");


CREATE INDEX "IX_voters_phone_index" ON "voters" ("phone_index");


CREATE INDEX "IX_workflow_history_workflow_entity_id_id" ON "workflow_history" ("workflow", "entity_id", "id");


