import fc from 'fast-check';
import { startTestServer, TestServer } from '../support/test-server';
import { fuzzParameters, fuzzTimeout } from './support/fuzz-settings';
import { checkInvariants } from './support/lifecycle-invariants';
import { lifecycleCommands, outcomes } from './support/lifecycle-commands';
import { LifecycleWorld, USERNAMES, Who, perform } from './support/lifecycle-steps';

// Property 2 of the hardening issue: random sequences of lifecycle steps (intake, dispatch with assisting
// departments, sign-for, return, extension, reply, review, follow-up and re-handling, merge, void, close,
// notes, supervision, ownership) by agents, supervisors and liaisons of the right and the wrong departments,
// with pairs of conflicting calls raced at once, keep the database consistent (support/lifecycle-invariants.ts)
// and never answer INTERNAL_SERVER_ERROR.

const RUNS = 12;
const MAX_COMMANDS = 30;

let t: TestServer;
let as: LifecycleWorld['as'];

beforeAll(async () => {
  t = await startTestServer();
  const whos = Object.keys(USERNAMES) as Who[];
  const clients = await t.loginAll(...whos.map((w) => USERNAMES[w]));
  as = Object.fromEntries(whos.map((w, i) => [w, clients[i]])) as LifecycleWorld['as'];
});
afterAll(async () => {
  const lines = [...outcomes].sort().map(([op, counts]) => `${op.padEnd(28)} ${[...counts].map(([c, n]) => `${c}:${n}`).join(' ')}`);
  console.log(`lifecycle steps and their outcomes\n${lines.join('\n')}`);
  await t?.close();
});

test('any sequence of lifecycle steps keeps every request consistent', async () => {
  await fc.assert(
    fc.asyncProperty(fc.commands(lifecycleCommands(), { maxCommands: MAX_COMMANDS, size: 'max' }), async (commands) => {
      // Each run works on requests of its own (two to start with); earlier runs' requests stay and stay checked.
      const world: LifecycleWorld = { t, as, requests: [] };
      await perform(world, { op: 'create', who: 'agent' });
      await perform(world, { op: 'create', who: 'agent2' });
      await fc.asyncModelRun(() => ({ model: {}, real: world }), commands);
    }),
    fuzzParameters(RUNS),
  );
  expect(await checkInvariants(t.db.dataSource)).toEqual([]);
}, fuzzTimeout(120_000));

test('the invariant checks notice a request whose status and assignments disagree', async () => {
  // The checker itself must be able to fail: a request claimed IN_PROGRESS with no lead, written by hand.
  const world: LifecycleWorld = { t, as, requests: [] };
  await perform(world, { op: 'create', who: 'agent' });
  await t.db.dataSource.query(`UPDATE service_request SET status = 'IN_PROGRESS' WHERE id = (SELECT max(id) FROM service_request)`);
  const violations = await checkInvariants(t.db.dataSource);
  expect(violations.some((v) => v.includes('the status agrees with the lead assignment'))).toBe(true);
  expect(violations.some((v) => v.includes('timeline replays to REGISTERED'))).toBe(true);
  await t.db.dataSource.query(`UPDATE service_request SET status = 'REGISTERED' WHERE id = (SELECT max(id) FROM service_request)`);
});
