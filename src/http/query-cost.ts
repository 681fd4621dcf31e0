import {
  ArgumentNode, FragmentDefinitionNode, getNamedType, getNullableType, GraphQLField, GraphQLNamedType, GraphQLSchema,
  isInterfaceType, isListType, isObjectType, Kind, OperationDefinitionNode, SchemaMetaFieldDef, SelectionSetNode, TypeMetaFieldDef,
  TypeNameMetaFieldDef, valueFromASTUntyped,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../services/page';

// The cost of an operation: an upper estimate of how many fields the server resolves for it. Each field
// costs 1, and a field's selection is counted once per item of the list it returns:
// - a paginated list (a field with `first`) counts its page size as the server will apply it: `first`
//   (a literal or a variable's value), 20 when omitted, at most 100 (keyset-cursor.ts pageSize). For a
//   connection the page size multiplies its `edges`, not pageInfo or totalCount;
// - any other list is assumed to hold UNPAGED_LIST_SIZE items (a request's assignments, a tree's children,
//   introspection's types and fields).
// graphql-armor's cost rule is not used: it reads `first` from literals only, so `first: $n` would count as
// a single item, and a validation rule never sees the variables. This runs once the operation is known
// (Apollo's didResolveOperation), with the request's variables, before anything executes.

export const UNPAGED_LIST_SIZE = 10;

type Variables = Record<string, unknown> | undefined;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Variables;
  defaults: Map<string, unknown>;
  /** Fragment costs by name and the page size handed to its edges: a fragment reused many times is costed once. */
  fragmentCosts: Map<string, number>;
}

/** Introspection (`__schema`, `__type` at the root) is counted apart: development tools ask for the whole schema. */
export interface QueryCost {
  data: number;
  introspection: number;
}

export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: readonly FragmentDefinitionNode[],
  variables?: Record<string, unknown>,
): QueryCost {
  const root = operation.operation === 'mutation' ? schema.getMutationType()
    : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return { data: 0, introspection: 0 };
  const defaults = new Map<string, unknown>();
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue) defaults.set(v.variable.name.value, valueFromASTUntyped(v.defaultValue));
  }
  const walk: Walk = { schema, fragments: new Map(fragments.map((f) => [f.name.value, f])), variables, defaults, fragmentCosts: new Map() };
  const cost: QueryCost = { data: 0, introspection: 0 };
  for (const selection of operation.selectionSet.selections) {
    // Only a root field is introspection; a root fragment counts as data (the stricter budget).
    const meta = selection.kind === Kind.FIELD && (selection.name.value === '__schema' || selection.name.value === '__type');
    cost[meta ? 'introspection' : 'data'] += selectionCost(walk, { kind: Kind.SELECTION_SET, selections: [selection] }, root, undefined);
  }
  return cost;
}

/** `edgesPage`: the page size of the connection whose selection this is (its `edges` count that many). */
function selectionCost(walk: Walk, set: SelectionSetNode, parent: GraphQLNamedType, edgesPage: number | undefined): number {
  let cost = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      const field = fieldOf(walk.schema, parent, selection.name.value);
      if (!field || !selection.selectionSet) {
        cost += 1;
        continue;
      }
      const returns = getNullableType(field.type);
      const paginated = field.args.some((a) => a.name === 'first');
      const page = paginated ? pageSizeOf(walk, selection.arguments ?? [], field) : undefined;
      let items = 1;
      if (isListType(returns)) {
        if (page !== undefined) items = page;
        else if (selection.name.value === 'edges' && edgesPage !== undefined) items = edgesPage;
        else items = UNPAGED_LIST_SIZE;
      }
      const childEdgesPage = paginated && !isListType(returns) ? page : undefined;
      cost += 1 + items * selectionCost(walk, selection.selectionSet, getNamedType(field.type), childEdgesPage);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const on = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) ?? parent : parent;
      cost += selectionCost(walk, selection.selectionSet, on, edgesPage);
    } else {
      const fragment = walk.fragments.get(selection.name.value);
      if (!fragment) continue;
      const key = `${fragment.name.value}/${edgesPage ?? ''}`;
      let fragmentCost = walk.fragmentCosts.get(key);
      if (fragmentCost === undefined) {
        walk.fragmentCosts.set(key, 0); // a cycle (refused by validation anyway) must not recurse forever
        const on = walk.schema.getType(fragment.typeCondition.name.value) ?? parent;
        fragmentCost = selectionCost(walk, fragment.selectionSet, on, edgesPage);
        walk.fragmentCosts.set(key, fragmentCost);
      }
      cost += fragmentCost;
    }
  }
  return cost;
}

function fieldOf(schema: GraphQLSchema, parent: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (parent === schema.getQueryType()) {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
  }
  if (!isObjectType(parent) && !isInterfaceType(parent)) return undefined;
  return parent.getFields()[name];
}

/** The page size the server applies: `first` from the literal or the variable, else its default; 0..100. */
function pageSizeOf(walk: Walk, args: readonly ArgumentNode[], field: GraphQLField<unknown, unknown>): number {
  const arg = args.find((a) => a.name.value === 'first');
  let first: unknown = field.args.find((a) => a.name === 'first')?.defaultValue;
  if (arg?.value.kind === Kind.VARIABLE) {
    const name = arg.value.name.value;
    first = walk.variables && name in walk.variables ? walk.variables[name] : walk.defaults.get(name);
  } else if (arg) {
    first = valueFromASTUntyped(arg.value);
  }
  if (typeof first !== 'number' || !Number.isInteger(first)) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(first, 0), MAX_PAGE_SIZE);
}
