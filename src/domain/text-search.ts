import { badInput } from './errors';

// Substring search over Chinese text (requests, knowledge articles). Pure rules: how a search term is
// checked, how it becomes a literal ILIKE pattern, and when the character-bigram index may answer it.

export const SEARCH_MAX = 100;

/** The trimmed search term, null when there is none; too long or NUL is the caller's mistake. */
export function searchTerm(search: string | null | undefined): string | null {
  const text = (search ?? '').trim();
  if (!text) return null;
  if (text.length > SEARCH_MAX) throw badInput(`search is longer than ${SEARCH_MAX} characters`, { field: 'search' });
  if (text.includes('\u0000')) throw badInput('search must not contain NUL characters', { field: 'search' });
  return text;
}

/** A search term as an ILIKE '%…%' pattern that matches it literally (`%`, `_` and `\` escaped). */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// CJK Unified Ideographs and Extension A: no decomposition, no case, and nothing composes with them,
// so NFKC and lower() leave them as they are wherever they stand in a text.
const IDEOGRAPH = /^[\u3400-\u4dbf\u4e00-\u9fff]$/u;
const ASCII_DIGIT = /^[0-9]$/;
const ASCII_LETTER = /^[A-Za-z]$/;

/**
 * The one lexeme of `text_bigrams()` (migration Routing) that every text containing `term` also holds, for a
 * two-character term with an ideograph; null when the bigram index cannot stand in for ILIKE.
 *
 * Two-character terms are the trigram index's blind spot (路灯, 物业). text_bigrams() lower-cases the text,
 * applies NFKC and keeps letters and digits, so its bigrams are a superset of ILIKE's matches only when
 * those steps cannot change the term's two characters inside a longer text: ideographs and ASCII digits
 * never change; an ASCII letter is lower-cased the same way ILIKE does it, but only as the first character,
 * since NFKC composes a letter with a combining mark that follows it (e + ◌́ → é). A term without an
 * ideograph (a code fragment such as "12") matches so many rows that the index would not help.
 */
export function bigramLexeme(term: string): string | null {
  const chars = Array.from(term);
  if (chars.length !== 2) return null;
  const [first, second] = chars;
  if (!IDEOGRAPH.test(first) && !IDEOGRAPH.test(second)) return null;
  const firstOk = IDEOGRAPH.test(first) || ASCII_DIGIT.test(first) || ASCII_LETTER.test(first);
  const secondOk = IDEOGRAPH.test(second) || ASCII_DIGIT.test(second);
  return firstOk && secondOk ? `${first.toLowerCase()}${second}` : null;
}
