import { Role } from '../domain/enums';

// The role table of DESIGN.md §3, in one place.
export const CENTER = [Role.AGENT, Role.SUPERVISOR];
export const SUPERVISOR = [Role.SUPERVISOR];
export const LIAISON = [Role.LIAISON];
export const REQUEST_READERS = [Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.LIAISON];
export const CITIZEN_READERS = [Role.AGENT, Role.SUPERVISOR, Role.ADMIN];
export const ANALYTICS_READERS = [Role.AGENT, Role.SUPERVISOR, Role.LIAISON, Role.ANALYST, Role.ADMIN];
export const ADMIN = [Role.ADMIN];
export { KNOWLEDGE_EDITORS } from '../domain/knowledge';
