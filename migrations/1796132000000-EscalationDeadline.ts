import { MigrationInterface, QueryRunner } from "typeorm";
import { replyEscalationTime } from "../src/domain/sla";
import { calendarFromOverrides } from "../src/domain/working-calendar";

// The automatic LISTED escalation (a reply 5 working days overdue) gets its moment stored with the reply
// deadline, so the deadline scan reads it by a plain range on a partial index like every other rule instead
// of re-reading every overdue lead of the last 60 days on each run. Rows whose reply clock can still run
// (open, or REPLIED and possibly sent back) are filled with the app's own arithmetic and today's calendar,
// which is what the scan used until now; ended rows stay null (they never escalate).
// Also the two foreign keys to assignment that had no index (deleting an assignment scanned both tables).
const REPLY_CAN_RUN = `status IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED', 'REPLIED')`;
const CHUNK = 5000;

export class EscalationDeadline1796132000000 implements MigrationInterface {
    name = 'EscalationDeadline1796132000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "assignment" ADD "reply_escalate_at" TIMESTAMP WITH TIME ZONE`);
        await fillEscalationMoments(queryRunner);
        await queryRunner.query(`CREATE INDEX "assignment_open_reply_escalate_idx" ON "assignment" ("reply_escalate_at", "id") WHERE "status" IN ('PENDING', 'ACCEPTED', 'RETURN_REQUESTED')`);
        await queryRunner.query(`CREATE INDEX "service_request_lead_assignment_idx" ON "service_request"  ("lead_assignment_id") WHERE lead_assignment_id IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "timeline_event_assignment_idx" ON "timeline_event"  ("assignment_id") WHERE assignment_id IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."timeline_event_assignment_idx"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_lead_assignment_idx"`);
        await queryRunner.query(`DROP INDEX "public"."assignment_open_reply_escalate_idx"`);
        await queryRunner.query(`ALTER TABLE "assignment" DROP COLUMN "reply_escalate_at"`);
    }

}

/**
 * Working-day deadlines share few distinct instants (ends of days), so the moment is computed once per
 * distinct deadline, staged in a temporary table, and written by one joined UPDATE (one pass over the table).
 */
async function fillEscalationMoments(queryRunner: QueryRunner): Promise<void> {
    const timeZone = process.env.HOTLINE_TZ ?? 'Asia/Shanghai';
    const days: { date: string; workday: boolean }[] = await queryRunner.query(`SELECT to_char(date, 'YYYY-MM-DD') AS date, workday FROM calendar_day`);
    const calendar = calendarFromOverrides(new Map(days.map((d) => [d.date, d.workday])));
    const deadlines: { due_at: Date }[] = await queryRunner.query(`SELECT DISTINCT due_at FROM assignment WHERE ${REPLY_CAN_RUN}`);
    await queryRunner.query(`CREATE TEMPORARY TABLE escalation_moment (due_at timestamptz PRIMARY KEY, escalate_at timestamptz NOT NULL)`);
    for (let i = 0; i < deadlines.length; i += CHUNK) {
        const chunk = deadlines.slice(i, i + CHUNK).map((d) => d.due_at);
        await queryRunner.query(
            `INSERT INTO escalation_moment (due_at, escalate_at) SELECT * FROM unnest($1::timestamptz[], $2::timestamptz[])`,
            [chunk.map((d) => d.toISOString()), chunk.map((d) => replyEscalationTime(d, calendar, timeZone).toISOString())],
        );
    }
    await queryRunner.query(
        `UPDATE assignment a SET reply_escalate_at = m.escalate_at FROM escalation_moment m WHERE m.due_at = a.due_at AND a.${REPLY_CAN_RUN}`,
    );
    await queryRunner.query(`DROP TABLE escalation_moment`);
}
