import {
  GraphQLArgument, GraphQLField, GraphQLNamedType, GraphQLSchema, getNamedType, isInterfaceType, isLeafType, isNonNullType, isObjectType,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';

// Every root operation the server serves that takes arguments (the contract's and our additions), read from
// the live schema so that an operation added later is fuzzed without anybody remembering to list it.

export interface FuzzOperation {
  kind: 'query' | 'mutation';
  name: string;
  args: readonly GraphQLArgument[];
  /** The named type it returns ("ServiceRequest" for closeServiceRequest). */
  returns: string;
  /** A document that passes GraphQL validation whatever the variables: every argument is a variable. */
  document: string;
}

export function fuzzOperations(schema: GraphQLSchema): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const [kind, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const field of Object.values(type!.getFields())) {
      if (field.args.length === 0) continue;
      out.push({ kind, name: field.name, args: field.args, returns: getNamedType(field.type).name, document: documentFor(kind, field) });
    }
  }
  return out;
}

function documentFor(kind: string, field: GraphQLField<unknown, unknown>): string {
  const vars = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  return `${kind} Fuzz(${vars}) { ${field.name}(${args})${selectionOf(getNamedType(field.type), 2)} }`;
}

/**
 * The result's fields two levels down (leaves, and nested objects' leaves), so field resolvers, loaders and
 * masking run on whatever the fuzzed call returns; fields that need arguments are left out.
 */
function selectionOf(type: GraphQLNamedType, depth: number): string {
  if (isLeafType(type)) return '';
  if (isInterfaceType(type) || !isObjectType(type)) return ' { __typename id }';
  const parts = ['__typename'];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) parts.push(f.name);
    else if (depth > 1) parts.push(`${f.name}${selectionOf(named, depth - 1)}`);
  }
  return ` { ${parts.join(' ')} }`;
}

/**
 * schema name → roles of its @Authorized rule (empty: any logged-in staff member; absent: public), from
 * type-graphql's metadata, so the fuzzer calls mostly as roles that get past authorization. Build the schema first.
 */
export function authorizedRoles(): Map<string, string[]> {
  const storage = getMetadataStorage();
  const out = new Map<string, string[]>();
  for (const op of [...storage.queries, ...storage.mutations]) {
    const rule = storage.authorizedFields.find((a) => a.target === op.target && a.fieldName === op.methodName);
    if (rule) out.set(op.schemaName, rule.roles.map(String));
  }
  return out;
}
