import { MigrationInterface, QueryRunner } from "typeorm";

// The knowledge base (知识库): articles, the history of their versions, and the article an intake answer
// was given from (service_request.knowledge_article_id), which usageCount and satisfactionRate count.
export class KnowledgeBase1796120000000 implements MigrationInterface {
    name = 'KnowledgeBase1796120000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TYPE "public"."knowledge_article_status" AS ENUM('DRAFT', 'PUBLISHED')`);
        await queryRunner.query(`CREATE TABLE "knowledge_article" ("id" BIGSERIAL NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "category_id" bigint, "status" "public"."knowledge_article_status" NOT NULL, "version" integer NOT NULL, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_to" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by_id" bigint NOT NULL, CONSTRAINT "PK_5e6c80ff5dc988b082b737db9df" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "knowledge_article_category_idx" ON "knowledge_article"  ("category_id") `);
        await queryRunner.query(`CREATE INDEX "knowledge_article_updated_idx" ON "knowledge_article"  ("updated_at", "id") `);
        await queryRunner.query(`CREATE TABLE "knowledge_article_version" ("id" BIGSERIAL NOT NULL, "article_id" bigint NOT NULL, "version" integer NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "edited_at" TIMESTAMP WITH TIME ZONE NOT NULL, "edited_by_id" bigint NOT NULL, CONSTRAINT "PK_a60470c612ff2a217f1fab8c277" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "knowledge_article_version_key" ON "knowledge_article_version"  ("article_id", "version") `);
        await queryRunner.query(`ALTER TABLE "service_request" ADD "knowledge_article_id" bigint`);
        await queryRunner.query(`CREATE INDEX "service_request_knowledge_article_idx" ON "service_request"  ("knowledge_article_id") `);
        await queryRunner.query(`ALTER TABLE "knowledge_article" ADD CONSTRAINT "FK_272ccc07f1135d0798bd09667a5" FOREIGN KEY ("category_id") REFERENCES "category"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "knowledge_article" ADD CONSTRAINT "FK_1b2bba2ef6019a5d6e57b9785e9" FOREIGN KEY ("updated_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "service_request" ADD CONSTRAINT "FK_e0e7369e2fbde707fd93d8de742" FOREIGN KEY ("knowledge_article_id") REFERENCES "knowledge_article"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "knowledge_article_version" ADD CONSTRAINT "FK_ea2c613f7e0664f05d8fba28070" FOREIGN KEY ("article_id") REFERENCES "knowledge_article"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "knowledge_article_version" ADD CONSTRAINT "FK_e7633aea4d3e4df510097867b19" FOREIGN KEY ("edited_by_id") REFERENCES "staff"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);

        // Written by hand: what entity metadata cannot express.
        // Trigram indexes make substring search over Chinese text (ILIKE '%…%', similarity) an index lookup;
        // pg_trgm itself is created by the Init migration.
        await queryRunner.query(`CREATE INDEX "knowledge_article_title_trgm_idx" ON "knowledge_article" USING gin ("title" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "knowledge_article_body_trgm_idx" ON "knowledge_article" USING gin ("body" gin_trgm_ops)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."knowledge_article_body_trgm_idx"`);
        await queryRunner.query(`DROP INDEX "public"."knowledge_article_title_trgm_idx"`);

        await queryRunner.query(`ALTER TABLE "knowledge_article_version" DROP CONSTRAINT "FK_e7633aea4d3e4df510097867b19"`);
        await queryRunner.query(`ALTER TABLE "knowledge_article_version" DROP CONSTRAINT "FK_ea2c613f7e0664f05d8fba28070"`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP CONSTRAINT "FK_e0e7369e2fbde707fd93d8de742"`);
        await queryRunner.query(`ALTER TABLE "knowledge_article" DROP CONSTRAINT "FK_1b2bba2ef6019a5d6e57b9785e9"`);
        await queryRunner.query(`ALTER TABLE "knowledge_article" DROP CONSTRAINT "FK_272ccc07f1135d0798bd09667a5"`);
        await queryRunner.query(`DROP INDEX "public"."service_request_knowledge_article_idx"`);
        await queryRunner.query(`ALTER TABLE "service_request" DROP COLUMN "knowledge_article_id"`);
        await queryRunner.query(`DROP INDEX "public"."knowledge_article_version_key"`);
        await queryRunner.query(`DROP TABLE "knowledge_article_version"`);
        await queryRunner.query(`DROP INDEX "public"."knowledge_article_updated_idx"`);
        await queryRunner.query(`DROP INDEX "public"."knowledge_article_category_idx"`);
        await queryRunner.query(`DROP TABLE "knowledge_article"`);
        await queryRunner.query(`DROP TYPE "public"."knowledge_article_status"`);
    }

}
