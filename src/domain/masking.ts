import { Role } from './enums';

export type CitizenVisibility = 'FULL' | 'MASKED' | 'HIDDEN';

/**
 * "张三" → "张*", "欧阳娜娜" → "欧***", "Li Lei" → "L*****": the first character (the family name's first
 * character, or a Latin initial) and one star per hidden character; a one-character name is all hidden.
 */
export function maskName(name: string | null): string | null {
  if (name == null) return null;
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + '*'.repeat(chars.length - 1);
}

/**
 * "13812345678" → "138****5678"; "010-12345678" → "010-****5678": the operator prefix or area code and the
 * last four digits stay (enough to tell two numbers apart on the phone), the rest is hidden. Anything too
 * short to keep both ends and still hide something is hidden entirely.
 */
export function maskPhone(phone: string | null): string | null {
  if (phone == null) return null;
  const p = phone.trim();
  const dash = p.indexOf('-');
  if (dash > 0) return p.slice(0, dash + 1) + maskMiddle(p.slice(dash + 1), 0, 4);
  return maskMiddle(p, 3, 4);
}

function maskMiddle(text: string, keepStart: number, keepEnd: number): string {
  const chars = [...text];
  if (chars.length <= keepStart + keepEnd) return '*'.repeat(chars.length);
  return chars.slice(0, keepStart).join('') + '*'.repeat(chars.length - keepStart - keepEnd) + chars.slice(-keepEnd).join('');
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
