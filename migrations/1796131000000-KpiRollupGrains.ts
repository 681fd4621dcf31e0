import { MigrationInterface, QueryRunner } from "typeorm";

export class KpiRollupGrains1796131000000 implements MigrationInterface {
    name = 'KpiRollupGrains1796131000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "kpi_rollup_day" ("day" date NOT NULL, "received" integer NOT NULL DEFAULT '0', "resolved_at_intake" integer NOT NULL DEFAULT '0', "closed" integer NOT NULL DEFAULT '0', "reopened" integer NOT NULL DEFAULT '0', "dispatched" integer NOT NULL DEFAULT '0', "accepted_on_time" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "replied" integer NOT NULL DEFAULT '0', "replied_on_time" integer NOT NULL DEFAULT '0', "overdue_open" integer NOT NULL DEFAULT '0', "followed_up" integer NOT NULL DEFAULT '0', "satisfied" integer NOT NULL DEFAULT '0', "dissatisfied" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_3aec9ffec9bba6ccdd0c1a044f2" PRIMARY KEY ("day"))`);
        await queryRunner.query(`CREATE TABLE "kpi_rollup_region" ("day" date NOT NULL, "received" integer NOT NULL DEFAULT '0', "resolved_at_intake" integer NOT NULL DEFAULT '0', "closed" integer NOT NULL DEFAULT '0', "reopened" integer NOT NULL DEFAULT '0', "dispatched" integer NOT NULL DEFAULT '0', "accepted_on_time" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "replied" integer NOT NULL DEFAULT '0', "replied_on_time" integer NOT NULL DEFAULT '0', "overdue_open" integer NOT NULL DEFAULT '0', "followed_up" integer NOT NULL DEFAULT '0', "satisfied" integer NOT NULL DEFAULT '0', "dissatisfied" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0', "region_id" bigint NOT NULL, CONSTRAINT "PK_e6fbd3fdf4aa7715b9e540e17da" PRIMARY KEY ("day", "region_id"))`);
        await queryRunner.query(`CREATE TABLE "kpi_rollup_department" ("day" date NOT NULL, "received" integer NOT NULL DEFAULT '0', "resolved_at_intake" integer NOT NULL DEFAULT '0', "closed" integer NOT NULL DEFAULT '0', "reopened" integer NOT NULL DEFAULT '0', "dispatched" integer NOT NULL DEFAULT '0', "accepted_on_time" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "replied" integer NOT NULL DEFAULT '0', "replied_on_time" integer NOT NULL DEFAULT '0', "overdue_open" integer NOT NULL DEFAULT '0', "followed_up" integer NOT NULL DEFAULT '0', "satisfied" integer NOT NULL DEFAULT '0', "dissatisfied" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0', "department_id" bigint NOT NULL, CONSTRAINT "PK_e6741ccf1158cf19d17ee8a7d9f" PRIMARY KEY ("day", "department_id"))`);
        await queryRunner.query(`CREATE TABLE "kpi_rollup_category" ("day" date NOT NULL, "received" integer NOT NULL DEFAULT '0', "resolved_at_intake" integer NOT NULL DEFAULT '0', "closed" integer NOT NULL DEFAULT '0', "reopened" integer NOT NULL DEFAULT '0', "dispatched" integer NOT NULL DEFAULT '0', "accepted_on_time" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "replied" integer NOT NULL DEFAULT '0', "replied_on_time" integer NOT NULL DEFAULT '0', "overdue_open" integer NOT NULL DEFAULT '0', "followed_up" integer NOT NULL DEFAULT '0', "satisfied" integer NOT NULL DEFAULT '0', "dissatisfied" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0', "category_id" bigint NOT NULL, CONSTRAINT "PK_3b88e3455b40c0878ba3537cc45" PRIMARY KEY ("day", "category_id"))`);
        await queryRunner.query(`CREATE TABLE "kpi_rollup_channel_type" ("day" date NOT NULL, "received" integer NOT NULL DEFAULT '0', "resolved_at_intake" integer NOT NULL DEFAULT '0', "closed" integer NOT NULL DEFAULT '0', "reopened" integer NOT NULL DEFAULT '0', "dispatched" integer NOT NULL DEFAULT '0', "accepted_on_time" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "replied" integer NOT NULL DEFAULT '0', "replied_on_time" integer NOT NULL DEFAULT '0', "overdue_open" integer NOT NULL DEFAULT '0', "followed_up" integer NOT NULL DEFAULT '0', "satisfied" integer NOT NULL DEFAULT '0', "dissatisfied" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0', "channel" "public"."channel" NOT NULL, "request_type" "public"."request_type" NOT NULL, CONSTRAINT "PK_87493081224cd5b75c4ee8e1426" PRIMARY KEY ("day", "channel", "request_type"))`);
        await queryRunner.query(`CREATE TABLE "kpi_rollup_department_category" ("day" date NOT NULL, "received" integer NOT NULL DEFAULT '0', "resolved_at_intake" integer NOT NULL DEFAULT '0', "closed" integer NOT NULL DEFAULT '0', "reopened" integer NOT NULL DEFAULT '0', "dispatched" integer NOT NULL DEFAULT '0', "accepted_on_time" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "replied" integer NOT NULL DEFAULT '0', "replied_on_time" integer NOT NULL DEFAULT '0', "overdue_open" integer NOT NULL DEFAULT '0', "followed_up" integer NOT NULL DEFAULT '0', "satisfied" integer NOT NULL DEFAULT '0', "dissatisfied" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0', "department_id" bigint NOT NULL, "category_id" bigint NOT NULL, CONSTRAINT "PK_1d2a7f30463b2afeae113b736a4" PRIMARY KEY ("day", "department_id", "category_id"))`);
        // Hand-written: fill the new grains from the existing kpi_rollup rows (sums over the dimensions each leaves out),
        // as services/analytics/rollup.service.ts derives them for every day it recomputes, then give them statistics.
        const counters = ['received', 'resolved_at_intake', 'closed', 'reopened', 'dispatched', 'accepted_on_time', 'returned', 'replied',
            'replied_on_time', 'overdue_open', 'followed_up', 'satisfied', 'dissatisfied', 'resolved'];
        const grains: [string, string[]][] = [
            ['kpi_rollup_department_category', ['department_id', 'category_id']],
            ['kpi_rollup_channel_type', ['channel', 'request_type']],
            ['kpi_rollup_category', ['category_id']],
            ['kpi_rollup_department', ['department_id']],
            ['kpi_rollup_region', ['region_id']],
            ['kpi_rollup_day', []],
        ];
        for (const [table, dimensions] of grains) {
            const key = ['day', ...dimensions].join(', ');
            await queryRunner.query(`INSERT INTO "${table}" (${key}, ${counters.join(', ')})
                SELECT ${key}, ${counters.map((c) => `sum(${c})::int`).join(', ')} FROM "kpi_rollup" GROUP BY ${key}`);
            await queryRunner.query(`ANALYZE "${table}"`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "kpi_rollup_department_category"`);
        await queryRunner.query(`DROP TABLE "kpi_rollup_channel_type"`);
        await queryRunner.query(`DROP TABLE "kpi_rollup_category"`);
        await queryRunner.query(`DROP TABLE "kpi_rollup_department"`);
        await queryRunner.query(`DROP TABLE "kpi_rollup_region"`);
        await queryRunner.query(`DROP TABLE "kpi_rollup_day"`);
    }

}
