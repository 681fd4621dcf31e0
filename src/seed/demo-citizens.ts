import { CitizenDetails } from '../services/commands';
import { GIVEN_NAMES, SURNAMES } from './demo-texts';
import { chance, intBetween, pick, Random } from './random';

// Callers of the demo hotline: a pool of people with valid mainland mobile numbers, a few regulars who call
// about several matters (repeat callers, DESIGN.md §4), and some who stay anonymous.

export interface DemoCitizen { name: string; phone: string }

// Prefixes of mainland mobile numbers in real use (China Mobile, Unicom, Telecom).
const MOBILE_PREFIXES = ['133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '158', '159', '177', '180', '186', '187', '188', '189', '199'];

function mobileNumber(random: Random): string {
  let digits = pick(random, MOBILE_PREFIXES);
  for (let i = 0; i < 8; i++) digits += String(intBetween(random, 0, 9));
  return digits;
}

/** `size` people with distinct phone numbers; some give only their surname and a title, as callers do. */
export function citizenPool(random: Random, size: number): DemoCitizen[] {
  const phones = new Set<string>();
  const pool: DemoCitizen[] = [];
  while (pool.length < size) {
    const phone = mobileNumber(random);
    if (phones.has(phone)) continue;
    phones.add(phone);
    const surname = pick(random, SURNAMES);
    const name = chance(random, 0.15) ? `${surname}${pick(random, ['先生', '女士'])}` : `${surname}${pick(random, GIVEN_NAMES)}`;
    pool.push({ name, phone });
  }
  return pool;
}

/**
 * Who is on the line: mostly someone from the pool, often one of the first `regulars` (so that repeat callers
 * exist), sometimes nobody who wants to be named. A phone format the agent typed as heard is kept as is:
 * normalising it is the service's job.
 */
export function chooseCaller(random: Random, pool: DemoCitizen[], regulars: number): CitizenDetails {
  if (chance(random, 0.07)) return { anonymous: true };
  const person = chance(random, 0.2) ? pool[intBetween(random, 0, regulars - 1)] : pick(random, pool);
  const phone = chance(random, 0.1) ? `${person.phone.slice(0, 3)} ${person.phone.slice(3, 7)} ${person.phone.slice(7)}` : person.phone;
  return { name: person.name, phone };
}
