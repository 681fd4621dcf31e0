import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { badInput } from './errors';

/**
 * Mainland China numbers, stored normalised: mobiles as 11 digits ("13812345678"), landlines as
 * area code with its leading 0, a dash, and the subscriber number ("010-12345678").
 */
export function normalizePhone(input: string): string {
  // NFKC turns full-width digits, brackets and spaces typed with a Chinese IME ("（０１０）") into ASCII.
  const raw = String(input ?? '').normalize('NFKC').trim();
  if (raw.length === 0 || raw.length > 32 || !/^[+\d\s()\-]+$/.test(raw)) throw invalid();
  const parsed = parsePhoneNumberFromString(raw, 'CN');
  if (!parsed || parsed.country !== 'CN' || !parsed.isValid()) throw invalid();
  const national = String(parsed.nationalNumber);
  const type = parsed.getType();
  if (type === 'MOBILE' || (national.length === 11 && national.startsWith('1'))) return national;
  if (type === 'FIXED_LINE' || type === 'FIXED_LINE_OR_MOBILE' || type === undefined) return landline(parsed.formatNational());
  throw invalid();
}

/** libphonenumber formats CN landlines nationally as "010 1234 5678" or "0571 8888 9999". */
function landline(national: string): string {
  const digits = national.replace(/\D/g, '');
  const area = national.trim().split(/\s+/)[0].replace(/\D/g, '');
  if (!area.startsWith('0') || area.length < 3 || area.length > 4) throw invalid();
  return `${area}-${digits.slice(area.length)}`;
}

// The number itself stays out of the message: error messages end up in logs, and phone numbers are personal data.
const invalid = () =>
  badInput('invalid phone number: expected a mainland mobile number (11 digits) or a landline with its area code', { field: 'phone' });
