import { DomainError, ErrorCode } from '../../src/domain/errors';
import { bigramLexeme, containsPattern, searchTerm } from '../../src/domain/text-search';

const codeOf = (fn: () => unknown): string | undefined => {
  try { fn(); } catch (e) { return e instanceof DomainError ? e.code : 'OTHER'; }
  return undefined;
};

describe('search terms', () => {
  test('become a literal ILIKE pattern: % _ and \\ are escaped', () => {
    expect(containsPattern('社保卡')).toBe('%社保卡%');
    expect(containsPattern('100%')).toBe('%100\\%%');
    expect(containsPattern('a_b')).toBe('%a\\_b%');
    expect(containsPattern('C:\\x')).toBe('%C:\\\\x%');
  });

  test('are trimmed; blank is no search; too long or NUL is BAD_USER_INPUT', () => {
    expect(searchTerm('  公积金 ')).toBe('公积金');
    expect(searchTerm('   ')).toBeNull();
    expect(searchTerm(null)).toBeNull();
    expect(searchTerm('字'.repeat(100))).toBe('字'.repeat(100));
    expect(codeOf(() => searchTerm('字'.repeat(101)))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => searchTerm('a\u0000b'))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});

describe('the bigram lexeme of a two-character term', () => {
  test('two ideographs, including Extension A, are their own lexeme', () => {
    expect(bigramLexeme('路灯')).toBe('路灯');
    expect(bigramLexeme('物业')).toBe('物业');
    expect(bigramLexeme('㐀灯')).toBe('㐀灯');
  });

  test('an ideograph with an ASCII digit either side, or after an ASCII letter (lower-cased like ILIKE)', () => {
    expect(bigramLexeme('3号')).toBe('3号');
    expect(bigramLexeme('号3')).toBe('号3');
    expect(bigramLexeme('B路')).toBe('b路');
    expect(bigramLexeme('b路')).toBe('b路');
  });

  test('an ASCII letter second may be composed with a following combining mark by NFKC: no lexeme', () => {
    expect(bigramLexeme('路A')).toBeNull();
    expect(bigramLexeme('路e')).toBeNull();
  });

  test('terms without an ideograph are left to the other indexes', () => {
    expect(bigramLexeme('12')).toBeNull();
    expect(bigramLexeme('ab')).toBeNull();
    expect(bigramLexeme('A1')).toBeNull();
  });

  test('characters NFKC or lower() could change, and punctuation, give no lexeme', () => {
    expect(bigramLexeme('路Ｂ')).toBeNull(); // full-width letter
    expect(bigramLexeme('１号')).toBeNull(); // full-width digit
    expect(bigramLexeme('\uF900灯')).toBeNull(); // 豈 U+F900, a compatibility ideograph NFKC replaces
    expect(bigramLexeme('路，')).toBeNull();
    expect(bigramLexeme('路 ')).toBeNull();
    expect(bigramLexeme('é路')).toBeNull();
  });

  test('only two characters (code points, so an astral ideograph counts once) qualify', () => {
    expect(bigramLexeme('灯')).toBeNull();
    expect(bigramLexeme('路灯杆')).toBeNull();
    expect(bigramLexeme('𠀀灯')).toBeNull(); // Extension B: outside the ranges, not a surrogate half
    expect(bigramLexeme('')).toBeNull();
  });
});
