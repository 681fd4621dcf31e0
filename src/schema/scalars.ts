import { DateTimeResolver, JSONResolver } from 'graphql-scalars';

// The contract names them DateTime (ISO-8601 with offset) and JSON.
export const DateTimeScalar = DateTimeResolver;
export const JSONScalar = JSONResolver;
