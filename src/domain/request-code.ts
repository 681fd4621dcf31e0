import { DateTime } from 'luxon';

/**
 * "20261122-000123": the intake day in the hotline's time zone and a never-reused sequence number, padded to
 * six digits so codes of one day sort as text; a seventh digit simply widens the code.
 */
export function formatRequestCode(createdAt: Date, sequence: number, timeZone: string): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError(`request sequence must be a whole number ≥ 1, got ${sequence}`);
  const local = DateTime.fromJSDate(createdAt, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`cannot date a request code: ${local.invalidExplanation ?? 'invalid date or time zone'}`);
  return `${local.toFormat('yyyyLLdd')}-${String(sequence).padStart(6, '0')}`;
}
