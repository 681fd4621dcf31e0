import { formatRequestCode } from '../../src/domain/request-code';

const TZ = 'Asia/Shanghai';

describe('request codes', () => {
  test('the intake day in the hotline time zone and a zero-padded sequence', () => {
    expect(formatRequestCode(new Date('2026-11-21T16:30:00Z'), 123, TZ)).toBe('20261122-000123');
  });

  test('the day changes at local midnight, not UTC midnight', () => {
    expect(formatRequestCode(new Date('2026-11-21T15:59:59.999Z'), 1, TZ)).toBe('20261121-000001');
    expect(formatRequestCode(new Date('2026-11-21T16:00:00.000Z'), 1, TZ)).toBe('20261122-000001');
    expect(formatRequestCode(new Date('2026-11-21T16:00:00.000Z'), 1, 'UTC')).toBe('20261121-000001');
  });

  test('at least six digits; more when the sequence needs them', () => {
    expect(formatRequestCode(new Date('2026-01-01T00:00:00Z'), 999_999, TZ)).toBe('20260101-999999');
    expect(formatRequestCode(new Date('2026-01-01T00:00:00Z'), 1_234_567, TZ)).toBe('20260101-1234567');
  });

  test.each([0, -1, 1.5, Number.NaN])('sequence %p is refused', (sequence) => {
    expect(() => formatRequestCode(new Date('2026-01-01T00:00:00Z'), sequence, TZ)).toThrow(RangeError);
  });

  test('an unknown time zone or invalid date is refused', () => {
    expect(() => formatRequestCode(new Date('2026-01-01T00:00:00Z'), 1, 'Mars/Olympus')).toThrow(RangeError);
    expect(() => formatRequestCode(new Date('nope'), 1, TZ)).toThrow(RangeError);
  });
});
