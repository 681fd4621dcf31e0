import 'reflect-metadata';
import { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from '../auth/auth-checker';
import { RESOLVERS } from '../resolvers';
import { DateTimeScalar } from './scalars';
import './enums';

let built: Promise<GraphQLSchema> | null = null;

/** The schema, built once per process (type-graphql's metadata is global). */
export function buildHotlineSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: RESOLVERS,
    authChecker,
    validate: { forbidUnknownValues: false, validationError: { target: false, value: false } },
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
  });
  return built;
}
