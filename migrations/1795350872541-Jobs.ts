import { MigrationInterface, QueryRunner } from "typeorm";

export class Jobs1795350872541 implements MigrationInterface {
    name = 'Jobs1795350872541'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "notification" ("id" BIGSERIAL NOT NULL, "recipient_id" bigint NOT NULL, "kind" character varying(40) NOT NULL, "message" text NOT NULL, "request_id" bigint, "department_id" bigint, "cause_key" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_705b6c7cdf9b2c2ff7ac7872cb7" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "notification_cause_recipient_key" ON "notification"  ("cause_key", "recipient_id") `);
        await queryRunner.query(`CREATE INDEX "notification_request_idx" ON "notification"  ("request_id") `);
        await queryRunner.query(`CREATE INDEX "notification_recipient_unread_idx" ON "notification"  ("recipient_id", "id") WHERE read_at IS NULL`);
        await queryRunner.query(`CREATE INDEX "notification_recipient_idx" ON "notification"  ("recipient_id", "id") `);
        await queryRunner.query(`CREATE TABLE "reminder_ledger" ("id" BIGSERIAL NOT NULL, "subject_type" character varying(16) NOT NULL, "subject_id" bigint NOT NULL, "kind" character varying(40) NOT NULL, "deadline" TIMESTAMP WITH TIME ZONE NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ced3d0c10a293a84327a9baa9d2" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "reminder_ledger_key" ON "reminder_ledger"  ("subject_type", "subject_id", "kind", "deadline") `);
        await queryRunner.query(`CREATE TABLE "department_webhook" ("id" BIGSERIAL NOT NULL, "department_id" bigint NOT NULL, "url" character varying(500) NOT NULL, "secret" character varying(200) NOT NULL, "active" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ce4253cb4de80bfbabf5f313611" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "department_webhook_department_key" ON "department_webhook"  ("department_id") `);
        await queryRunner.query(`CREATE TABLE "webhook_delivery" ("id" BIGSERIAL NOT NULL, "webhook_id" bigint NOT NULL, "event_key" character varying(120) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "last_status_code" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE, "failed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b1ae290239a778f12399db91354" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "webhook_delivery_status_idx" ON "webhook_delivery"  ("status", "id") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "webhook_delivery_event_key" ON "webhook_delivery"  ("webhook_id", "event_key") `);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_9830357f52360a126737d498e66" FOREIGN KEY ("recipient_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_5878f4b35143abceccd77125177" FOREIGN KEY ("request_id") REFERENCES "service_request"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "notification" ADD CONSTRAINT "FK_998b74523959d06e8abd8bc5503" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "department_webhook" ADD CONSTRAINT "FK_e07cbc83f5720dfd21533af0c08" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "webhook_delivery" ADD CONSTRAINT "FK_ef25cc28dcf88ea3dd81f39af2d" FOREIGN KEY ("webhook_id") REFERENCES "department_webhook"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "webhook_delivery" DROP CONSTRAINT "FK_ef25cc28dcf88ea3dd81f39af2d"`);
        await queryRunner.query(`ALTER TABLE "department_webhook" DROP CONSTRAINT "FK_e07cbc83f5720dfd21533af0c08"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_998b74523959d06e8abd8bc5503"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_5878f4b35143abceccd77125177"`);
        await queryRunner.query(`ALTER TABLE "notification" DROP CONSTRAINT "FK_9830357f52360a126737d498e66"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_delivery_event_key"`);
        await queryRunner.query(`DROP INDEX "public"."webhook_delivery_status_idx"`);
        await queryRunner.query(`DROP TABLE "webhook_delivery"`);
        await queryRunner.query(`DROP INDEX "public"."department_webhook_department_key"`);
        await queryRunner.query(`DROP TABLE "department_webhook"`);
        await queryRunner.query(`DROP INDEX "public"."reminder_ledger_key"`);
        await queryRunner.query(`DROP TABLE "reminder_ledger"`);
        await queryRunner.query(`DROP INDEX "public"."notification_recipient_idx"`);
        await queryRunner.query(`DROP INDEX "public"."notification_recipient_unread_idx"`);
        await queryRunner.query(`DROP INDEX "public"."notification_request_idx"`);
        await queryRunner.query(`DROP INDEX "public"."notification_cause_recipient_key"`);
        await queryRunner.query(`DROP TABLE "notification"`);
    }

}
