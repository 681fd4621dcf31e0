import { Role } from '../../src/domain/enums';
import { CitizenVisibility, citizenVisibility, maskName, maskPhone } from '../../src/domain/masking';

describe('names', () => {
  test.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李', '*'],
    ['王小明', '王**'],
    ['  王五 ', '王*'],
    ['买买提·艾力', '买*****'],
    ['Li Lei', 'L*****'],
    ['John', 'J***'],
    ['', ''],
    [null, null],
  ])('%j → %j', (name, masked) => expect(maskName(name)).toBe(masked));

  test('a character outside the BMP counts as one', () => {
    expect(maskName('𠀀明')).toBe('𠀀*');
  });
});

describe('phone numbers', () => {
  test.each([
    ['13812345678', '138****5678'],
    ['19912345678', '199****5678'],
    ['010-12345678', '010-****5678'],
    ['0755-87654321', '0755-****4321'],
    ['0571-8888999', '0571-***8999'],
    ['010-1234', '010-****'],
    ['12345', '*****'],
    [' 13812345678 ', '138****5678'],
    [null, null],
  ])('%j → %j', (phone, masked) => expect(maskPhone(phone)).toBe(masked));

  test('the hidden digits never show', () => {
    expect(maskPhone('13812345678')).not.toMatch(/1234/);
    expect(maskPhone('010-87650000')).not.toMatch(/8765/);
  });
});

describe('who sees a citizen', () => {
  // One role at a time, confidential or not (DESIGN.md §3).
  test.each([
    [Role.AGENT, false, 'FULL'], [Role.AGENT, true, 'FULL'],
    [Role.SUPERVISOR, false, 'FULL'], [Role.SUPERVISOR, true, 'FULL'],
    [Role.ADMIN, false, 'FULL'], [Role.ADMIN, true, 'FULL'],
    [Role.LIAISON, false, 'MASKED'], [Role.LIAISON, true, 'HIDDEN'],
    [Role.ANALYST, false, 'HIDDEN'], [Role.ANALYST, true, 'HIDDEN'],
  ] as const)('%s, confidential=%s → %s', (role, confidential, expected) => {
    expect(citizenVisibility([role], confidential)).toBe(expected);
  });

  test('no role sees nothing', () => {
    expect(citizenVisibility([], false)).toBe('HIDDEN');
  });

  test.each([
    [[Role.ANALYST, Role.LIAISON], false, 'MASKED'],
    [[Role.ANALYST, Role.LIAISON], true, 'HIDDEN'],
    [[Role.LIAISON, Role.AGENT], true, 'FULL'],
    [[Role.ANALYST, Role.ADMIN], false, 'FULL'],
    [[Role.LIAISON, Role.SUPERVISOR], false, 'FULL'],
  ] as const)('%j, confidential=%s → %s', (roles, confidential, expected) => {
    expect(citizenVisibility([...roles], confidential)).toBe(expected);
  });

  // Every combination of roles: the most permissive single-role answer wins.
  const roles = Object.values(Role);
  const subsets = Array.from({ length: 2 ** roles.length }, (_, mask) => roles.filter((_r, i) => mask & (1 << i)));
  const order: CitizenVisibility[] = ['HIDDEN', 'MASKED', 'FULL'];
  test.each(subsets.flatMap((s) => [[s, false], [s, true]] as const))('%j, confidential=%s: the most permissive role applies', (set, confidential) => {
    const best = set.map((r) => citizenVisibility([r], confidential)).reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), 'HIDDEN');
    expect(citizenVisibility([...set], confidential)).toBe(best);
    expect(citizenVisibility([...set].reverse(), confidential)).toBe(best);
  });
});
