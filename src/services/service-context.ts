import { EntityManager } from 'typeorm';
import { Actor } from '../auth/actor';
import { Clock } from '../clock';
import { WorkdayCalendar } from '../domain/working-calendar';
import { ReferenceSnapshot } from './reference-cache';

/**
 * What every service function receives first: who acts, the transaction's EntityManager (every query
 * joins the transaction), and "now" fixed once per mutation so that all rows it writes agree.
 */
export interface ServiceContext {
  actor: Actor;
  em: EntityManager;
  now: Date;
  timeZone: string;
  calendar: () => Promise<WorkdayCalendar>;
  /** Departments, categories and regions (cached per process, src/services/reference-cache.ts). */
  reference: () => Promise<ReferenceSnapshot>;
}
