// The error codes the contract allows (api/contract.graphql, "Conventions"). The fuzz properties accept
// every one of them except INTERNAL_SERVER_ERROR: a client may be refused, never crash the server.
export const CONTRACT_CLIENT_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'INVALID_TRANSITION', 'CONFLICT',
  'RATE_LIMITED', 'QUERY_TOO_COMPLEX',
]);
