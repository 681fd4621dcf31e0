import { MigrationInterface, QueryRunner } from "typeorm";

export class Analytics1795351114014 implements MigrationInterface {
    name = 'Analytics1795351114014'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "kpi_rollup" ("day" date NOT NULL, "department_id" bigint NOT NULL, "category_id" bigint NOT NULL, "region_id" bigint NOT NULL, "channel" "public"."channel" NOT NULL, "request_type" "public"."request_type" NOT NULL, "received" integer NOT NULL DEFAULT '0', "resolved_at_intake" integer NOT NULL DEFAULT '0', "closed" integer NOT NULL DEFAULT '0', "reopened" integer NOT NULL DEFAULT '0', "dispatched" integer NOT NULL DEFAULT '0', "accepted_on_time" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "replied" integer NOT NULL DEFAULT '0', "replied_on_time" integer NOT NULL DEFAULT '0', "overdue_open" integer NOT NULL DEFAULT '0', "followed_up" integer NOT NULL DEFAULT '0', "satisfied" integer NOT NULL DEFAULT '0', "dissatisfied" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_12d7c6f95c9602cc3de9d7583f5" PRIMARY KEY ("day", "department_id", "category_id", "region_id", "channel", "request_type"))`);
        await queryRunner.query(`CREATE INDEX "kpi_rollup_department_day_idx" ON "kpi_rollup"  ("department_id", "day") `);
        await queryRunner.query(`CREATE TABLE "rollup_dirty_day" ("day" date NOT NULL, "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5d4e128b8f6dc6217d6ea9f0446" PRIMARY KEY ("day"))`);
        await queryRunner.query(`CREATE TABLE "hotspot_alert" ("id" BIGSERIAL NOT NULL, "category_id" bigint NOT NULL, "region_id" bigint NOT NULL, "day" date NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "window_end" TIMESTAMP WITH TIME ZONE NOT NULL, "count" integer NOT NULL, "baseline" double precision NOT NULL, "score" double precision NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4152026a69ed13d0ba1f626d037" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "hotspot_alert_window_idx" ON "hotspot_alert"  ("window_end") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "hotspot_alert_pair_day_key" ON "hotspot_alert"  ("category_id", "region_id", "day") `);
        await queryRunner.query(`CREATE TABLE "analytics_state" ("name" character varying(64) NOT NULL, "value" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_fe05b27ee25d240e4efb1984126" PRIMARY KEY ("name"))`);
        await queryRunner.query(`CREATE INDEX "assignment_dispatched_idx" ON "assignment"  ("dispatched_at") `);
        await queryRunner.query(`ALTER TABLE "hotspot_alert" ADD CONSTRAINT "FK_849480250f43213b36a4fed8abc" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "hotspot_alert" ADD CONSTRAINT "FK_41fce297c328f7fd5ca2472d281" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "hotspot_alert" DROP CONSTRAINT "FK_41fce297c328f7fd5ca2472d281"`);
        await queryRunner.query(`ALTER TABLE "hotspot_alert" DROP CONSTRAINT "FK_849480250f43213b36a4fed8abc"`);
        await queryRunner.query(`DROP INDEX "public"."assignment_dispatched_idx"`);
        await queryRunner.query(`DROP TABLE "analytics_state"`);
        await queryRunner.query(`DROP INDEX "public"."hotspot_alert_pair_day_key"`);
        await queryRunner.query(`DROP INDEX "public"."hotspot_alert_window_idx"`);
        await queryRunner.query(`DROP TABLE "hotspot_alert"`);
        await queryRunner.query(`DROP TABLE "rollup_dirty_day"`);
        await queryRunner.query(`DROP INDEX "public"."kpi_rollup_department_day_idx"`);
        await queryRunner.query(`DROP TABLE "kpi_rollup"`);
    }

}
