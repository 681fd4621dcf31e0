import { DateTime } from 'luxon';
import { Channel, RequestType, Urgency } from '../domain/enums';
import { CreateServiceRequestCommand } from '../services/commands';
import { chooseCaller, citizenPool } from './demo-citizens';
import { DUPLICATE_SCENARIO, SCENARIOS, Scenario, ScenarioContext, Step } from './demo-scenarios';
import { COMMUNITIES, COMPANIES, HOSPITALS, REQUEST_TEMPLATES, ROADS, RequestTemplate, SCHOOLS, SHOPS, LeadDepartment } from './demo-texts';
import { DISTRICTS, streetCode } from './reference-catalog';
import { between, chance, intBetween, pick, Random, weighted } from './random';

// Decides, before anything is written, what every demo request is: who calls when about what, which
// department should handle it, and which story (scenario) it lives through.

export interface RequestPlan {
  scenario: string;
  startAt: Date;
  /** The agent on duty when the call came in: day shift agent01, night shift agent02. */
  registeredBy: 'agent01' | 'agent02';
  command: CreateServiceRequestCommand;
  leadCode: string;
  misroutedCode: string | null;
  assistCodes: string[];
  replyText: string;
  answerText: string | null;
  steps: Step[];
  /** For duplicates: the request they are merged into. */
  primary: RequestPlan | null;
}

const CHANNEL_WEIGHTS: Record<Channel, number> = {
  PHONE: 70, WECHAT: 10, APP: 8, WEB: 6, SMS: 3, EMAIL: 1, LETTER: 1, VISIT: 1, TRANSFER: 0,
};

// Stories whose deadlines allow an urgent request; the others assume normal SLA timings.
const URGENCY_ALLOWED = new Set(['closed', 'just registered', 'just dispatched', 'in progress', 'awaiting follow-up']);

interface Location { districtCode: string; streetCode: string; district: string; street: string }

function chooseLocation(random: Random): Location {
  const d = pick(random, DISTRICTS);
  const i = intBetween(random, 0, d.streets.length - 1);
  return { districtCode: d.code, streetCode: streetCode(d.code, i), district: d.name, street: d.streets[i] };
}

function filler(random: Random, location: Location): (text: string) => string {
  const road = pick(random, ROADS);
  const values: Record<string, string> = {
    road, district: location.district, street: location.street,
    community: pick(random, COMMUNITIES), shop: pick(random, SHOPS), company: pick(random, COMPANIES),
    school: pick(random, SCHOOLS), hospital: pick(random, HOSPITALS), bus: String(intBetween(random, 1, 86)),
    months: String(intBetween(random, 2, 6)), amount: String(intBetween(random, 3, 120) * 100),
  };
  values.place = `${location.district}${location.street}${road}${intBetween(random, 1, 399)}号`;
  return (text) => text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
}

function departmentCode(lead: LeadDepartment, location: Location): string {
  if (lead === 'DISTRICT') return location.districtCode;
  if (lead === 'STREET') return location.streetCode;
  return lead;
}

function urgencyFor(random: Random, type: RequestType, scenario: string): Urgency {
  if (!URGENCY_ALLOWED.has(scenario)) return Urgency.NORMAL;
  if (type === RequestType.HELP && chance(random, 0.03)) return Urgency.EMERGENCY;
  if ((type === RequestType.HELP || type === RequestType.COMPLAINT) && chance(random, 0.1)) return Urgency.URGENT;
  return Urgency.NORMAL;
}

// Calls come mostly in the daytime: an hour of the day drawn from the hotline's usual load curve.
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 3, 7, 10, 10, 9, 6, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1.5];

function startTime(random: Random, scenario: Scenario, end: Date, timeZone: string): Date {
  const [minDays, maxDays] = scenario.createdDaysAgo;
  const raw = new Date(end.getTime() - between(random, minDays, maxDays) * 86_400_000);
  if (maxDays < 1) return raw; // "just now" stories keep their exact recent time
  const hour = Number(weighted(random, Object.fromEntries(HOUR_WEIGHTS.map((w, h) => [String(h), w]))));
  const local = DateTime.fromJSDate(raw, { zone: timeZone }).set({ hour, minute: intBetween(random, 0, 59), second: intBetween(random, 0, 59) });
  const at = local.toJSDate();
  return at.getTime() < end.getTime() ? at : new Date(end.getTime() - intBetween(random, 10, 120) * 60_000);
}

