import { Role } from './enums';

export type CitizenVisibility = 'FULL' | 'MASKED' | 'HIDDEN';

/** "张三" → "张*", "欧阳娜娜" → "欧***", "Li Lei" → "L*****": the first character and nothing else. */
export function maskName(name: string | null): string | null {
  if (name == null) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/** "13812345678" → "138****5678"; "010-12345678" → "010-****5678": area code and last four digits stay. */
export function maskPhone(phone: string | null): string | null {
  if (phone == null) return null;
  const dash = phone.indexOf('-');
  const prefix = dash >= 0 ? phone.slice(0, dash + 1) : phone.slice(0, 3);
  const rest = phone.slice(prefix.length);
  if (rest.length <= 4) return prefix + '*'.repeat(rest.length);
  return prefix + '*'.repeat(rest.length - 4) + rest.slice(-4);
}

const RANK: Record<CitizenVisibility, number> = { HIDDEN: 0, MASKED: 1, FULL: 2 };

function visibilityFor(role: Role, confidential: boolean): CitizenVisibility {
  switch (role) {
    case Role.AGENT:
    case Role.SUPERVISOR:
    case Role.ADMIN:
      return 'FULL';
    case Role.LIAISON:
      // 举报人保密: whistle-blowers are hidden from departments entirely.
      return confidential ? 'HIDDEN' : 'MASKED';
    case Role.ANALYST:
      return 'HIDDEN';
  }
}

/** How much of a request's citizen a staff member sees (DESIGN.md §3); several roles: the widest applies. */
export function citizenVisibility(roles: Role[], confidential: boolean): CitizenVisibility {
  return roles.reduce<CitizenVisibility>((best, role) => {
    const v = visibilityFor(role, confidential);
    return RANK[v] > RANK[best] ? v : best;
  }, 'HIDDEN');
}
