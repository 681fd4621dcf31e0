import { normalizePhone } from '../../src/domain/phone';
import { formatRequestCode } from '../../src/domain/request-code';
import { optionalText, requireText } from '../../src/domain/text-limits';

describe('phone numbers', () => {
  test.each([
    ['13812345678', '13812345678'], ['138 1234 5678', '13812345678'], ['+86 138-1234-5678', '13812345678'],
    ['0086 13812345678', '13812345678'], ['19912345678', '19912345678'],
    ['010-12345678', '010-12345678'], ['(0755)8765 4321', '0755-87654321'], ['+86 10 12345678', '010-12345678'],
    ['0571-88889999', '0571-88889999'], ['02112345678', '021-12345678'],
  ])('%s is stored as %s', (input, stored) => expect(normalizePhone(input)).toBe(stored));

  test.each(['', '12345', '1381234567', '138123456789', 'abc', '+1 202 555 0100', '12012345678', '00000000000', '1'.repeat(40)])(
    '%s is refused', (input) => {
      expect(() => normalizePhone(input)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    },
  );
});

describe('request codes', () => {
  test('the intake day in the hotline time zone and a zero-padded sequence', () => {
    expect(formatRequestCode(new Date('2026-11-21T16:30:00Z'), 123, 'Asia/Shanghai')).toBe('20261122-000123');
    expect(formatRequestCode(new Date('2026-11-21T16:30:00Z'), 1234567, 'Asia/Shanghai')).toBe('20261122-1234567');
  });
});

describe('text limits', () => {
  test('trims and checks', () => {
    expect(requireText('title', '  路灯不亮 ', 10)).toBe('路灯不亮');
    expect(() => requireText('title', '   ', 10)).toThrow(/title must not be empty/);
    expect(() => requireText('title', 'x'.repeat(11), 10)).toThrow(/longer than 10/);
    expect(optionalText('address', '  ', 10)).toBeNull();
    expect(() => requireText('title', 'a\u0000b', 10)).toThrow(/NUL/);
    expect(() => optionalText('address', 'a\u0000b', 10)).toThrow(/NUL/);
  });
});
