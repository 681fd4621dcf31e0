import { MigrationInterface, QueryRunner } from "typeorm";

// The incremental rollup recomputed every day a changed request touched (~1.8 s a day at 70,000 a day, and an
// analytics run every 15 s touches the last week or so); it now applies each changed request's difference, which
// needs what each request last contributed. Those rows are filled by recomputing days: every day that has rollup
// rows is marked stale here, and the next analytics run (or `npm run rollups:rebuild`) recomputes it, before any
// request difference is applied.

export class KpiContribution1796150536539 implements MigrationInterface {
    name = 'KpiContribution1796150536539'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "kpi_contribution" ("day" date NOT NULL, "received" integer NOT NULL DEFAULT '0', "resolved_at_intake" integer NOT NULL DEFAULT '0', "closed" integer NOT NULL DEFAULT '0', "reopened" integer NOT NULL DEFAULT '0', "dispatched" integer NOT NULL DEFAULT '0', "accepted_on_time" integer NOT NULL DEFAULT '0', "returned" integer NOT NULL DEFAULT '0', "replied" integer NOT NULL DEFAULT '0', "replied_on_time" integer NOT NULL DEFAULT '0', "overdue_open" integer NOT NULL DEFAULT '0', "followed_up" integer NOT NULL DEFAULT '0', "satisfied" integer NOT NULL DEFAULT '0', "dissatisfied" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0', "request_id" bigint NOT NULL, "department_id" bigint NOT NULL, "category_id" bigint NOT NULL, "region_id" bigint NOT NULL, "channel" "public"."channel" NOT NULL, "request_type" "public"."request_type" NOT NULL, CONSTRAINT "PK_f2ceb60dd0a33a3e8590899b360" PRIMARY KEY ("day", "request_id", "department_id", "category_id", "region_id", "channel", "request_type"))`);
        await queryRunner.query(`CREATE INDEX "kpi_contribution_request_idx" ON "kpi_contribution"  ("request_id") `);
        await queryRunner.query(`CREATE TABLE "rollup_dirty_request" ("request_id" bigint NOT NULL, "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_6f173dcc441a82efa22ff45b7a2" PRIMARY KEY ("request_id"))`);
        await queryRunner.query(`INSERT INTO rollup_dirty_day (day, marked_at) SELECT DISTINCT day, now() FROM kpi_rollup ON CONFLICT (day) DO NOTHING`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "rollup_dirty_request"`);
        await queryRunner.query(`DROP INDEX "public"."kpi_contribution_request_idx"`);
        await queryRunner.query(`DROP TABLE "kpi_contribution"`);
    }

}
