import { AuthChecker } from 'type-graphql';
import { DomainError, ErrorCode } from '../domain/errors';
import { Role } from '../domain/enums';
import { GraphQLContext } from '../schema/context';

/**
 * @Authorized() → any logged-in staff member; @Authorized([roles]) → one of those roles. No actor is
 * UNAUTHENTICATED; a wrong role is FORBIDDEN (the contract's code, not type-graphql's UNAUTHORIZED).
 */
export const authChecker: AuthChecker<GraphQLContext, Role> = ({ context }, roles) => {
  if (!context.actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, context.authProblem ?? 'log in first: send Authorization: Bearer <token>');
  if (roles.length === 0 || roles.some((r) => context.actor!.roles.includes(r))) return true;
  throw new DomainError(ErrorCode.FORBIDDEN, 'not allowed for your role');
};
