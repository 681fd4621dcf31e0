import { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795347072919 implements MigrationInterface {
    name = 'Init1795347072919'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "department" ("id" BIGSERIAL NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "parent_id" bigint, "path" character varying(400) NOT NULL, "depth" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_9a2213262c1593bffb581e382f5" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_62690f4fe31da9eb824d909285" ON "department"  ("code") `);
        await queryRunner.query(`CREATE INDEX "department_parent_idx" ON "department"  ("parent_id") `);
        await queryRunner.query(`CREATE TABLE "category" ("id" BIGSERIAL NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "parent_id" bigint, "path" character varying(400) NOT NULL, "depth" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_9c4e4a89e3674fc9f382d733f03" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_652a15c02538138f021f1320de" ON "category"  ("code") `);
        await queryRunner.query(`CREATE INDEX "category_parent_idx" ON "category"  ("parent_id") `);
        await queryRunner.query(`CREATE TABLE "citizen" ("id" BIGSERIAL NOT NULL, "name" character varying(100), "phone" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0e19d9fdbdd0d185ce72fe62a04" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "citizen_phone_key" ON "citizen"  ("phone") WHERE phone IS NOT NULL`);
        await queryRunner.query(`CREATE TABLE "region" ("id" BIGSERIAL NOT NULL, "code" character varying(64) NOT NULL, "name" character varying(200) NOT NULL, "parent_id" bigint, "path" character varying(400) NOT NULL, "depth" integer NOT NULL DEFAULT '0', "level" character varying(16) NOT NULL DEFAULT 'DISTRICT', CONSTRAINT "PK_5f48ffc3af96bc486f5f3f3a6da" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_74f7723fdff738f92929c0056c" ON "region"  ("code") `);
        await queryRunner.query(`CREATE INDEX "region_parent_idx" ON "region"  ("parent_id") `);
        await queryRunner.query(`CREATE TYPE "public"."role" AS ENUM('AGENT', 'SUPERVISOR', 'LIAISON', 'ANALYST', 'ADMIN')`);
        await queryRunner.query(`CREATE TABLE "staff" ("id" BIGSERIAL NOT NULL, "username" character varying(64) NOT NULL, "display_name" character varying(100) NOT NULL, "password_hash" character varying(200) NOT NULL, "roles" "public"."role" array NOT NULL, "department_id" bigint, "active" boolean NOT NULL DEFAULT true, "demo" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e4ee98bb552756c180aec1e854a" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_35aafb5ad218f3ff1ff70e281e" ON "staff"  ("username") `);
        await queryRunner.query(`CREATE INDEX "staff_department_idx" ON "staff"  ("department_id") `);
        await queryRunner.query(`CREATE TYPE "public"."channel" AS ENUM('PHONE', 'SMS', 'WEB', 'APP', 'WECHAT', 'EMAIL', 'LETTER', 'VISIT', 'TRANSFER')`);
        await queryRunner.query(`CREATE TYPE "public"."request_type" AS ENUM('CONSULTATION', 'HELP', 'COMPLAINT', 'REPORT', 'SUGGESTION', 'PRAISE')`);
        await queryRunner.query(`CREATE TYPE "public"."urgency" AS ENUM('NORMAL', 'URGENT', 'EMERGENCY')`);
        await queryRunner.query(`CREATE TYPE "public"."request_status" AS ENUM('REGISTERED', 'DISPATCHED', 'IN_PROGRESS', 'REPLIED', 'AWAITING_FOLLOW_UP', 'CLOSED', 'MERGED', 'VOID')`);
        await queryRunner.query(`CREATE TYPE "public"."supervision_level" AS ENUM('REMINDER', 'LISTED', 'SUMMONED')`);
        await queryRunner.query(`CREATE TABLE "service_request" ("id" BIGSERIAL NOT NULL, "code" character varying(32) NOT NULL, "idempotency_key" character varying(128), "channel" "public"."channel" NOT NULL, "type" "public"."request_type" NOT NULL, "urgency" "public"."urgency" NOT NULL, "status" "public"."request_status" NOT NULL, "title" character varying(200) NOT NULL, "content" text NOT NULL, "category_id" bigint NOT NULL, "region_id" bigint, "address" character varying(500), "citizen_id" bigint, "confidential" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "registered_by_id" bigint NOT NULL, "owner_id" bigint NOT NULL, "lead_assignment_id" bigint, "round" integer NOT NULL DEFAULT '1', "due_at" TIMESTAMP WITH TIME ZONE, "follow_up_due_at" TIMESTAMP WITH TIME ZONE, "follow_up_warn_at" TIMESTAMP WITH TIME ZONE, "reopen_count" integer NOT NULL DEFAULT '0', "unreached_attempts" integer NOT NULL DEFAULT '0', "supervision_level" "public"."supervision_level", "merged_into_id" bigint, "intake_answer" text, "resolved_at_intake_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "close_reason" text, "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_08446fa58294cb2dd0b6ff9e5a7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_22973a3d5eb50ab8d1e9570c7c" ON "service_request"  ("code") `);
        await queryRunner.query(`CREATE INDEX "service_request_merged_into_idx" ON "service_request"  ("merged_into_id") `);
        await queryRunner.query(`CREATE INDEX "service_request_owner_idx" ON "service_request"  ("owner_id") `);
        await queryRunner.query(`CREATE INDEX "service_request_region_idx" ON "service_request"  ("region_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "service_request_category_idx" ON "service_request"  ("category_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "service_request_citizen_idx" ON "service_request"  ("citizen_id", "created_at") `);
        await queryRunner.query(`CREATE INDEX "service_request_created_idx" ON "service_request"  ("created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "service_request_status_created_idx" ON "service_request"  ("status", "created_at", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "service_request_registered_by_idem_key" ON "service_request"  ("registered_by_id", "idempotency_key") WHERE idempotency_key IS NOT NULL`);
        await queryRunner.query(`CREATE TYPE "public"."assignment_role" AS ENUM('LEAD', 'ASSIST')`);
        await queryRunner.query(`CREATE TYPE "public"."assignment_status" AS ENUM('PENDING', 'ACCEPTED', 'RETURN_REQUESTED', 'RETURNED', 'REPLIED', 'COMPLETED', 'CANCELLED')`);
        await queryRunner.query(`CREATE TYPE "public"."reply_outcome" AS ENUM('RESOLVED', 'PARTIALLY_RESOLVED', 'EXPLAINED', 'UNRESOLVABLE')`);
        await queryRunner.query(`CREATE TABLE "assignment" ("id" BIGSERIAL NOT NULL, "request_id" bigint NOT NULL, "department_id" bigint NOT NULL, "role" "public"."assignment_role" NOT NULL, "status" "public"."assignment_status" NOT NULL, "round" integer NOT NULL, "dispatched_at" TIMESTAMP WITH TIME ZONE NOT NULL, "dispatched_by_id" bigint, "accept_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accept_warn_at" TIMESTAMP WITH TIME ZONE, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by_id" bigint, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reply_warn_at" TIMESTAMP WITH TIME ZONE, "replied_at" TIMESTAMP WITH TIME ZONE, "replied_by_id" bigint, "reply" text, "reply_outcome" "public"."reply_outcome", "replied_on_time" boolean, "return_reason" text, "return_requested_at" TIMESTAMP WITH TIME ZONE, "status_before_return" "public"."assignment_status", "designated" boolean NOT NULL DEFAULT false, "returned_at" TIMESTAMP WITH TIME ZONE, "completed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_43c2f5a3859f54cedafb270f37e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "assignment_department_dispatched_idx" ON "assignment"  ("department_id", "dispatched_at", "id") `);
        await queryRunner.query(`CREATE INDEX "assignment_department_status_idx" ON "assignment"  ("department_id", "status", "dispatched_at", "id") `);
        await queryRunner.query(`CREATE INDEX "assignment_request_idx" ON "assignment"  ("request_id", "id") `);
        await queryRunner.query(`CREATE TABLE "calendar_day" ("date" date NOT NULL, "workday" boolean NOT NULL, "note" character varying(100), CONSTRAINT "PK_82404934db32af18c10dfe7087e" PRIMARY KEY ("date"))`);
        await queryRunner.query(`CREATE TYPE "public"."decision_status" AS ENUM('PENDING', 'APPROVED', 'REJECTED')`);
        await queryRunner.query(`CREATE TABLE "extension_request" ("id" BIGSERIAL NOT NULL, "assignment_id" bigint NOT NULL, "request_id" bigint NOT NULL, "requested_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "previous_due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "status" "public"."decision_status" NOT NULL, "requested_by_id" bigint NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by_id" bigint, "decided_at" TIMESTAMP WITH TIME ZONE, "comment" text, CONSTRAINT "PK_fa783aff51254a4e5739909d199" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "extension_request_one_pending_key" ON "extension_request"  ("assignment_id") WHERE status = 'PENDING'`);
        await queryRunner.query(`CREATE INDEX "extension_request_assignment_idx" ON "extension_request"  ("assignment_id", "id") `);
        await queryRunner.query(`CREATE TYPE "public"."satisfaction" AS ENUM('VERY_SATISFIED', 'SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED', 'VERY_DISSATISFIED')`);
        await queryRunner.query(`CREATE TABLE "follow_up" ("id" BIGSERIAL NOT NULL, "request_id" bigint NOT NULL, "attempt" integer NOT NULL, "round" integer NOT NULL, "lead_department_id" bigint, "reached" boolean NOT NULL, "satisfaction" "public"."satisfaction", "resolved" boolean, "comment" text, "recorded_by_id" bigint NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5c0a5f5b32937e47e0ab09d596c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "follow_up_recorded_idx" ON "follow_up"  ("recorded_at") `);
        await queryRunner.query(`CREATE INDEX "follow_up_request_idx" ON "follow_up"  ("request_id", "id") `);
        await queryRunner.query(`CREATE TABLE "outbox_event" ("id" BIGSERIAL NOT NULL, "topic" character varying(64) NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_cc0c9e40998e45ecfc5e313429d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "personal_data_view" ("id" BIGSERIAL NOT NULL, "viewer_id" bigint NOT NULL, "citizen_id" bigint NOT NULL, "request_id" bigint, "fields" character varying array NOT NULL, "operation" character varying(100), "viewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_42f2e2b6084b4cd6e02a58f4ce6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "personal_data_view_viewer_idx" ON "personal_data_view"  ("viewer_id", "viewed_at") `);
        await queryRunner.query(`CREATE INDEX "personal_data_view_citizen_idx" ON "personal_data_view"  ("citizen_id", "viewed_at") `);
        await queryRunner.query(`CREATE TYPE "public"."sla_unit" AS ENUM('MINUTES', 'HOURS', 'WORKING_DAYS')`);
        await queryRunner.query(`CREATE TABLE "sla_policy" ("request_type" "public"."request_type" NOT NULL, "urgency" "public"."urgency" NOT NULL, "accept_amount" integer NOT NULL, "accept_unit" "public"."sla_unit" NOT NULL, "reply_amount" integer NOT NULL, "reply_unit" "public"."sla_unit" NOT NULL, "follow_up_amount" integer NOT NULL, "follow_up_unit" "public"."sla_unit" NOT NULL, "warn_before_amount" integer NOT NULL, "warn_before_unit" "public"."sla_unit" NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by_id" bigint, CONSTRAINT "PK_efcc349d39f94f200300cc648a1" PRIMARY KEY ("request_type", "urgency"))`);
        await queryRunner.query(`CREATE TYPE "public"."timeline_event_kind" AS ENUM('CREATED', 'RESOLVED_AT_INTAKE', 'DISPATCHED', 'ACCEPTED', 'RETURN_REQUESTED', 'RETURN_DECIDED', 'EXTENSION_REQUESTED', 'EXTENSION_DECIDED', 'REPLIED', 'REPLY_REVIEWED', 'FOLLOWED_UP', 'REOPENED', 'CLOSED', 'MERGED', 'VOIDED', 'URGED', 'SUPERVISED', 'OWNERSHIP_TRANSFERRED', 'NOTE', 'DEADLINE_WARNING', 'OVERDUE')`);
        await queryRunner.query(`CREATE TABLE "timeline_event" ("id" BIGSERIAL NOT NULL, "request_id" bigint NOT NULL, "assignment_id" bigint, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "kind" "public"."timeline_event_kind" NOT NULL, "actor_id" bigint, "summary" text NOT NULL, "data" jsonb, CONSTRAINT "PK_8f5a66cd7151d78a419da3a3375" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "timeline_event_request_idx" ON "timeline_event"  ("request_id", "id") `);
        await queryRunner.query(`ALTER TABLE "department" ADD CONSTRAINT "FK_110d56d702b0880fe9b005878e9" FOREIGN KEY ("parent_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "category" ADD CONSTRAINT "FK_1117b4fcb3cd4abb4383e1c2743" FOREIGN KEY ("parent_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "region" ADD CONSTRAINT "FK_2547f55866c0274d35fdd9a29c0" FOREIGN KEY ("parent_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "staff" ADD CONSTRAINT "FK_51b371508b14db31bee80fded0a" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_e2fade755f8aacf359dcc55ebe9" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_2589817354cfe985461c41c08f2" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_64f9c98e537fe424ccb581221c1" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_62df19ad5d3ce9d22788426a640" FOREIGN KEY ("registered_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_4c3875401fbff9a491ada8a84a3" FOREIGN KEY ("owner_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_062534760e926bc409e64e79647" FOREIGN KEY ("lead_assignment_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_ddd8af00c352beda00924e8a278" FOREIGN KEY ("merged_into_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "FK_0f0cb1b61eeadc3cd208ef2d75c" FOREIGN KEY ("request_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "FK_e4e8e2c2163faeb542fc2faba7e" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "FK_04ed8be227860a4397decd55eed" FOREIGN KEY ("dispatched_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "FK_79b20f28029e18324a0d0d89f7a" FOREIGN KEY ("accepted_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "assignment" ADD CONSTRAINT "FK_6ec69200baa5bb4b3a098645c4c" FOREIGN KEY ("replied_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "FK_5f17e8f3f0108ecb9593e325c1d" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "FK_6bd981314ecabaa6ae3c0d17595" FOREIGN KEY ("request_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "FK_cc3073c3b3ba8bea8c0433d6fc7" FOREIGN KEY ("requested_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "extension_request" ADD CONSTRAINT "FK_da4ed347ee61581e3a4a4d0329c" FOREIGN KEY ("decided_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "follow_up" ADD CONSTRAINT "FK_c210e1bbd9ac458198efb68cc88" FOREIGN KEY ("request_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "follow_up" ADD CONSTRAINT "FK_173f4307609cbd1be92f144441c" FOREIGN KEY ("lead_department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "follow_up" ADD CONSTRAINT "FK_ad1c93d16b9bc64fb4051230d5f" FOREIGN KEY ("recorded_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "personal_data_view" ADD CONSTRAINT "FK_b4944cd6dceba6137f2b7c8f4c7" FOREIGN KEY ("viewer_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "personal_data_view" ADD CONSTRAINT "FK_3f9f69cfb4d1e12b54b2e1fd7d0" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "personal_data_view" ADD CONSTRAINT "FK_24de5804db2def8ca1ad2d0edcc" FOREIGN KEY ("request_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "timeline_event" ADD CONSTRAINT "FK_737cb787f9e7c395b9d14e336e4" FOREIGN KEY ("request_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "timeline_event" ADD CONSTRAINT "FK_197448643279840e805401dd611" FOREIGN KEY ("assignment_id") REFERENCES "assignment"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "timeline_event" ADD CONSTRAINT "FK_1d800b7fe0182b6a237ef36f871" FOREIGN KEY ("actor_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

        // Written by hand: what entity metadata cannot express.
        // Trigram indexes make substring search over Chinese text (ILIKE '%…%') an index lookup.
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE INDEX "service_request_title_trgm_idx" ON "service_request" USING gin ("title" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "service_request_content_trgm_idx" ON "service_request" USING gin ("content" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "service_request_code_trgm_idx" ON "service_request" USING gin ("code" gin_trgm_ops)`);
        // Subtree lookups are prefix matches on the materialised path.
        await queryRunner.query(`CREATE INDEX "department_path_idx" ON "department" ("path" text_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "category_path_idx" ON "category" ("path" text_pattern_ops)`);
        await queryRunner.query(`CREATE INDEX "region_path_idx" ON "region" ("path" text_pattern_ops)`);
        // Deadlines that are still running: the overdue filters and the deadline scan read only these.
        await queryRunner.query(`CREATE INDEX "service_request_open_due_idx" ON "service_request" ("due_at") WHERE "status" IN ('DISPATCHED', 'IN_PROGRESS', 'AWAITING_FOLLOW_UP')`);
        await queryRunner.query(`CREATE INDEX "assignment_open_accept_due_idx" ON "assignment" ("accept_due_at") WHERE "status" = 'PENDING'`);
        await queryRunner.query(`CREATE INDEX "assignment_open_reply_due_idx" ON "assignment" ("due_at") WHERE "status" IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`);
        await queryRunner.query(`CREATE INDEX "outbox_event_unsent_idx" ON "outbox_event" ("id") WHERE "sent_at" IS NULL`);
        // Request codes ("20261122-000123"): a sequence never blocks concurrent intakes.
        await queryRunner.query(`CREATE SEQUENCE "service_request_code_seq"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP SEQUENCE "service_request_code_seq"`);
        for (const index of ['outbox_event_unsent_idx', 'assignment_open_reply_due_idx', 'assignment_open_accept_due_idx',
          'service_request_open_due_idx', 'region_path_idx', 'category_path_idx', 'department_path_idx',
          'service_request_code_trgm_idx', 'service_request_content_trgm_idx', 'service_request_title_trgm_idx']) {
          await queryRunner.query(`DROP INDEX "public"."${index}"`);
        }

        await queryRunner.query(`ALTER TABLE "timeline_event" DROP CONSTRAINT "FK_1d800b7fe0182b6a237ef36f871"`);
        await queryRunner.query(`ALTER TABLE "timeline_event" DROP CONSTRAINT "FK_197448643279840e805401dd611"`);
        await queryRunner.query(`ALTER TABLE "timeline_event" DROP CONSTRAINT "FK_737cb787f9e7c395b9d14e336e4"`);
        await queryRunner.query(`ALTER TABLE "personal_data_view" DROP CONSTRAINT "FK_24de5804db2def8ca1ad2d0edcc"`);
        await queryRunner.query(`ALTER TABLE "personal_data_view" DROP CONSTRAINT "FK_3f9f69cfb4d1e12b54b2e1fd7d0"`);
        await queryRunner.query(`ALTER TABLE "personal_data_view" DROP CONSTRAINT "FK_b4944cd6dceba6137f2b7c8f4c7"`);
        await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "FK_ad1c93d16b9bc64fb4051230d5f"`);
        await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "FK_173f4307609cbd1be92f144441c"`);
        await queryRunner.query(`ALTER TABLE "follow_up" DROP CONSTRAINT "FK_c210e1bbd9ac458198efb68cc88"`);
        await queryRunner.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "FK_da4ed347ee61581e3a4a4d0329c"`);
        await queryRunner.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "FK_cc3073c3b3ba8bea8c0433d6fc7"`);
        await queryRunner.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "FK_6bd981314ecabaa6ae3c0d17595"`);
        await queryRunner.query(`ALTER TABLE "extension_request" DROP CONSTRAINT "FK_5f17e8f3f0108ecb9593e325c1d"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "FK_6ec69200baa5bb4b3a098645c4c"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "FK_79b20f28029e18324a0d0d89f7a"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "FK_04ed8be227860a4397decd55eed"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "FK_e4e8e2c2163faeb542fc2faba7e"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP CONSTRAINT "FK_0f0cb1b61eeadc3cd208ef2d75c"`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_ddd8af00c352beda00924e8a278"`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_062534760e926bc409e64e79647"`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_4c3875401fbff9a491ada8a84a3"`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_62df19ad5d3ce9d22788426a640"`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_64f9c98e537fe424ccb581221c1"`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_2589817354cfe985461c41c08f2"`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_e2fade755f8aacf359dcc55ebe9"`);
        await queryRunner.query(`ALTER TABLE "staff" DROP CONSTRAINT "FK_51b371508b14db31bee80fded0a"`);
        await queryRunner.query(`ALTER TABLE "region" DROP CONSTRAINT "FK_2547f55866c0274d35fdd9a29c0"`);
        await queryRunner.query(`ALTER TABLE "category" DROP CONSTRAINT "FK_1117b4fcb3cd4abb4383e1c2743"`);
        await queryRunner.query(`ALTER TABLE "department" DROP CONSTRAINT "FK_110d56d702b0880fe9b005878e9"`);
        await queryRunner.query(`DROP INDEX "public"."timeline_event_request_idx"`);
        await queryRunner.query(`DROP TABLE "timeline_event"`);
        await queryRunner.query(`DROP TYPE "public"."timeline_event_kind"`);
        await queryRunner.query(`DROP TABLE "sla_policy"`);
        await queryRunner.query(`DROP TYPE "public"."sla_unit"`);
        await queryRunner.query(`DROP INDEX "public"."personal_data_view_citizen_idx"`);
        await queryRunner.query(`DROP INDEX "public"."personal_data_view_viewer_idx"`);
        await queryRunner.query(`DROP TABLE "personal_data_view"`);
        await queryRunner.query(`DROP TABLE "outbox_event"`);
        await queryRunner.query(`DROP INDEX "public"."follow_up_request_idx"`);
        await queryRunner.query(`DROP INDEX "public"."follow_up_recorded_idx"`);
        await queryRunner.query(`DROP TABLE "follow_up"`);
        await queryRunner.query(`DROP TYPE "public"."satisfaction"`);
        await queryRunner.query(`DROP INDEX "public"."extension_request_assignment_idx"`);
        await queryRunner.query(`DROP INDEX "public"."extension_request_one_pending_key"`);
        await queryRunner.query(`DROP TABLE "extension_request"`);
        await queryRunner.query(`DROP TYPE "public"."decision_status"`);
        await queryRunner.query(`DROP TABLE "calendar_day"`);
        await queryRunner.query(`DROP INDEX "public"."assignment_request_idx"`);
        await queryRunner.query(`DROP INDEX "public"."assignment_department_status_idx"`);
        await queryRunner.query(`DROP INDEX "public"."assignment_department_dispatched_idx"`);
        await queryRunner.query(`DROP TABLE "assignment"`);
        await queryRunner.query(`DROP TYPE "public"."reply_outcome"`);
        await queryRunner.query(`DROP TYPE "public"."assignment_status"`);
        await queryRunner.query(`DROP TYPE "public"."assignment_role"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_registered_by_idem_key"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_status_created_idx"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_created_idx"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_citizen_idx"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_category_idx"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_region_idx"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_owner_idx"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_merged_into_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_22973a3d5eb50ab8d1e9570c7c"`);
        await queryRunner.query(`DROP TABLE "service_request"`);
        await queryRunner.query(`DROP TYPE "public"."urgency"`);
        await queryRunner.query(`DROP TYPE "public"."request_type"`);
        await queryRunner.query(`DROP TYPE "public"."supervision_level"`);
        await queryRunner.query(`DROP TYPE "public"."request_status"`);
        await queryRunner.query(`DROP TYPE "public"."channel"`);
        await queryRunner.query(`DROP INDEX "public"."staff_department_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_35aafb5ad218f3ff1ff70e281e"`);
        await queryRunner.query(`DROP TABLE "staff"`);
        await queryRunner.query(`DROP TYPE "public"."role"`);
        await queryRunner.query(`DROP INDEX "public"."region_parent_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_74f7723fdff738f92929c0056c"`);
        await queryRunner.query(`DROP TABLE "region"`);
        await queryRunner.query(`DROP INDEX "public"."citizen_phone_key"`);
        await queryRunner.query(`DROP TABLE "citizen"`);
        await queryRunner.query(`DROP INDEX "public"."category_parent_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_652a15c02538138f021f1320de"`);
        await queryRunner.query(`DROP TABLE "category"`);
        await queryRunner.query(`DROP INDEX "public"."department_parent_idx"`);
        await queryRunner.query(`DROP INDEX "public"."IDX_62690f4fe31da9eb824d909285"`);
        await queryRunner.query(`DROP TABLE "department"`);
    }

}
