import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 7: what the importer brought in (source, source id, the request, a hash of the mapped record), and a
// timeline event kind that says a request came from another system.
export class Import1796130000000 implements MigrationInterface {
    name = 'Import1796130000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "import_record" ("id" BIGSERIAL NOT NULL, "source" character varying(64) NOT NULL, "source_id" character varying(128) NOT NULL, "request_id" bigint NOT NULL, "content_hash" character varying(64) NOT NULL, "imported_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_7cb4f3ff07ba70b0affacd863fd" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "import_record_request_idx" ON "import_record"  ("request_id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "import_record_source_key" ON "import_record"  ("source", "source_id") `);
        await queryRunner.query(`ALTER TYPE "public"."timeline_event_kind" ADD VALUE 'IMPORTED'`);
        await queryRunner.query(`ALTER TABLE "import_record" ADD CONSTRAINT "FK_d35ea150f3c175e3cfb72e4603c" FOREIGN KEY ("request_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "import_record" DROP CONSTRAINT "FK_d35ea150f3c175e3cfb72e4603c"`);
        await queryRunner.query(`DELETE FROM "timeline_event" WHERE "kind" = 'IMPORTED'`);
        await queryRunner.query(`CREATE TYPE "public"."timeline_event_kind_old" AS ENUM('CREATED', 'RESOLVED_AT_INTAKE', 'DISPATCHED', 'ACCEPTED', 'RETURN_REQUESTED', 'RETURN_DECIDED', 'EXTENSION_REQUESTED', 'EXTENSION_DECIDED', 'REPLIED', 'REPLY_REVIEWED', 'FOLLOWED_UP', 'REOPENED', 'CLOSED', 'MERGED', 'VOIDED', 'URGED', 'SUPERVISED', 'OWNERSHIP_TRANSFERRED', 'NOTE', 'DEADLINE_WARNING', 'OVERDUE')`);
        await queryRunner.query(`ALTER TABLE "timeline_event" ALTER COLUMN "kind" TYPE "public"."timeline_event_kind_old" USING "kind"::"text"::"public"."timeline_event_kind_old"`);
        await queryRunner.query(`DROP TYPE "public"."timeline_event_kind"`);
        await queryRunner.query(`ALTER TYPE "public"."timeline_event_kind_old" RENAME TO "timeline_event_kind"`);
        await queryRunner.query(`DROP INDEX "public"."import_record_source_key"`);
        await queryRunner.query(`DROP INDEX "public"."import_record_request_idx"`);
        await queryRunner.query(`DROP TABLE "import_record"`);
    }

}
