import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { Logger } from 'pino';
import { ArgumentValidationError } from 'type-graphql';
import { ValidationError } from 'class-validator';
import { DomainError, ErrorCode } from '../domain/errors';

// Codes the contract defines, and the ones Apollo itself sets on malformed operations, pass through.
const PASS_THROUGH = new Set<string>([
  ...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * One place that turns errors into the contract's `extensions.code`: domain errors keep their code,
 * type-graphql's validation errors are BAD_USER_INPUT and its UNAUTHORIZED is FORBIDDEN; anything unexpected
 * is logged and answered as INTERNAL_SERVER_ERROR with no stack, SQL or message of its own.
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
    const code = String(formatted.extensions?.code ?? '');
    if (code === 'UNAUTHORIZED') return { ...formatted, extensions: { code: ErrorCode.FORBIDDEN } };
    if (PASS_THROUGH.has(code)) {
      const { stacktrace: _drop, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: exposeDetails ? formatted.extensions : extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: exposeDetails ? formatted.message : 'internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
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
