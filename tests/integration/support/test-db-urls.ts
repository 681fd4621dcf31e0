// PostgreSQL of the machine (DEVELOPERS.md): 127.0.0.1:5432, trust auth. TEST_PG_URL overrides the server.
export const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// TEST_TEMPLATE_DB lets two test runs on one server (several engineers, CI) stay out of each other's way.
export const TEMPLATE_DB = process.env.TEST_TEMPLATE_DB ?? 'hotline_test_template';

export function databaseUrl(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
