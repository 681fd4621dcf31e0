import { MigrationInterface, QueryRunner } from "typeorm";

// Issue 5: routing rules, and the character bigrams of every request's text for routing by similar texts and
// duplicate detection. A trigger keeps the bigrams, so that seeds, imports and SQL writers cannot forget them.
export class Routing1796110000000 implements MigrationInterface {
    name = 'Routing1796110000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "routing_rule" ("id" BIGSERIAL NOT NULL, "category_id" bigint NOT NULL, "region_id" bigint, "department_id" bigint NOT NULL, "priority" integer NOT NULL DEFAULT '0', "auto_dispatch" boolean NOT NULL DEFAULT false, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by_id" bigint, CONSTRAINT "PK_b402e9e6a4d11fbd58e076daa2f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "routing_rule_category_idx" ON "routing_rule"  ("category_id") `);
        await queryRunner.query(`ALTER TABLE "routing_rule" ADD CONSTRAINT "FK_3ee63842d2b33ae408f2e02ffc5" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "routing_rule" ADD CONSTRAINT "FK_a1bc5b98b4fbe8030c25899c9ba" FOREIGN KEY ("region_id") REFERENCES "region"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "routing_rule" ADD CONSTRAINT "FK_a0fbd0067ca10560f5a422dd39a" FOREIGN KEY ("department_id") REFERENCES "department"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "routing_rule" ADD CONSTRAINT "FK_d49b7684efd75861ab0a1be6c76" FOREIGN KEY ("updated_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

        // Letters and digits only (the same as textBigrams() in src/domain/routing.ts), lexemes taken as they are.
        await queryRunner.query(`CREATE FUNCTION text_bigrams(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
            SELECT coalesce(array_to_tsvector(array_agg(DISTINCT substr(c, i, 2))), ''::tsvector)
            FROM (SELECT regexp_replace(lower(normalize(coalesce(t, ''), NFKC)), '[^[:alnum:]]+', '', 'g') AS c) s,
                 generate_series(1, length(c) - 1) AS i
        $$`);
        await queryRunner.query(`CREATE FUNCTION service_request_text_bigrams() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.text_bigrams := text_bigrams(NEW.title || ' ' || NEW.content);
              RETURN NEW;
            END
        $$`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD "text_bigrams" tsvector`);
        await queryRunner.query(`CREATE TRIGGER service_request_text_bigrams BEFORE INSERT OR UPDATE OF title, content ON service_request
            FOR EACH ROW EXECUTE FUNCTION service_request_text_bigrams()`);
        await queryRunner.query(`UPDATE service_request SET text_bigrams = text_bigrams(title || ' ' || content)`);
        await queryRunner.query(`CREATE INDEX "service_request_text_bigrams_idx" ON "service_request" USING gin ("text_bigrams")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."service_request_text_bigrams_idx"`);
        await queryRunner.query(`DROP TRIGGER service_request_text_bigrams ON service_request`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP COLUMN "text_bigrams"`);
        await queryRunner.query(`DROP FUNCTION service_request_text_bigrams()`);
        await queryRunner.query(`DROP FUNCTION text_bigrams(text)`);
        await queryRunner.query(`ALTER TABLE "routing_rule" DROP CONSTRAINT "FK_d49b7684efd75861ab0a1be6c76"`);
        await queryRunner.query(`ALTER TABLE "routing_rule" DROP CONSTRAINT "FK_a0fbd0067ca10560f5a422dd39a"`);
        await queryRunner.query(`ALTER TABLE "routing_rule" DROP CONSTRAINT "FK_a1bc5b98b4fbe8030c25899c9ba"`);
        await queryRunner.query(`ALTER TABLE "routing_rule" DROP CONSTRAINT "FK_3ee63842d2b33ae408f2e02ffc5"`);
        await queryRunner.query(`DROP INDEX "public"."routing_rule_category_idx"`);
        await queryRunner.query(`DROP TABLE "routing_rule"`);
    }

}
