import { MigrationInterface, QueryRunner } from "typeorm";

// The API keeps department, category and region in memory (src/services/reference-cache.ts). Every statement that
// changes one of them, through the API, an import, a seed or by hand, raises reference_version in its own
// transaction, so the new version becomes visible exactly when the change does; each request reads the version
// with its actor and reloads the trees when they are older. A statement-level trigger costs one row update per
// statement, and these tables change a few times a day.
const TREES = ['department', 'category', 'region'];

export class ReferenceVersion1796162175528 implements MigrationInterface {
    name = 'ReferenceVersion1796162175528'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "reference_version" ("id" smallint NOT NULL DEFAULT '1', "version" bigint NOT NULL DEFAULT '1', CONSTRAINT "reference_version_single_row" CHECK ("id" = 1), CONSTRAINT "PK_9619b4418d01e5ac1d9e94c93e0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`INSERT INTO "reference_version" ("id", "version") VALUES (1, 1)`);
        await queryRunner.query(`CREATE FUNCTION raise_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              UPDATE reference_version SET version = version + 1 WHERE id = 1;
              RETURN NULL;
            END $$`);
        for (const table of TREES) {
            await queryRunner.query(`CREATE TRIGGER "${table}_reference_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
                FOR EACH STATEMENT EXECUTE FUNCTION raise_reference_version()`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of TREES) await queryRunner.query(`DROP TRIGGER "${table}_reference_version" ON "${table}"`);
        await queryRunner.query(`DROP FUNCTION raise_reference_version()`);
        await queryRunner.query(`DROP TABLE "reference_version"`);
    }

}
