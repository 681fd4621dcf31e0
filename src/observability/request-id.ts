import { randomUUID } from 'node:crypto';

// A request id ties the log lines of one call together, and to the caller's own logs when a gateway or client
// sends one. An incoming id is taken only if it looks like an id: short, and of characters that cannot forge
// log structure or smuggle text into the logs; anything else is replaced by a fresh UUID.

export const REQUEST_ID_HEADER = 'x-request-id';

const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

export function acceptRequestId(incoming: string | string[] | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}
