import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildHotlineSchema } from './build-schema';

// Writes the committed schema.graphql, sorted, so that every API change shows in review and CI can diff it.
async function main() {
  const schema = await buildHotlineSchema();
  const file = join(__dirname, '..', '..', 'schema.graphql');
  writeFileSync(file, `${printSchema(lexicographicSortSchema(schema))}\n`);
  console.log(`wrote ${file}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
