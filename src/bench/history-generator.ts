import { DateTime } from 'luxon';
import { Channel, RequestType } from '../domain/enums';
import { CATEGORIES, DISTRICTS, streetCode } from '../seed/reference-catalog';
import { COMMUNITIES, COMPANIES, GIVEN_NAMES, HOSPITALS, LeadDepartment, REQUEST_TEMPLATES, RequestTemplate, ROADS, SCHOOLS, SHOPS, SURNAMES } from '../seed/demo-texts';
import { between, chance, intBetween, pick, Random, weighted } from '../seed/random';
import { emitRequest, HistorySinks, IdCounters, RequestRow } from './history-rows';
import { Reference } from './reference';
import { bigramVector, RequestStory } from './request-story';
import { SlaClock } from './sla-clock';

// The city's history, generated in time order and streamed: day by day (a weekly rhythm), call by call
// (the hotline's daily load curve), each request's whole story at once. Nothing but one request and a
// window of recent callers is held in memory.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Calls by hour of the day (the demo's load curve, src/seed/demo-plan.ts). */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 3, 7, 10, 10, 9, 6, 8, 9, 9, 8, 7, 6, 5, 4, 3, 2, 1.5];
const WEEKDAY_WEIGHT = [0.7, 1.05, 1, 1, 1, 0.95, 0.75]; // Sunday … Saturday
const CHANNELS: Record<string, number> = { PHONE: 70, WECHAT: 10, APP: 8, WEB: 6, SMS: 3, EMAIL: 1, LETTER: 1, VISIT: 1 };
const RECENT_CALLERS = 60_000;
const GENERIC_ANSWER = '已向市民详细解释相关政策和办理流程，并告知后续咨询渠道，市民表示清楚。';

export interface HistoryOptions {
  requests: number;
  perDay: number;
  now: number;
  timeZone: string;
  random: Random;
}

export interface GeneratedCounts { requests: number; citizens: number; firstCreatedAt: number; days: number }

interface Location { districtCode: string; streetCode: string; district: string; street: string }

export class HistoryGenerator {
  private readonly story: RequestStory;
  private readonly clock: SlaClock;
  private readonly recentCallers: number[] = [];
  private nextRequestId = 1;
  private nextCitizenId = 1;
  private readonly ids: IdCounters = { timeline: 0, ledger: 0 };
  private readonly nextId = { assignment: 1, extension: 1, followUp: 1 };
  private readonly templates = REQUEST_TEMPLATES.filter((t) => CATEGORIES.some((c) => c.children?.some((l) => l.code === t.category)));

  constructor(private readonly o: HistoryOptions, private readonly ref: Reference, private readonly sinks: HistorySinks, private readonly directRules: Map<number, { ruleId: number; departmentId: number }>) {
    this.clock = new SlaClock(ref.calendar, o.timeZone);
    this.story = new RequestStory({ random: o.random, ref, clock: this.clock, timeZone: o.timeZone, now: o.now, nextId: this.nextId });
  }

  /** The local days of the history and how many calls each gets (the last one only up to now). */
  plan(): { dayStart: number; hours: number[]; count: number }[] {
    const days = Math.max(30, Math.ceil(this.o.requests / this.o.perDay));
    const today = DateTime.fromMillis(this.o.now, { zone: this.o.timeZone }).startOf('day');
    const plan = [];
    for (let i = days - 1; i >= 0; i--) {
      const start = today.minus({ days: i });
      const hours = HOUR_WEIGHTS.map((w, h) => (start.plus({ hours: h + 1 }).toMillis() <= this.o.now ? w : 0));
      const weight = WEEKDAY_WEIGHT[start.weekday % 7] * (0.93 + 0.14 * this.o.random()) * hours.reduce((a, b) => a + b, 0);
      plan.push({ dayStart: start.toMillis(), hours, count: weight });
    }
    const total = plan.reduce((s, d) => s + d.count, 0);
    let left = this.o.requests;
    for (const d of plan) left -= (d.count = Math.floor((this.o.requests * d.count) / total));
    for (let i = plan.length - 1; left > 0; i = (i - 1 + plan.length) % plan.length, left--) if (plan[i].hours.some((w) => w > 0)) plan[i].count++;
    return plan;
  }

