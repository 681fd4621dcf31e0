import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildSchema, isNonNullType } from 'graphql';
import { buildHotlineSchema } from '../../../src/schema/build-schema';
import { ME } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { GraphQLClient } from '../support/graphql-client';
import { Hostility, argumentValue } from './support/argument-arbitraries';
import { CALLER_ROLE, Caller, FuzzWorld, buildWorld, loginCallers } from './support/fuzz-world';
import { fuzzParameters, fuzzTimeout } from './support/fuzz-settings';
import { checkInvariants } from './support/lifecycle-invariants';
import { codesOf, contractViolations, postGraphQL } from './support/graphql-outcome';
import { FuzzOperation, authorizedRoles, fuzzOperations } from './support/operation-catalogue';

// Property 1 of the hardening issue: whatever a client sends to any operation that takes arguments (the
// contract's and ours, read from schema.graphql), as any role, the server answers data or an error with a
// contract code, never INTERNAL_SERVER_ERROR, and keeps answering. Arguments range from plausible (real ids,
// codes, cursors) to hostile (see support/hostile-values.ts). After each mutation's cases, the database
// invariants of lifecycle-model.test.ts still hold.

const OPERATIONS = fuzzOperations(buildSchema(readFileSync(join(__dirname, '../../../schema.graphql'), 'utf8')));
const RUNS_PER_OPERATION = 20;
// login hashes every password it checks (argon2, tens of milliseconds on purpose): fewer cases, same variety.
const RUNS: Record<string, number> = { login: 6 };

const LIFECYCLE_TYPES = new Set(['ServiceRequest', 'Assignment', 'ExtensionRequest', 'FollowUp', 'TimelineEvent']);

let t: TestServer;
let clients: Record<Caller, GraphQLClient>;
let world: FuzzWorld;
let roles: Map<string, string[]>;
const codeCounts = new Map<string, Map<string, number>>();

beforeAll(async () => {
  t = await startTestServer();
  await buildHotlineSchema();
  roles = authorizedRoles();
  clients = await loginCallers(t);
  world = await buildWorld(t, clients);
});
afterAll(async () => {
  // Which answers the fuzzing produced per operation: a run that only ever hits FORBIDDEN tests little.
  const lines = [...codeCounts].map(([op, counts]) => `${op.padEnd(28)} ${[...counts].map(([c, n]) => `${c}:${n}`).join(' ')}`);
  console.log(`fuzz outcomes per operation\n${lines.join('\n')}`);
  await t?.close();
});

/** Mostly callers whose role may call the operation, sometimes any other (anonymous included). */
function callerFor(op: FuzzOperation): fc.Arbitrary<Caller> {
  const allowed = roles.get(op.name);
  const callers = Object.keys(CALLER_ROLE) as Caller[];
  const mayCall = (c: Caller) => (allowed === undefined ? true : CALLER_ROLE[c] !== null && (allowed.length === 0 || allowed.includes(CALLER_ROLE[c]!)));
  const permitted = callers.filter(mayCall);
  return fc.oneof({ arbitrary: fc.constantFrom(...permitted), weight: 5 }, { arbitrary: fc.constantFrom(...callers), weight: 1 });
}

function variablesFor(op: FuzzOperation): fc.Arbitrary<Record<string, unknown>> {
  const at = (h: Hostility) => {
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const arg of op.args) {
      const value = argumentValue(arg.type, arg.name, world, h);
      // An optional argument is left out now and then, a required one only when being hostile.
      record[arg.variable] = isNonNullType(arg.type) && h === 0 ? value : fc.option(value, { nil: undefined, freq: 6 });
    }
    return fc.record(record);
  };
  return fc.oneof({ arbitrary: at(0), weight: 2 }, { arbitrary: at(1), weight: 3 }, { arbitrary: at(3), weight: 1 });
}

/** Counterexamples can hold 200,000-character strings and 3,000-element lists: print them cut short. */
function readable<T extends object>(value: T): T {
  return Object.assign(value, { [fc.toStringMethod]: () => truncated(JSON.stringify(value)) });
}
const truncated = (text: string) => (text.length > 1500 ? `${text.slice(0, 1500)}… (${text.length} characters)` : text);

function count(op: string, codes: string[]) {
  const counts = codeCounts.get(op) ?? new Map<string, number>();
  for (const c of codes.length ? codes : ['data']) counts.set(c, (counts.get(c) ?? 0) + 1);
  codeCounts.set(op, counts);
}

test.each(OPERATIONS.map((op) => [op.kind, op.name, op] as const))('%s %s answers data or a contract error code', async (kind, name, op) => {
  // Lifecycle mutations use up their targets (requests get closed, voided, merged): each gets fresh ones.
  if (kind === 'mutation' && LIFECYCLE_TYPES.has(op.returns)) world = await buildWorld(t, clients);
  const call = fc.record({ caller: callerFor(op), variables: variablesFor(op) }).map(readable);
  await fc.assert(
    fc.asyncProperty(call, async ({ caller, variables }) => {
      const outcome = await postGraphQL(t.url, clients[caller].token, op.document, variables);
      count(name, codesOf(outcome));
      const violations = contractViolations(outcome);
      if (violations.length) throw new Error(`${name} as ${caller}: ${violations.join('; ')}`);
    }),
    fuzzParameters(RUNS[name] ?? RUNS_PER_OPERATION),
  );
  // Still answering, and still answering correctly, after all that.
  expect((await clients.agent.ok(ME)).me.username).toBe('agent01');
  // And whatever the mutations accepted left the rows consistent (the same checks as lifecycle-model.test.ts).
  if (kind === 'mutation') expect(await checkInvariants(t.db.dataSource)).toEqual([]);
}, fuzzTimeout(120_000));
