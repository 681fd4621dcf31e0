import { MigrationInterface, QueryRunner } from "typeorm";

export class OutboxTxid1795353665056 implements MigrationInterface {
    name = 'OutboxTxid1795353665056'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Written by hand: a function TypeORM can compare as a column default (it cannot read a cast expression back).
        await queryRunner.query(`CREATE FUNCTION outbox_current_txid() RETURNS bigint LANGUAGE sql VOLATILE AS 'SELECT pg_current_xact_id()::text::bigint'`);
        await queryRunner.query(`ALTER TABLE "outbox_event" ADD "txid" bigint NOT NULL DEFAULT outbox_current_txid()`);
        await queryRunner.query(`ALTER TABLE "analytics_state" ADD "position" bigint`);
        await queryRunner.query(`ALTER TABLE "analytics_state" ALTER COLUMN "value" DROP NOT NULL`);
        await queryRunner.query(`CREATE INDEX "outbox_event_topic_txid_idx" ON "outbox_event"  ("topic", "txid") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."outbox_event_topic_txid_idx"`);
        await queryRunner.query(`ALTER TABLE "analytics_state" ALTER COLUMN "value" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "analytics_state" DROP COLUMN "position"`);
        await queryRunner.query(`ALTER TABLE "outbox_event" DROP COLUMN "txid"`);
        await queryRunner.query(`DROP FUNCTION outbox_current_txid()`);
    }

}