  /** Generates the whole history into the sinks; `afterRequest` lets the caller flush (and wait) between requests. */
  async run(afterRequest: () => Promise<void> | void): Promise<GeneratedCounts> {
    const plan = this.plan();
    for (const day of plan) {
      const times = Array.from({ length: day.count }, () => this.callTime(day.dayStart, day.hours)).sort((a, b) => a - b);
      for (const createdAt of times) {
        if (this.nextRequestId > this.o.requests) break;
        this.request(createdAt);
        await afterRequest();
      }
    }
    return { requests: this.nextRequestId - 1, citizens: this.nextCitizenId - 1, firstCreatedAt: plan[0].dayStart, days: plan.length };
  }

  get nextIds() {
    return { request: this.nextRequestId, citizen: this.nextCitizenId, ...this.nextId, timeline: this.ids.timeline + 1, ledger: this.ids.ledger + 1 };
  }

  private callTime(dayStart: number, hours: number[]): number {
    let roll = this.o.random() * hours.reduce((a, b) => a + b, 0);
    let h = 0;
    while (h < 23 && (roll -= hours[h]) >= 0) h++;
    return Math.min(dayStart + h * HOUR + Math.floor(this.o.random() * HOUR), this.o.now - 1000);
  }

  private location(): Location {
    const d = pick(this.o.random, DISTRICTS);
    const i = intBetween(this.o.random, 0, d.streets.length - 1);
    return { districtCode: d.code, streetCode: streetCode(d.code, i), district: d.name, street: d.streets[i] };
  }

