import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { Logger } from 'pino';
import { ArgumentValidationError } from 'type-graphql';
import { ValidationError } from 'class-validator';
import { databaseRefusal } from '../db/database-refusals';
import { DomainError, ErrorCode } from '../domain/errors';
import { requestLogger } from '../observability/request-scope';

// Codes the contract defines, and the ones Apollo itself sets on malformed operations, pass through.
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * One place that turns errors into the contract's `extensions.code`: domain errors keep their code,
 * type-graphql's validation errors are BAD_USER_INPUT and its UNAUTHORIZED is FORBIDDEN; a statement the database
 * cancelled (a timeout of the API's pool) is CONFLICT or QUERY_TOO_COMPLEX; anything unexpected is logged and
 * answered as INTERNAL_SERVER_ERROR with no stack, SQL or message of its own.
 */
export function createErrorFormatter(log: Logger, exposeDetails: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return { message: original.message, locations: formatted.locations, path: formatted.path, extensions: { ...original.details, code: original.code } };
    }
    if (original instanceof ArgumentValidationError) {
      return { message: validationMessage(original), locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCode.BAD_USER_INPUT, validationErrors: original.extensions.validationErrors } };
    }
    const refusal = validationRefusalCode(error);
    if (refusal) return { message: formatted.message, locations: formatted.locations, extensions: { code: refusal } };
    if (isVariableErrorLimit(error)) return { message: formatted.message, locations: formatted.locations, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    const code = String(formatted.extensions?.code ?? '');
    if (code === 'UNAUTHORIZED') return { ...formatted, extensions: { code: ErrorCode.FORBIDDEN } };
    if (PASS_THROUGH.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: exposeDetails ? formatted.extensions : extensions };
    }
    // formatError gets no context: the request's logger (with its request id) comes from the request scope.
    const cancelled = databaseRefusal(original);
    if (cancelled) {
      requestLogger(log).warn({ err: original, path: formatted.path }, 'the database gave up on a statement (API_STATEMENT_TIMEOUT / API_LOCK_TIMEOUT)');
      return { message: cancelled.message, locations: formatted.locations, path: formatted.path, extensions: { code: cancelled.code } };
    }
    requestLogger(log).error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: exposeDetails ? formatted.message : 'internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/**
 * Apollo answers every error a validation rule reports as GRAPHQL_VALIDATION_FAILED; a rule that refuses with
 * a contract code (the query limits' QUERY_TOO_COMPLEX) keeps it on the error Apollo wraps. graphql-js's own
 * limit on nested introspection (MaxIntrospectionDepthRule, a specified rule) is the same kind of refusal.
 */
function validationRefusalCode(error: unknown): ErrorCode | null {
  const reported = error instanceof GraphQLError ? error.originalError : null;
  if (!(reported instanceof GraphQLError)) return null;
  const tooComplex = reported.extensions?.code === ErrorCode.QUERY_TOO_COMPLEX || reported.message === 'Maximum introspection depth exceeded';
  return tooComplex ? ErrorCode.QUERY_TOO_COMPLEX : null;
}

/**
 * graphql-js stops coercing variables after 50 errors and adds one error of its own, without a code (Apollo
 * marks only the per-variable errors as BAD_USER_INPUT): e.g. 3,000 unknown enum values in a list. The input
 * was bad, so it is BAD_USER_INPUT like its 50 siblings, not an INTERNAL_SERVER_ERROR.
 */
const VARIABLE_ERROR_LIMIT = 'Too many errors processing variables, error limit reached. Execution aborted.';
function isVariableErrorLimit(error: unknown): boolean {
  return error instanceof GraphQLError && error.message === VARIABLE_ERROR_LIMIT && !error.path;
}

/** "title must be longer than or equal to 1 characters; …": what a person needs to fix the input. */
function validationMessage(error: ArgumentValidationError): string {
  const messages: string[] = [];
  const walk = (errors: ValidationError[], prefix: string) => {
    for (const e of errors) {
      const path = prefix ? `${prefix}.${e.property}` : e.property;
      messages.push(...Object.values(e.constraints ?? {}).map((m) => (prefix ? `${prefix}.${m}` : m)));
      walk(e.children ?? [], path);
    }
  };
  walk(error.extensions.validationErrors as ValidationError[], '');
  return messages.length ? `invalid input: ${messages.join('; ')}` : 'invalid input';
}
