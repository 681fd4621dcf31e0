import {
  GraphQLInputType, GraphQLNamedType, GraphQLSchema, getNamedType, isInterfaceType, isLeafType, isNonNullType, isObjectType,
} from 'graphql';
import { getMetadataStorage } from 'type-graphql';

// Every root operation the server serves that takes arguments (the contract's and our additions), read from
// the live schema so that an operation added later is fuzzed without anybody remembering to list it.

export interface FuzzOperation {
  kind: 'query' | 'mutation';
  name: string;
  /** The operation's own arguments, then those of nested fields in its selection (a page's `first` and `after`). */
  args: FuzzArgument[];
  /** The named type it returns ("ServiceRequest" for closeServiceRequest). */
  returns: string;
  /** A document that passes GraphQL validation whatever the variables: every argument is a variable. */
  document: string;
}

export interface FuzzArgument {
  /** The variable that carries it: the argument's name at the root, `<field>_<argument>` below it. */
  variable: string;
  /** The argument's own name, which says what plausible values look like. */
  name: string;
  type: GraphQLInputType;
}

export function fuzzOperations(schema: GraphQLSchema): FuzzOperation[] {
  const out: FuzzOperation[] = [];
  for (const [kind, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
    for (const field of Object.values(type!.getFields())) {
      if (field.args.length === 0) continue;
      const args: FuzzArgument[] = field.args.map((a) => ({ variable: a.name, name: a.name, type: a.type }));
      const selection = selectionOf(getNamedType(field.type), 2, '', args);
      const vars = args.map((a) => `$${a.variable}: ${a.type.toString()}`).join(', ');
      const call = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      out.push({ kind, name: field.name, args, returns: getNamedType(field.type).name, document: `${kind} Fuzz(${vars}) { ${field.name}(${call})${selection} }` });
    }
  }
  return out;
}

/**
 * The result's fields two levels down (leaves, and nested objects' leaves), so field resolvers, loaders and
 * masking run on whatever the fuzzed call returns. Nested fields with optional arguments (the pages of
 * `timeline`, a citizen's `requests`) get them as variables of their own, added to `args`, so that their caps
 * and cursors are fuzzed too; fields that need arguments are left out.
 */
function selectionOf(type: GraphQLNamedType, depth: number, path: string, args: FuzzArgument[]): string {
  if (isLeafType(type)) return '';
  if (isInterfaceType(type) || !isObjectType(type)) return ' { __typename id }';
  const parts = ['__typename'];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    const at = `${path}${f.name}_`;
    const call = f.args.map((a) => {
      args.push({ variable: `${at}${a.name}`, name: a.name, type: a.type });
      return `${a.name}: $${at}${a.name}`;
    });
    const field = call.length ? `${f.name}(${call.join(', ')})` : f.name;
    if (isLeafType(named)) parts.push(field);
    else if (depth > 1) parts.push(`${field}${selectionOf(named, depth - 1, at, args)}`);
    else args.splice(args.length - call.length, call.length); // not selected after all
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
