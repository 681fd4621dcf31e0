import { buildSchema, FragmentDefinitionNode, Kind, OperationDefinitionNode, parse } from 'graphql';
import { loadConfig } from '../../src/config';
import { operationCost, UNPAGED_LIST_SIZE } from '../../src/http/query-cost';
import { tokensUpTo } from '../../src/http/query-limits';
import { emptyPage } from '../../src/services/keyset-cursor';
import { DomainError } from '../../src/domain/errors';

// The pure parts of the query limits: the cost estimate, the token count, the configuration, and the
// empty page that still checks its arguments.

const schema = buildSchema(`
  type Query { requests(first: Int, after: String): RequestConnection! similar(first: Int): [Request!]! me: Staff! }
  type Mutation { create: Request! }
  type RequestConnection { totalCount: Int! pageInfo: PageInfo! edges: [RequestEdge!]! }
  type PageInfo { hasNextPage: Boolean! }
  type RequestEdge { cursor: String! node: Request! }
  type Request { id: ID! title: String! assignments: [Assignment!]! timeline(first: Int): EventConnection! }
  type EventConnection { edges: [EventEdge!]! }
  type EventEdge { node: Event! }
  type Event { id: ID! }
  type Assignment { id: ID! }
  type Staff { id: ID! roles: [String!]! }
`);

function cost(document: string, variables?: Record<string, unknown>) {
  const doc = parse(document);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
  return operationCost(schema, operation, fragments, variables);
}

describe('operationCost: an upper estimate of the fields resolved', () => {
  test('each field costs 1; a scalar list is one field', () => {
    expect(cost('{ me { id roles } }').data).toBe(3);
  });

  test("a connection's page size multiplies its edges, not its totalCount or pageInfo", () => {
    // requests 1 + totalCount 1 + pageInfo (1 + 1) + edges (1 + 10 × (cursor 1 + node (1 + id 1)))
    expect(cost('{ requests(first: 10) { totalCount pageInfo { hasNextPage } edges { cursor node { id } } } }').data).toBe(1 + 1 + 2 + 1 + 10 * 3);
  });

  test('`first` counts as the server applies it: 20 when omitted or null, at most 100, from variables and their defaults', () => {
    const q = (args: string) => cost(`query($n: Int = 7) { requests${args} { edges { node { id } } } }`, { m: 3, big: 5000, text: 'x' });
    const per = (page: number) => 1 + 1 + page * 2;
    expect(q('').data).toBe(per(20));
    expect(q('(first: null)').data).toBe(per(20));
    expect(q('(first: 1000)').data).toBe(per(100));
    expect(q('(first: $n)').data).toBe(per(7));
    expect(cost('query($m: Int) { requests(first: $m) { edges { node { id } } } }', { m: 3 }).data).toBe(per(3));
    expect(cost('query($big: Int) { requests(first: $big) { edges { node { id } } } }', { big: 5000 }).data).toBe(per(100));
    expect(cost('query($text: Int) { requests(first: $text) { edges { node { id } } } }', { text: 'x' }).data).toBe(per(20));
    expect(q('(first: 0)').data).toBe(per(0));
  });

  test('a paginated plain list counts its page; an unpaginated list counts UNPAGED_LIST_SIZE; nesting multiplies', () => {
    expect(cost('{ similar(first: 5) { id } }').data).toBe(1 + 5);
    expect(cost('{ similar(first: 5) { assignments { id } } }').data).toBe(1 + 5 * (1 + UNPAGED_LIST_SIZE));
    expect(cost('{ requests(first: 100) { edges { node { timeline(first: 100) { edges { node { id } } } } } } }').data)
      .toBe(1 + 1 + 100 * (1 + 1 + 1 + 100 * 2));
  });

  test('fragments and inline fragments cost what their selections cost, a reused fragment each time it is used', () => {
    const inline = cost('{ me { id roles } }').data;
    expect(cost('{ me { ...F } } fragment F on Staff { id roles }').data).toBe(inline);
    expect(cost('{ me { ... on Staff { id roles } } }').data).toBe(inline);
    expect(cost('{ a: me { ...F } b: me { ...F } } fragment F on Staff { id roles }').data).toBe(2 * inline);
  });

  test('fragments reused exponentially are costed in linear time', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Staff { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : 'id'} }`);
    expect(cost(`{ me { ...F0 } } ${fragments.join(' ')}`).data).toBe(1 + 2 ** (levels - 1));
  });

  test('introspection at the root is counted apart; mutations are costed like queries', () => {
    expect(cost('{ __schema { types { name } } me { id } }')).toEqual({ data: 2, introspection: 1 + 1 + UNPAGED_LIST_SIZE });
    expect(cost('mutation { create { id assignments { id } } }').data).toBe(1 + 1 + 1 + UNPAGED_LIST_SIZE);
  });
});

describe('tokensUpTo', () => {
  test('counts lexical tokens as the parser does: not comments, not whitespace, not commas', () => {
    expect(tokensUpTo('{ me { id } }', 100)).toBe(6);
    expect(tokensUpTo('# a comment\n{ me { id, id } }', 100)).toBe(7);
  });
  test('stops counting at the limit, and leaves a document that does not lex to the parser', () => {
    expect(tokensUpTo('{ me { id } }'.repeat(1000), 10)).toBe(10);
    expect(tokensUpTo('{ me { "unterminated } }', 100)).toBe(0);
  });
});

describe('configuration', () => {
  test('defaults, and overrides from the environment', () => {
    expect(loadConfig({}).queryLimits).toEqual({ maxDepth: 12, maxCost: 20_000, maxIntrospectionCost: 100_000, maxAliases: 15, maxDirectives: 20, maxTokens: 2_000 });
    expect(loadConfig({ GRAPHQL_MAX_DEPTH: '8', GRAPHQL_MAX_COST: '5000' }).queryLimits).toMatchObject({ maxDepth: 8, maxCost: 5000 });
  });
  test.each(['0', '-1', '2.5', 'lots'])('a limit of %s is refused at start-up', (value) => {
    expect(() => loadConfig({ GRAPHQL_MAX_TOKENS: value })).toThrow(/GRAPHQL_MAX_TOKENS/);
  });
});

describe('emptyPage', () => {
  test('still refuses a negative first and a forged cursor', () => {
    expect(() => emptyPage({ first: -1 })).toThrow(DomainError);
    expect(() => emptyPage({ after: 'forged' })).toThrow(DomainError);
    expect(emptyPage({ first: 5 }).items).toEqual([]);
  });
});
