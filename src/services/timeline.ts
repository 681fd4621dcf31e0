import { EntityManager } from 'typeorm';
import { TimelineEvent } from '../entities';
import { TimelineEventKind } from '../domain/enums';
import { entityRows } from './entity-rows';
import { ServiceContext } from './service-context';

export interface TimelineEntry {
  requestId: string;
  kind: TimelineEventKind;
  summary: string;
  data?: Record<string, unknown>;
  assignmentId?: string | null;
}

async function insertTimeline(em: EntityManager, at: Date, actorId: string | null, entry: TimelineEntry): Promise<TimelineEvent> {
  const event = await entityRows(em, TimelineEvent).insert({
    requestId: entry.requestId,
    assignmentId: entry.assignmentId ?? null,
    kind: entry.kind,
    summary: entry.summary,
    data: entry.data ?? null,
    actorId,
    at,
  });
  return event!;
}

/** Appends to the request's timeline inside the mutation's transaction. The actor is the context's staff member. */
export function appendTimeline(ctx: ServiceContext, entry: TimelineEntry): Promise<TimelineEvent> {
  return insertTimeline(ctx.em, ctx.now, ctx.actor.staffId, entry);
}

/** A system event (deadline warnings, overdue marks, automatic escalation): written by jobs, no actor. */
export function appendSystemTimeline(em: EntityManager, at: Date, entry: TimelineEntry): Promise<TimelineEvent> {
  return insertTimeline(em, at, null, entry);
}
