import fc from 'fast-check';
import {
  GraphQLInputType, GraphQLNamedType, getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType,
} from 'graphql';
import { FuzzWorld } from './fuzz-world';
import {
  base64urlOf, hostileCode, hostileText, plausibleCode, plausibleText, someBoolean, someDateTime, someDay, someInt, somePhone, validDateTime, validDay,
  validPhone, wrongType,
} from './hostile-values';

// Variables for any argument of the schema, built from its GraphQL type and its name: the type says what
// shape is legal (and so what a wrong shape is), the name says which plausible values reach the services
// ("leadDepartmentCode" gets department codes, "assignmentId" assignment ids, "after" cursors).
//
// Hostility is a weight: at 0 every value is plausible, so calls get through validation to the services and
// the database; at 1 about one leaf in ten is hostile (the most telling case: one bad field among good ones);
// at 3 most of them are.

export type Hostility = 0 | 1 | 3;

const OMIT = undefined;

/** Picks `plausible` or, with a chance that grows with hostility, `hostile`. */
function spoil<T>(h: Hostility, plausible: fc.Arbitrary<T>, hostile: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return h === 0 ? plausible : fc.oneof({ arbitrary: plausible, weight: 10 }, { arbitrary: hostile, weight: h });
}

export function argumentValue(type: GraphQLInputType, name: string, world: FuzzWorld, h: Hostility, depth = 0): fc.Arbitrary<unknown> {
  return spoil(h, legalValue(type, name, world, h, depth), wrongType);
}

function legalValue(type: GraphQLInputType, name: string, world: FuzzWorld, h: Hostility, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return spoil(h, legalValue(type.ofType, name, world, h, depth), fc.constant(null));
  const nullable = getNullableType(type);
  if (isListType(nullable)) {
    const element = argumentValue(nullable.ofType as GraphQLInputType, name, world, h, depth + 1);
    // A list of one may be sent as the value itself (GraphQL input coercion); huge lists probe the caps.
    return spoil(h, fc.array(element, { maxLength: 4 }), fc.oneof(element, fc.integer({ min: 21, max: 3000 }).chain((n) => element.map((v) => Array(n).fill(v)))));
  }
  return spoil(h, namedValue(nullable as GraphQLNamedType, name, world, h, depth), fc.constant(null));
}

function namedValue(type: GraphQLNamedType, name: string, world: FuzzWorld, h: Hostility, depth: number): fc.Arbitrary<unknown> {
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return spoil(h, fc.constantFrom(...values), fc.constantFrom('UNKNOWN', '', 'pending', values[0].toLowerCase(), `${values[0]} `, 0));
  }
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const f of Object.values(type.getFields())) {
      const value = argumentValue(f.type, f.name, world, h, depth + 1);
      // Required fields are nearly always there; optional ones half the time (their defaults matter too).
      record[f.name] = isNonNullType(f.type) ? spoil(h, value, fc.constant(OMIT)) : fc.option(value, { nil: OMIT, freq: 2 });
    }
    const extra = h === 0 ? fc.constant(null) : fc.option(fc.constantFrom('unknownField', '__proto__', 'constructor'), { freq: 15 });
    return fc.tuple(fc.record(record), extra).map(([value, key]) => (key ? { ...value, [key]: 'x' } : value));
  }
  if (isScalarType(type)) return scalarValue(type.name, name, world, h);
  return wrongType;
}

function scalarValue(scalar: string, name: string, world: FuzzWorld, h: Hostility): fc.Arbitrary<unknown> {
  switch (scalar) {
    case 'ID': return someId(name, world, h);
    case 'Int': return spoil(h, fc.integer({ min: 0, max: 60 }), someInt);
    case 'Float': return spoil(h, fc.double({ min: 0, max: 1, noNaN: true }), someInt);
    case 'Boolean': return spoil(h, fc.boolean(), someBoolean);
    case 'DateTime': return spoil(h, validDateTime, someDateTime);
    case 'String': return spoil(h, plausibleString(name, world), hostileString(name));
    default: return spoil(h, plausibleText, wrongType);
  }
}