// The story first, at its weight; then a subject it can happen to (only consultations with a ready answer
// are answered at intake, only matters that get misrouted are returned, …).
function chooseStory(random: Random): { scenario: Scenario; template: RequestTemplate; type: RequestType } {
  const scenario = SCENARIOS[Number(weighted(random, Object.fromEntries(SCENARIOS.map((s, i) => [String(i), s.weight]))))];
  const subjects = REQUEST_TEMPLATES.flatMap((template) => template.types.map((type): ScenarioContext => ({ template, type })))
    .filter((c) => !scenario.fits || scenario.fits(c));
  return { scenario, ...pick(random, subjects) };
}

/** Extra things that happen to some requests: a note on a repeat call, a handover between shifts. */
function withExtras(random: Random, steps: Step[]): Step[] {
  if (!steps.some((s) => s.action.kind === 'dispatch')) return steps;
  const extras: Step[] = [];
  if (chance(random, 0.08)) extras.push({ action: { kind: 'note' }, timing: { after: [2, 30] }, hours: 'center' });
  if (chance(random, 0.05)) extras.push({ action: { kind: 'transfer' }, timing: { after: [1, 12] }, hours: 'center' });
  return [steps[0], ...extras, ...steps.slice(1)];
}

const agentOnDuty = (at: Date, timeZone: string) => {
  const hour = DateTime.fromJSDate(at, { zone: timeZone }).hour;
  return hour >= 8 && hour < 20 ? 'agent01' : 'agent02';
};

interface PlanOptions { count: number; random: Random; end: Date; timeZone: string }

/** `count` requests, deterministic for a given random source and end time. */
export function planDemoRequests({ count, random, end, timeZone }: PlanOptions): RequestPlan[] {
  const pool = citizenPool(random, Math.max(30, Math.round(count * 0.6)));
  const regulars = Math.max(3, Math.round(count / 40));
  const plans: RequestPlan[] = [];
  for (let i = 0; i < count; i++) {
    const { scenario, template, type } = chooseStory(random);
    const location = chooseLocation(random);
    const fill = filler(random, location);
    const leadCode = departmentCode(template.lead, location);
    const startAt = startTime(random, scenario, end, timeZone);
    plans.push({
      scenario: scenario.name,
      startAt,
      registeredBy: agentOnDuty(startAt, timeZone),
      command: {
        channel: weighted(random, CHANNEL_WEIGHTS),
        type,
        urgency: urgencyFor(random, type, scenario.name),
        title: fill(template.title),
        content: fill(template.content),
        categoryCode: template.category,
        regionCode: chance(random, 0.8) ? location.streetCode : location.districtCode,
        address: fill('{place}'),
        citizen: chooseCaller(random, pool, regulars),
        confidential: type === RequestType.REPORT && chance(random, 0.7),
      },
      leadCode,
      misroutedCode: template.misroutedTo ? departmentCode(template.misroutedTo, location) : null,
      assistCodes: [...new Set((template.assist ?? []).map((a) => departmentCode(a, location)))].filter((c) => c !== leadCode),
      replyText: fill(template.reply),
      answerText: template.answer ? fill(template.answer) : null,
      steps: withExtras(random, scenario.steps({ template, type })),
      primary: null,
    });
  }
  return attachDuplicates(random, plans, timeZone);
}

// A duplicate is the same matter reported again a few hours after a request that is still being handled;
// it takes over that request's subject and place, with its own caller.
function attachDuplicates(random: Random, plans: RequestPlan[], timeZone: string): RequestPlan[] {
  const primaries = plans.filter((p) => p.scenario === 'closed' || p.scenario === 'late department');
  for (const plan of plans.filter((p) => p.scenario === DUPLICATE_SCENARIO)) {
    const primary = primaries.length ? pick(random, primaries) : null;
    if (!primary) continue;
    plan.primary = primary;
    plan.startAt = new Date(primary.startAt.getTime() + between(random, 0.5, 8) * 3_600_000);
    plan.registeredBy = agentOnDuty(plan.startAt, timeZone);
    plan.command = { ...plan.command, type: primary.command.type, urgency: primary.command.urgency, title: primary.command.title,
      content: `又有市民反映同一问题：${primary.command.content}`, categoryCode: primary.command.categoryCode,
      regionCode: primary.command.regionCode, address: primary.command.address, confidential: false };
  }
  return plans.filter((p) => p.scenario !== DUPLICATE_SCENARIO || p.primary);
}
