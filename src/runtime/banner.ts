import { Role } from '../domain/enums';

export interface DemoAccount { username: string; roles: Role[] }

interface BannerInput {
  server: { url: string; port: number };
  embedded: boolean;
  demoAccounts: DemoAccount[];
  demoPassword: string;
}

function describeAccounts(accounts: DemoAccount[], password: string): string[] {
  if (!accounts.length) return [];
  const liaisons = accounts.filter((a) => a.roles.includes(Role.LIAISON));
  const others = accounts.filter((a) => !a.roles.includes(Role.LIAISON)).map((a) => `${a.username} (${a.roles.join(', ')})`);
  const lines = [`Demo accounts, password "${password}":`, `  ${others.join(', ')}`];
  if (liaisons.length) {
    const examples = liaisons.slice(0, 3).map((a) => a.username).join(', ');
    lines.push(`  ${liaisons.length} department liaisons liaison_<department code in lower case>, e.g. ${examples}`);
  }
  return lines;
}

/** What a developer needs after `npm start`: where the API is, and how to log in. */
export function startupBanner({ server, embedded, demoAccounts, demoPassword }: BannerInput): string {
  const base = server.url.replace(/\/graphql$/, '');
  return [
    '',
    '12345 hotline back office is running',
    `  Browser   ${base}/  (log in and run queries; works offline)`,
    `  GraphQL   ${server.url}`,
    `  Health    ${base}/healthz`,
    `  Database  ${embedded ? 'embedded PostgreSQL (DATA_DIR/pg)' : 'DATABASE_URL'}`,
    ...describeAccounts(demoAccounts, demoPassword),
    'Stop with Ctrl-C.',
    '',
  ].join('\n');
}