  private filler(location: Location): (text: string) => string {
    const r = this.o.random;
    const road = pick(r, ROADS);
    const values: Record<string, string> = {
      road, district: location.district, street: location.street, community: pick(r, COMMUNITIES), shop: pick(r, SHOPS),
      company: pick(r, COMPANIES), school: pick(r, SCHOOLS), hospital: pick(r, HOSPITALS), bus: String(intBetween(r, 1, 86)),
      months: String(intBetween(r, 2, 6)), amount: String(intBetween(r, 3, 120) * 100),
    };
    values.place = `${location.district}${location.street}${road}${intBetween(r, 1, 399)}号`;
    return (text) => text.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? key);
  }

  private departmentOf(lead: LeadDepartment, l: Location): number {
    const code = lead === 'DISTRICT' ? l.districtCode : lead === 'STREET' ? l.streetCode : lead;
    return this.ref.departmentId.get(code)!;
  }

  /** 88 % of callers leave a name and phone; about a third of those called before (repeat callers). */
  private citizen(createdAt: number): number | null {
    const r = this.o.random;
    if (!chance(r, 0.88)) return null;
    if (this.recentCallers.length > 100 && chance(r, 0.33)) {
      // Skewed towards the most recent callers: people call again about the same matter within days.
      const back = Math.floor(this.recentCallers.length * Math.pow(r(), 2));
      return this.recentCallers[this.recentCallers.length - 1 - back];
    }
    const id = this.nextCitizenId++;
    // 13x numbers are all assigned mobile prefixes; the id in the last nine digits keeps every phone unique.
    const phone = `13${String(id).padStart(9, '0')}`;
    this.sinks.citizen.push([id, `${pick(r, SURNAMES)}${pick(r, GIVEN_NAMES)}`, phone, new Date(createdAt).toISOString()]);
    this.recentCallers.push(id);
    if (this.recentCallers.length > RECENT_CALLERS * 1.5) this.recentCallers.splice(0, this.recentCallers.length - RECENT_CALLERS);
    return id;
  }

  private newRow(createdAt: number, t: RequestTemplate, l: Location, fill: (s: string) => string, type: string): RequestRow {
    const r = this.o.random;
    const id = this.nextRequestId++;
    const title = fill(t.title).slice(0, 200);
    const content = fill(t.content);
    const agent = pick(r, this.ref.agents);
    const urgency = type === RequestType.HELP && chance(r, 0.03) ? 'EMERGENCY' : (type === RequestType.HELP || type === RequestType.COMPLAINT) && chance(r, 0.1) ? 'URGENT' : 'NORMAL';
    return {
      id, code: `${this.clock.localDay(createdAt).replace(/-/g, '')}-${String(id).padStart(6, '0')}`,
      channel: weighted(r, CHANNELS) as Channel, type, urgency, status: 'REGISTERED', title, content, textBigrams: bigramVector(title, content),
      categoryId: this.ref.categoryId.get(t.category)!, regionId: this.ref.regionId.get(l.streetCode)!, address: fill('{place}'),
      citizenId: this.citizen(createdAt), confidential: type === RequestType.REPORT && chance(r, 0.6), createdAt,
      registeredById: agent, ownerId: agent, leadAssignmentId: null, round: 1, dueAt: null, followUpDueAt: null, followUpWarnAt: null,
      reopenCount: 0, unreachedAttempts: 0, supervisionLevel: null, mergedIntoId: null, intakeAnswer: null, resolvedAtIntakeAt: null,
      closedAt: null, closeReason: null, replyText: fill(t.reply), assignments: [], extensions: [], followUps: [], events: [], ledger: [],
    };
  }

  private request(createdAt: number): void {
    const r = this.o.random;
    const t = pick(r, this.templates);
    const l = this.location();
    const fill = this.filler(l);
    const type = pick(r, t.types);
    const row = this.newRow(createdAt, t, l, fill, type);
    const leadDepartmentId = this.departmentOf(t.lead, l);
    const direct = this.directRules.get(row.categoryId);
    // 直接办结: consultations the center can answer mostly are; other matters sometimes are (a policy explained).
    const answered = !direct && (t.answer ? chance(r, 0.85) : chance(r, type === RequestType.CONSULTATION ? 0.85 : 0.45));
    const voided = chance(r, 0.004);
    this.story.live(row, {
      answer: answered ? (t.answer ? fill(t.answer) : GENERIC_ANSWER) : null,
      leadDepartmentId: direct?.departmentId ?? leadDepartmentId,
      misroutedTo: t.misroutedTo && !direct && chance(r, 0.25) ? this.ref.departmentId.get(t.misroutedTo)! : null,
      assistDepartmentId: t.assist && chance(r, 0.5) ? this.departmentOf(pick(r, t.assist), l) : null,
      direct: direct ? `routing rule ${direct.ruleId} sends this category straight to ${this.ref.departmentCode.get(direct.departmentId)}` : null,
      voidAfterMs: voided ? between(r, 10, 60) * 60_000 : null,
    });
    // 并单: now and then a second caller reports the same matter soon after; the center merges it into this one.
    let dup: RequestRow | null = null;
    if (!answered && !voided && chance(r, 0.08) && this.nextRequestId <= this.o.requests) {
      const dupAt = createdAt + between(r, 0.3, 8) * HOUR;
      const mergeAt = dupAt + between(r, 0.5, 6) * HOUR;
      const stillOpen = row.closedAt === null || row.closedAt > mergeAt;
      if (mergeAt <= this.o.now && stillOpen && row.status !== 'VOID') {
        dup = this.newRow(dupAt, t, l, this.filler(l), type);
        const dispatch = chance(r, 0.4) ? { at: dupAt + between(r, 0.1, 0.9) * (mergeAt - dupAt), departmentId: leadDepartmentId } : null;
        this.story.duplicateLife(dup, row, mergeAt, dispatch);
      }
    }
    emitRequest(this.sinks, row, this.ids);
    if (dup) emitRequest(this.sinks, dup, this.ids);
  }
}

export const DAY_MS = DAY;
