import { DateTime } from 'luxon';

/** "20261122-000123": the intake day in the hotline's time zone and a never-reused sequence number. */
export function formatRequestCode(createdAt: Date, sequence: number, timeZone: string): string {
  const day = DateTime.fromJSDate(createdAt, { zone: timeZone }).toFormat('yyyyLLdd');
  return `${day}-${String(sequence).padStart(6, '0')}`;
}
