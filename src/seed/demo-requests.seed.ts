import { DataSource } from 'typeorm';
import { ManualClock } from '../clock';
import { DomainError } from '../domain/errors';
import { CalendarCache } from '../services/calendar-cache';
import { UnitOfWork } from '../services/unit-of-work';
import { ActionEnv, RequestRun, performStep } from './demo-actions';
import { loadDemoCast } from './demo-cast';
import { RequestPlan, planDemoRequests } from './demo-plan';
import { stepTime } from './demo-timing';
import { Random, seededRandom } from './random';
import { TimeQueue } from './time-queue';

// A living demo: a few hundred requests over the last ~60 days, each living through its story (closed,
// re-handled, returned, extended, merged, voided, overdue, still open…). Time is simulated: a ManualClock is
// moved from one step to the next in time order across all requests, and every step goes through the
// services as the demo staff member whose job it is.

export const DEMO_SEED = 12345;

export interface DemoRequestsDeps {
  dataSource: DataSource;
  timeZone: string;
  calendars?: CalendarCache;
  /** How many requests (default 400). */
  count?: number;
  /** The present: nothing is scheduled after it (default: the real now). */
  now?: Date;
  random?: Random;
}

export interface DemoRequestsResult {
  created: number;
  /** Steps a service refused (a story then stops where it is); expected to be empty. */
  failedSteps: string[];
}

interface Pending { run: RequestRun; step: number }

function startRuns(plans: RequestPlan[], env: ActionEnv): RequestRun[] {
  const runs = new Map<RequestPlan, RequestRun>();
  for (const plan of plans) {
    runs.set(plan, { plan, primary: null, requestId: null, owner: env.cast.agent(plan.registeredBy), leadCode: null, extensionId: null, deadline: null });
  }
  for (const run of runs.values()) run.primary = run.plan.primary ? runs.get(run.plan.primary)! : null;
  return [...runs.values()];
}

/** Requires the reference data (seedReferenceData). Deterministic for a given `random` and `now`. */
export async function seedDemoRequests(deps: DemoRequestsDeps): Promise<DemoRequestsResult> {
  const end = deps.now ?? new Date();
  const random = deps.random ?? seededRandom(DEMO_SEED);
  const calendars = deps.calendars ?? new CalendarCache();
  const clock = new ManualClock(end);
  const env: ActionEnv = { uow: new UnitOfWork(deps.dataSource, clock, deps.timeZone, calendars), cast: await loadDemoCast(deps.dataSource), random };
  const calendar = await calendars.get(deps.dataSource.manager);

  const queue = new TimeQueue<Pending>();
  for (const run of startRuns(planDemoRequests({ count: deps.count ?? 400, random, end, timeZone: deps.timeZone }), env)) {
    queue.push(run.plan.startAt, { run, step: 0 });
  }

  const result: DemoRequestsResult = { created: 0, failedSteps: [] };
  for (let item = queue.pop(); item; item = queue.pop()) {
    const { at, value: { run, step } } = item;
    if (at.getTime() > end.getTime()) continue; // the story goes on after "now"
    clock.set(at);
    const { action } = run.plan.steps[step];
    try {
      await performStep(env, run, action);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      result.failedSteps.push(`${run.plan.scenario}: ${action.kind} refused (${err.code}: ${err.message})`);
      continue;
    }
    if (action.kind === 'create') result.created += 1;
    const next = run.plan.steps[step + 1];
    if (next) queue.push(stepTime(next, at, run.deadline, random, calendar, deps.timeZone), { run, step: step + 1 });
  }
  return result;
}
