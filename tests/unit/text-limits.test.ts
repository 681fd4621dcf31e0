import { ErrorCode } from '../../src/domain/errors';
import {
  ADDRESS_MAX, CONTENT_MAX, NAME_MAX, optionalText, REASON_MAX, requireText, textLength, TITLE_MAX,
} from '../../src/domain/text-limits';

const badInput = expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT });

describe('limits', () => {
  test('the documented sizes', () => {
    expect([TITLE_MAX, CONTENT_MAX, REASON_MAX, NAME_MAX, ADDRESS_MAX]).toEqual([200, 20_000, 2_000, 100, 500]);
  });
});

describe('requireText', () => {
  test('trims', () => {
    expect(requireText('title', '  路灯不亮 \n', 10)).toBe('路灯不亮');
  });

  test.each([null, undefined, '', '   ', '\n\t'])('%j is empty', (value) => {
    expect(() => requireText('title', value, 10)).toThrow(badInput);
    expect(() => requireText('title', value, 10)).toThrow('title must not be empty');
  });

  test('exactly the limit passes, one more fails with the field and the limit in the message', () => {
    expect(requireText('title', 'x'.repeat(TITLE_MAX), TITLE_MAX)).toHaveLength(TITLE_MAX);
    expect(() => requireText('title', 'x'.repeat(TITLE_MAX + 1), TITLE_MAX)).toThrow('title is longer than 200 characters');
  });

  test('characters are counted as PostgreSQL counts them: a Chinese character or an emoji is one', () => {
    expect(textLength('路灯')).toBe(2);
    expect(textLength('🚦🚦')).toBe(2);
    expect(requireText('title', '🚦'.repeat(10), 10)).toBe('🚦'.repeat(10));
    expect(() => requireText('title', '🚦'.repeat(11), 10)).toThrow(/longer than 10/);
    expect(() => requireText('title', '路'.repeat(11), 10)).toThrow(/longer than 10/);
  });

  test('the limit is checked after trimming', () => {
    expect(requireText('reason', `  ${'x'.repeat(5)}  `, 5)).toBe('xxxxx');
  });

  test('NUL characters are refused', () => {
    expect(() => requireText('title', 'a\u0000b', 10)).toThrow(/title must not contain NUL/);
  });

  // Found by the fuzz tests: a lone surrogate reached the timeline's jsonb data and failed the mutation there.
  test.each(['\ud800', 'x\ud83dy', 'a\udbff\udbff', '\udc00路'])('half a surrogate pair (%j) is refused', (value) => {
    expect(() => requireText('reason', value, 10)).toThrow(badInput);
    expect(() => requireText('reason', value, 10)).toThrow(/reason must be valid Unicode/);
  });

  test('whole surrogate pairs (emoji) pass', () => {
    expect(requireText('reason', '路灯🚦不亮', 10)).toBe('路灯🚦不亮');
  });

  test('the error names the field', () => {
    try {
      requireText('reason', '', REASON_MAX);
    } catch (e) {
      expect(e).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, details: { field: 'reason' } });
    }
    expect.assertions(1);
  });
});

describe('optionalText', () => {
  test.each([null, undefined, '', '   '])('%j becomes null', (value) => expect(optionalText('address', value, 10)).toBeNull());
  test('otherwise like requireText', () => {
    expect(optionalText('address', ' 人民路 1 号 ', 10)).toBe('人民路 1 号');
    expect(() => optionalText('address', 'x'.repeat(11), 10)).toThrow('address is longer than 10 characters');
    expect(() => optionalText('address', 'a\u0000b', 10)).toThrow(/NUL/);
    expect(() => optionalText('comment', 'a\ud800', 10)).toThrow(/valid Unicode/);
  });
});
