import { MigrationInterface, QueryRunner } from "typeorm";

// Searching for a two-character Chinese term reads title and content through the bigram index; a request
// code can hold such a term only if it has non-ASCII characters (some imported codes do), and this partial
// index lists exactly those requests, so the code half of the search costs nothing at any volume.
export class SearchNonAsciiCodes1796133000000 implements MigrationInterface {
    name = 'SearchNonAsciiCodes1796133000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE INDEX "service_request_code_non_ascii_idx" ON "service_request" ("created_at", "id") WHERE octet_length(code) <> char_length(code)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."service_request_code_non_ascii_idx"`);
    }
}
