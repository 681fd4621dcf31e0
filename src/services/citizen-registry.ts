import { Citizen } from '../entities';
import { badInput } from '../domain/errors';
import { normalizePhone } from '../domain/phone';
import { NAME_MAX } from '../domain/text-limits';
import { CitizenDetails } from './commands';
import { ServiceContext } from './service-context';

export interface CitizenIdentity {
  name: string | null;
  /** Normalised phone number, or null. */
  phone: string | null;
}

/**
 * Validates what the caller said about the citizen, without writing anything. Anonymous callers keep no
 * personal data at all (no citizen row), whatever else was sent; nothing given means no citizen either.
 */
export function citizenIdentity(details: CitizenDetails | null | undefined): CitizenIdentity | null {
  if (!details || details.anonymous) return null;
  const name = details.name?.trim() || null;
  if (name && name.length > NAME_MAX) throw badInput(`citizen name must be at most ${NAME_MAX} characters`, { field: 'citizen.name' });
  const phone = details.phone?.trim() ? normalizePhone(details.phone) : null;
  if (!name && !phone) return null;
  return { name, phone };
}

/**
 * One citizen per phone number. A known phone keeps its row (and its history); a name given now replaces the
 * stored one, since the agent just heard it from the caller. Race-safe: two intakes for the same new phone
 * meet on the unique index citizen_phone_key, and the loser reads the winner's row.
 * A name without a phone cannot be matched to anybody and gets a row of its own.
 */
export async function findOrCreateCitizen(ctx: ServiceContext, identity: CitizenIdentity): Promise<string> {
  if (!identity.phone) {
    const [created]: { id: string }[] = await ctx.em.query(`INSERT INTO citizen (name) VALUES ($1) RETURNING id`, [identity.name]);
    return String(created.id);
  }
  // Insert, or update the name when one was given and differs; with no update to make, ON CONFLICT returns no
  // row (and takes no row lock) and the existing row is read in the same statement. Only when that row was
  // committed by a parallel intake after this statement began is it invisible here, and read once more.
  const rows: { id: string }[] = await ctx.em.query(
    `WITH upserted AS (
       INSERT INTO citizen (name, phone) VALUES ($1, $2)
       ON CONFLICT (phone) WHERE phone IS NOT NULL
       DO UPDATE SET name = EXCLUDED.name
         WHERE EXCLUDED.name IS NOT NULL AND citizen.name IS DISTINCT FROM EXCLUDED.name
       RETURNING id)
     SELECT id FROM upserted
     UNION ALL
     SELECT id FROM citizen WHERE phone = $2 AND NOT EXISTS (SELECT 1 FROM upserted)`,
    [identity.name, identity.phone],
  );
  if (rows.length > 0) return String(rows[0].id);
  const existing = await ctx.em.getRepository(Citizen).findOneOrFail({ where: { phone: identity.phone }, select: { id: true } });
  return existing.id;
}
