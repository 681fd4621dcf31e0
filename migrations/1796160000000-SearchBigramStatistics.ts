import { MigrationInterface, QueryRunner } from "typeorm";

// Two-character search terms go through text_bigrams, and the planner's choice between walking a street's newest
// requests and reading the bigram index depends on how common it thinks the bigram is. With the default statistics
// target it keeps the 1,000 commonest bigrams (of tens of thousands) and guesses for the rest from the rarest of
// those: at 10 M requests a bigram in 2.6 % of the texts was guessed at 0.5 %, and one that occurs nowhere at 1 %
// (so a search for it walked every request of a district: 6 s). 10,000 tracked bigrams fix both; ANALYZE of this
// column takes a few seconds at 10 M.
export class SearchBigramStatistics1796160000000 implements MigrationInterface {
    name = 'SearchBigramStatistics1796160000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "service_request" ALTER COLUMN "text_bigrams" SET STATISTICS 1000`);
        await queryRunner.query(`ANALYZE "service_request" ("text_bigrams")`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "service_request" ALTER COLUMN "text_bigrams" SET STATISTICS -1`);
    }

}
