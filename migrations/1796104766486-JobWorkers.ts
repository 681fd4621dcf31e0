import { MigrationInterface, QueryRunner } from "typeorm";

// The job workers (issue 3): the relay remembers when it handed a row to BullMQ, and the deadline scan finds
// each kind of due reminder through a partial index on its fire column, restricted to the states in which
// that clock runs (src/jobs/deadline-queries.ts spells the same states as literals so the planner uses them).
export class JobWorkers1796104766486 implements MigrationInterface {
    name = 'JobWorkers1796104766486'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "outbox_event" ADD "relayed_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`CREATE INDEX "assignment_department_open_idx" ON "assignment"  ("department_id", "dispatched_at", "id") WHERE status IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`);
        await queryRunner.query(`CREATE INDEX "assignment_open_accept_warn_idx" ON "assignment" ("accept_warn_at", "id") WHERE "status" IN ('PENDING')`);
        await queryRunner.query(`CREATE INDEX "assignment_open_reply_warn_idx" ON "assignment" ("reply_warn_at", "id") WHERE "status" IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`);
        await queryRunner.query(`CREATE INDEX "service_request_follow_up_warn_idx" ON "service_request" ("follow_up_warn_at", "id") WHERE "status" IN ('AWAITING_FOLLOW_UP')`);
        await queryRunner.query(`CREATE INDEX "service_request_follow_up_due_idx" ON "service_request" ("follow_up_due_at", "id") WHERE "status" IN ('AWAITING_FOLLOW_UP')`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const index of ['service_request_follow_up_due_idx', 'service_request_follow_up_warn_idx', 'assignment_open_reply_warn_idx',
          'assignment_open_accept_warn_idx', 'assignment_department_open_idx']) {
            await queryRunner.query(`DROP INDEX "public"."${index}"`);
        }
        await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "relayed_at"`);
    }

}
