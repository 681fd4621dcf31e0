import { ErrorCode } from '../../src/domain/errors';
import { normalizePhone } from '../../src/domain/phone';

describe('mainland mobile numbers are stored as 11 digits', () => {
  test.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['+8613812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['86 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['  13812345678  ', '13812345678'],
    ['１３８１２３４５６７８', '13812345678'], // full-width digits from a Chinese IME
    ['19912345678', '19912345678'],
    ['17012345678', '17012345678'],
    ['16612345678', '16612345678'],
    ['15012345678', '15012345678'],
  ])('%j → %s', (input, stored) => expect(normalizePhone(input)).toBe(stored));
});

describe('landlines are stored as area code (with its 0), dash, subscriber number', () => {
  test.each([
    ['010-12345678', '010-12345678'],
    ['010 1234 5678', '010-12345678'],
    ['(010)12345678', '010-12345678'],
    ['02112345678', '021-12345678'],
    ['021 6123 4567', '021-61234567'],
    ['(0755)8765 4321', '0755-87654321'],
    ['（０７５５）８７６５　４３２１', '0755-87654321'],
    ['0755-8765-4321', '0755-87654321'],
    ['+86 10 12345678', '010-12345678'],
    ['+86 (0)10 12345678', '010-12345678'],
    ['0086-10-12345678', '010-12345678'],
    ['+86-571-88889999', '0571-88889999'],
    ['0571-88889999', '0571-88889999'],
    ['0898-66123456', '0898-66123456'],
  ])('%j → %s', (input, stored) => expect(normalizePhone(input)).toBe(stored));
});

test.each(['13812345678', '010-12345678', '0755-87654321'])('a stored number normalises to itself: %s', (stored) => {
  expect(normalizePhone(stored)).toBe(stored);
});

describe('anything else is BAD_USER_INPUT', () => {
  test.each([
    ['empty', ''],
    ['blank', '   '],
    ['the hotline itself', '12345'],
    ['a bank service number', '95588'],
    ['a 400 number', '400-810-8888'],
    ['a landline without area code', '12345678'],
    ['a Beijing number one digit short', '010-1234567'],
    ['10 digits', '1381234567'],
    ['12 digits', '138123456789'],
    ['an unassigned mobile prefix', '12012345678'],
    ['zeros', '00000000000'],
    ['letters', 'abc'],
    ['an extension', '13812345678 ext 2'],
    ['Hong Kong', '+852 2123 4567'],
    ['Taiwan', '+886 2 1234 5678'],
    ['the United States', '+1 202 555 0100'],
    ['far too long', '1'.repeat(40)],
  ])('%s: %j', (_what, input) => {
    expect(() => normalizePhone(input)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));
    expect(() => normalizePhone(input)).toThrow(/invalid phone number/);
  });

  test('null and undefined from untyped callers', () => {
    expect(() => normalizePhone(null as unknown as string)).toThrow(/invalid phone number/);
    expect(() => normalizePhone(undefined as unknown as string)).toThrow(/invalid phone number/);
  });
});

test('the refused number does not appear in the message (logs must not collect personal data)', () => {
  expect(() => normalizePhone('1381234567')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('1381234567') }));
});
