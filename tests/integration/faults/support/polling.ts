import { GraphQLClient } from '../../support/graphql-client';
import { DEMO_PASSWORD } from '../../support/test-server';

/** Polls `probe` until `ok` holds or the time is up; returns the last value for the assertion to show. */
export async function waitFor<T>(probe: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A demo account's token on a server. */
export async function login(url: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const data = await new GraphQLClient(url).ok<{ login: { token: string } }>(
    'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: password });
  return data.login.token;
}
