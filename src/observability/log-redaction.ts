import type { LoggerOptions } from 'pino';

// Logs leave the hotline's protection of citizens' data (DESIGN.md: masking by role, audit of unmasked views):
// they are shipped, kept and read by people with no role at all. So no log line carries a citizen's phone,
// name, address or words, a GraphQL document or its variables, a token or a password. Code never logs those
// on purpose (the request line names the operation only); these paths are the safety net for objects that
// reach a log call whole: an error with the SQL parameters of a failed INSERT, an input passed as context.

const SECRET_KEYS = ['password', 'token', 'authorization', 'cookie', 'secret'];
const PERSONAL_KEYS = ['phone', 'citizen', 'address', 'content', 'description', 'answer', 'reply', 'variables', 'query', 'input'];
/** TypeORM's QueryFailedError copies the statement's parameters and the driver's detail ("Key (phone)=(…)"). */
const ERROR_KEYS = ['err.parameters', 'err.detail', 'err.driverError', 'err.query'];

const atAnyOfTwoLevels = (key: string) => [key, `*.${key}`];

export const REDACTED = '[redacted]';

export const LOG_REDACTION: NonNullable<LoggerOptions['redact']> = {
  paths: [
    ...[...SECRET_KEYS, ...PERSONAL_KEYS].flatMap(atAnyOfTwoLevels),
    '*.headers.authorization', '*.headers.cookie',
    ...ERROR_KEYS,
  ],
  censor: REDACTED,
};
