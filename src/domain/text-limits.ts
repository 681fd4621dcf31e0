import { badInput } from './errors';

export const TITLE_MAX = 200;
export const CONTENT_MAX = 20_000;
export const REASON_MAX = 2_000;
export const NOTE_MAX = 5_000;
export const ANSWER_MAX = 20_000;
export const NAME_MAX = 100;
export const ADDRESS_MAX = 500;

// PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
function refuseNul(field: string, text: string): string {
  if (text.includes('\u0000')) throw badInput(`${field} must not contain NUL characters`, { field });
  return text;
}

/** Trims and checks a required text; the message names the field and its limit. */
export function requireText(field: string, value: string | null | undefined, max: number): string {
  const text = refuseNul(field, (value ?? '').trim());
  if (text.length === 0) throw badInput(`${field} must not be empty`, { field });
  if (text.length > max) throw badInput(`${field} is longer than ${max} characters`, { field, max });
  return text;
}

/** Like requireText, for optional fields: empty becomes null. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  const text = refuseNul(field, (value ?? '').trim());
  if (text.length === 0) return null;
  if (text.length > max) throw badInput(`${field} is longer than ${max} characters`, { field, max });
  return text;
}
export const COMMENT_MAX = 2_000;
export const REPLY_MAX = 20_000;