function plausibleString(name: string, world: FuzzWorld): fc.Arbitrary<unknown> {
  const n = name.toLowerCase();
  if (n === 'code') return fc.constantFrom(...world.requestCodes, '20260302-%', '19990101-000001');
  if (n.endsWith('code') || n.endsWith('codes')) return plausibleCode(n);
  if (n.includes('phone')) return validPhone;
  if (n === 'date' || n === 'from' || n === 'to') return validDay;
  if (n === 'after') return fc.constantFrom(...(world.cursors.length ? world.cursors : ['x']));
  if (n === 'url') return fc.oneof(fc.webUrl(), fc.constantFrom('http://127.0.0.1:1/hook', 'https://例子.中国/钩子'));
  if (n === 'username') return fc.constantFrom(...world.usernames, 'nobody');
  if (n === 'password') return fc.constantFrom('demo12345', 'wrong-password');
  if (n === 'secret') return fc.string({ minLength: 16, maxLength: 64 });
  if (n === 'idempotencykey') return fc.constantFrom('desk-1', 'desk-2', 'desk-%', 'desk_1');
  return plausibleText;
}

function hostileString(name: string): fc.Arbitrary<unknown> {
  const n = name.toLowerCase();
  if (n.endsWith('code') || n.endsWith('codes')) return hostileCode;
  if (n === 'after') return someCursor();
  if (n.includes('phone')) return fc.oneof(somePhone, hostileText);
  if (n === 'date' || n === 'from' || n === 'to') return fc.oneof(someDay, hostileText);
  if (n === 'url') return fc.oneof(hostileText, fc.constantFrom('ftp://example.org/x', 'javascript:alert(1)', 'http://[::1]:99999/', 'http://x/' + 'a'.repeat(3000)));
  return fc.oneof({ arbitrary: hostileText, weight: 5 }, { arbitrary: someInt, weight: 1 });
}

// The node type an ID argument names, from its name; unknown names ("id" of node, markNotificationRead, …)
// get ids of every type.
const ID_TYPES: [RegExp, string][] = [
  [/^(request|primary|duplicate)Ids?$/, 'ServiceRequest'], [/^assignmentId$/, 'Assignment'], [/^extensionId$/, 'ExtensionRequest'],
  [/^toStaffId$/, 'Staff'], [/^articleId$/, 'KnowledgeArticle'],
];

function someId(name: string, world: FuzzWorld, h: Hostility): fc.Arbitrary<unknown> {
  const expected = ID_TYPES.find(([re]) => re.test(name))?.[1];
  const all = [...world.ids.values()].flat();
  const ofType = expected ? world.ids.get(expected) ?? [] : all;
  const anyExisting = fc.constantFrom(...(all.length ? all : ['x']));
  // With no row of the expected type (no knowledge article yet), a plausible caller sends no such id: null.
  const plausible = ofType.length ? fc.oneof({ arbitrary: fc.constantFrom(...ofType), weight: 4 }, { arbitrary: anyExisting, weight: 1 }) : fc.constant(null);
  return spoil(h, plausible, malformedId(expected ?? 'ServiceRequest'));
}

const malformedId = (type: string) => fc.oneof(
  fc.constantFrom(
    '', 'abc', '1', '-1', base64urlOf(`${type}:0`), base64urlOf(`${type}:-1`), base64urlOf(`${type}:01`), base64urlOf(`${type}:1 OR 1=1`),
    base64urlOf(`${type}:99999999999999999999999`), base64urlOf(`${type}:999999999999999999`), base64urlOf(`${type}:9223372036854775808`),
    base64urlOf(`${type}:1.5`), base64urlOf(`${type}:`), base64urlOf('Nothing:1'), base64urlOf(`${type.toLowerCase()}:1`), `${base64urlOf(`${type}:1`)}==`,
    Buffer.from(`${type}:1`).toString('base64'), 'A'.repeat(101),
  ),
  fc.string({ unit: 'binary', maxLength: 30 }).map((s) => base64urlOf(`${type}:${s}`)),
  hostileText,
  fc.constantFrom(1, -1, 0, 2 ** 53, 1.5), // ID accepts integers (coerced to strings); floats are refused by coercion
);

function someCursor(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(base64urlOf('{}'), base64urlOf('[]'), base64urlOf('null'), base64urlOf('{"id":"x","at":"y"}'), base64urlOf('9'.repeat(40)), 'eyJ', '!!!'),
    fc.jsonValue({ maxDepth: 2 }).map((v) => base64urlOf(JSON.stringify(v))),
    // The shape keyset cursors have ([sort time, row id]) with times and ids at and past every edge.
    fc.tuple(
      fc.constantFrom(null, '2026-03-02T02:00:00.000000Z', '0001-01-01T00:00:00Z', '9999-12-31T23:59:59.999999Z', '2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', 'x', 5),
      fc.constantFrom('1', '999999999999999999', '9223372036854775808', '0', '-1', 1, '1; --'),
    ).map((key) => base64urlOf(JSON.stringify(key))),
    fc.string({ unit: 'binary', maxLength: 40 }).map(base64urlOf),
  );
}
