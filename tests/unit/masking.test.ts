import { Role } from '../../src/domain/enums';
import { citizenVisibility, maskName, maskPhone } from '../../src/domain/masking';

describe('masking', () => {
  test.each([
    ['张三', '张*'], ['欧阳娜娜', '欧***'], ['李', '*'], ['Li Lei', 'L*****'], [null, null],
  ])('name %s → %s', (name, masked) => expect(maskName(name)).toBe(masked));

  test.each([
    ['13812345678', '138****5678'], ['010-12345678', '010-****5678'], ['0571-8888999', '0571-***8999'], [null, null],
  ])('phone %s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  test('masked values never contain the hidden digits', () => {
    expect(maskPhone('13812345678')).not.toContain('1234');
  });
});

describe('who sees a citizen', () => {
  test.each([
    [[Role.AGENT], false, 'FULL'], [[Role.SUPERVISOR], true, 'FULL'], [[Role.ADMIN], true, 'FULL'],
    [[Role.LIAISON], false, 'MASKED'], [[Role.LIAISON], true, 'HIDDEN'],
    [[Role.ANALYST], false, 'HIDDEN'], [[Role.ANALYST], true, 'HIDDEN'], [[], false, 'HIDDEN'],
  ] as const)('%j, confidential=%s → %s', (roles, confidential, expected) => {
    expect(citizenVisibility([...roles], confidential)).toBe(expected);
  });

  test('several roles: the widest applies', () => {
    expect(citizenVisibility([Role.ANALYST, Role.LIAISON], false)).toBe('MASKED');
    expect(citizenVisibility([Role.LIAISON, Role.AGENT], true)).toBe('FULL');
  });
});
