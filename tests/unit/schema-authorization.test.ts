import 'reflect-metadata';
import { getMetadataStorage } from 'type-graphql';
import { buildHotlineSchema } from '../../src/schema/build-schema';

// Every query and mutation must say who may call it (DESIGN.md §3): a new operation without an
// @Authorized rule fails here instead of being open to anyone with a token, or to nobody's knowledge.

const PUBLIC = new Set(['login']);

describe('authorization rules on every operation', () => {
  beforeAll(() => buildHotlineSchema());

  test('every Query and Mutation except login has @Authorized', () => {
    const storage = getMetadataStorage();
    const operations = [...storage.queries, ...storage.mutations];
    expect(operations.length).toBeGreaterThan(30);
    const missing = operations
      .filter((op) => !PUBLIC.has(op.schemaName))
      .filter((op) => !storage.authorizedFields.some((a) => a.target === op.target && a.fieldName === op.methodName))
      .map((op) => op.schemaName);
    expect(missing).toEqual([]);
  });

  test('login is the only operation open without a token', () => {
    const storage = getMetadataStorage();
    const open = [...storage.queries, ...storage.mutations]
      .filter((op) => !storage.authorizedFields.some((a) => a.target === op.target && a.fieldName === op.methodName))
      .map((op) => op.schemaName);
    expect(open).toEqual(['login']);
  });
});
