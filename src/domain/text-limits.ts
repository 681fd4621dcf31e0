import { badInput } from './errors';

// Lengths of free text, in characters (Unicode code points, as PostgreSQL's varchar(n) counts them, so "路灯"
// is 2 and an emoji is 1). Columns are at least this wide; checking here gives a clear BAD_USER_INPUT
// instead of a database error.

export const TITLE_MAX = 200;
export const CONTENT_MAX = 20_000;
export const ANSWER_MAX = 20_000;
export const REPLY_MAX = 20_000;
export const REASON_MAX = 2_000;
export const COMMENT_MAX = 2_000;
export const NOTE_MAX = 5_000;
export const NAME_MAX = 100;
export const ADDRESS_MAX = 500;

/** Length in characters (code points), not UTF-16 units. */
export function textLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// PostgreSQL text cannot hold NUL; refuse it here rather than fail in the database.
function refuseNul(field: string, text: string): string {
  if (text.includes('\u0000')) throw badInput(`${field} must not contain NUL characters`, { field });
  return refuseLoneSurrogates(field, text);
}

// Half of a UTF-16 surrogate pair is no character at all. A text column would silently store U+FFFD, and the
// timeline's jsonb data (where reasons, notes and comments are copied) refuses the "\ud800" escape outright,
// which failed the whole mutation with a database error. Found by the fuzz tests.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Refuses text that is not well-formed Unicode (a lone surrogate). */
export function refuseLoneSurrogates(field: string, text: string): string {
  if (LONE_SURROGATE.test(text)) throw badInput(`${field} must be valid Unicode text (it holds half of a surrogate pair)`, { field });
  return text;
}

function checkMax(field: string, text: string, max: number): string {
  if (textLength(text) > max) throw badInput(`${field} is longer than ${max} characters`, { field, max });
  return text;
}

const trimmed = (field: string, value: string | null | undefined) => refuseNul(field, String(value ?? '').trim());

/** Trims and checks a required text; the message names the field and its limit. */
export function requireText(field: string, value: string | null | undefined, max: number): string {
  const text = trimmed(field, value);
  if (text.length === 0) throw badInput(`${field} must not be empty`, { field });
  return checkMax(field, text, max);
}

/** Like requireText, for optional fields: missing or blank becomes null. */
export function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  const text = trimmed(field, value);
  return text.length === 0 ? null : checkMax(field, text, max);
}
