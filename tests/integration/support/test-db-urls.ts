// PostgreSQL of the machine (DEVELOPERS.md): 127.0.0.1:5432, trust auth. TEST_PG_URL overrides the server.
export const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEMPLATE_DB = 'hotline_test_template';

export function databaseUrl(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
