import { Citizen } from '../entities';
import { CitizenVisibility } from '../domain/masking';

/**
 * A citizen as reached by one viewer through one path: the path decides masking (a liaison through their
 * request sees "张*"), and the request it was reached through goes into the audit of unmasked views.
 */
export class CitizenView {
  readonly __typename = 'Citizen';
  constructor(
    readonly citizen: Citizen,
    readonly visibility: Exclude<CitizenVisibility, 'HIDDEN'>,
    readonly viaRequestId: string | null,
  ) {}
}
