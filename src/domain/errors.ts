// Errors the services raise; one place (src/schema/error-formatter.ts) turns them into GraphQL errors
// with the contract's `extensions.code`.

export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  INVALID_TRANSITION = 'INVALID_TRANSITION',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (what: string) => new DomainError(ErrorCode.NOT_FOUND, `${what} not found`);
export const forbidden = (message = 'not allowed for your role') => new DomainError(ErrorCode.FORBIDDEN, message);
export const invalidTransition = (message: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.INVALID_TRANSITION, message, details);
export const conflict = (message: string) => new DomainError(ErrorCode.CONFLICT, message);
