import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { Channel, RequestType } from './enums';
import { normalizePhone } from './phone';

// How a record of another hotline system becomes a request here (issue 7): the mapping file's format, its
// checks, and the mapping of one record. Pure: the importer resolves codes to rows and writes them.

/** What to do with a source value the map does not name. */
export type UnknownPolicy =
  | { policy: 'reject' }
  | { policy: 'fallback'; value: string }
  /** Categories and departments only: a new node under `parent`, named after the source value. */
  | { policy: 'create'; parent: string };

export interface ValueMap {
  /** Exact source values (trimmed; "" names the empty value). */
  map?: Record<string, string>;
  /** Source value prefixes, longest first wins, when no exact value matches. */
  prefixes?: Record<string, string>;
  unknown: UnknownPolicy;
}

/** The lifecycle an imported request ends in. */
export enum ImportOutcome {
  CLOSED = 'CLOSED',
  OPEN = 'OPEN',
  IN_PROGRESS = 'IN_PROGRESS',
  /** 并单: a duplicate of an earlier request of the same matter. */
  DUPLICATE = 'DUPLICATE',
}

/** The department value meaning "the hotline center handled it itself" (answered at intake). */
export const CENTER_HANDLED = '@center';

export interface ImportMapping {
  /** Remembered with every source id: the same id from another source is another record. */
  source: string;
  /** The hotline code of an imported request is this prefix and the source id. */
  codePrefix: string;
  /** IANA zone of the source's dates. */
  timeZone: string;
  /** Luxon formats of the source's dates, tried in order. */
  dateFormats: string[];
  /** Source column names. `title` and `content` are lists: their non-empty values are joined. */
  columns: {
    sourceId: string;
    createdAt: string;
    status: string;
    category: string;
    department?: string;
    channel?: string;
    type?: string;
    dueAt?: string;
    closedAt?: string;
    statusAt?: string;
    region?: string;
    address?: string;
    phone?: string;
    name?: string;
    title: string[];
    content: string[];
  };
  category: ValueMap;
  department: ValueMap;
  channel: ValueMap;
  status: ValueMap;
  region?: ValueMap;
  requestType?: ValueMap;
  /** Reply deadline when the source has none: this many days after creation. */
  defaultDueDays?: number;
}

/** A node to find by code, or to create under a parent when the map had no place for the value. */
export type NodeRef = { code: string } | { create: { parent: string; code: string; name: string } };

export interface MappedRecord {
  sourceId: string;
  code: string;
  channel: Channel;
  type: RequestType;
  outcome: ImportOutcome;
  category: NodeRef;
  /** null: handled by the hotline center itself. */
  department: NodeRef | null;
  regionCode: string | null;
  address: string | null;
  phone: string | null;
  name: string | null;
  title: string;
  content: string;
  createdAt: Date;
  dueAt: Date;
  /** When it was closed (CLOSED, DUPLICATE) or last changed (IN_PROGRESS: signed for). */
  closedAt: Date | null;
  statusAt: Date | null;
}

export type RowResult = { ok: true; record: MappedRecord } | { ok: false; reason: string };

const CODE_MAX = 32;
const TITLE_MAX = 200;
const CONTENT_MAX = 20_000;
const ADDRESS_MAX = 500;
const SOURCE_ID_MAX = 128;
/** Sources stamp statuses a little before creation (clock skew): up to this much is the creation time. */
const SKEW_MS = 24 * 3_600_000;

/** Throws with every problem of a mapping file at once, before a single row is read. */
export function checkMapping(m: ImportMapping): void {
  const problems: string[] = [];
  if (!m || typeof m !== 'object') throw new Error('the mapping must be a JSON object');
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(m.source ?? '')) problems.push('source: 1–64 lower-case letters, digits and dashes');
  if (typeof m.codePrefix !== 'string' || m.codePrefix.length > 12) problems.push('codePrefix: a string of at most 12 characters');
  if (!DateTime.local().setZone(m.timeZone ?? '').isValid) problems.push(`timeZone: "${m.timeZone}" is not an IANA time zone`);
  if (!Array.isArray(m.dateFormats) || m.dateFormats.length === 0) problems.push('dateFormats: at least one Luxon format');
  for (const c of ['sourceId', 'createdAt', 'status', 'category'] as const) if (!m.columns?.[c]) problems.push(`columns.${c} is required`);
  if (!Array.isArray(m.columns?.title) || !Array.isArray(m.columns?.content)) problems.push('columns.title and columns.content: lists of columns');
  for (const name of ['category', 'department', 'channel', 'status'] as const) checkValueMap(name, m[name], problems, name !== 'channel' && name !== 'status');
  if (m.region) checkValueMap('region', m.region, problems, false);
  if (m.requestType) checkValueMap('requestType', m.requestType, problems, false);
  for (const value of allTargets(m.status)) if (!(value in ImportOutcome)) problems.push(`status: "${value}" is not one of ${Object.keys(ImportOutcome).join(', ')}`);
  for (const value of allTargets(m.channel)) if (!(value in Channel)) problems.push(`channel: "${value}" is not a channel (${Object.keys(Channel).join(', ')})`);
  for (const value of m.requestType ? allTargets(m.requestType) : []) if (!(value in RequestType)) problems.push(`requestType: "${value}" is not a request type`);
  if (problems.length) throw new Error(`mapping: ${problems.join('; ')}`);
}

function checkValueMap(name: string, v: ValueMap | undefined, problems: string[], mayCreate: boolean): void {
  if (!v || typeof v !== 'object') return void problems.push(`${name}: a value map is required`);
  const p = v.unknown?.policy;
  if (p !== 'reject' && p !== 'fallback' && p !== 'create') problems.push(`${name}.unknown.policy: reject, fallback or create`);
  if (p === 'create' && !mayCreate) problems.push(`${name}: "create" is only for categories and departments`);
  if (p === 'fallback' && typeof (v.unknown as { value?: unknown }).value !== 'string') problems.push(`${name}.unknown.value is required`);
  if (p === 'create' && typeof (v.unknown as { parent?: unknown }).parent !== 'string') problems.push(`${name}.unknown.parent is required`);
}

function allTargets(v: ValueMap | undefined): string[] {
  if (!v) return [];
  const fallback = v.unknown?.policy === 'fallback' ? [v.unknown.value] : [];
  return [...Object.values(v.map ?? {}), ...Object.values(v.prefixes ?? {}), ...fallback];
}

type Lookup = { value: string } | { create: { parent: string; source: string } } | { error: string };

export function lookUp(what: string, v: ValueMap, raw: string): Lookup {
  const value = raw.trim();
  const exact = v.map?.[value];
  if (exact !== undefined) return { value: exact };
  const prefix = Object.keys(v.prefixes ?? {}).filter((p) => value.startsWith(p)).sort((a, b) => b.length - a.length)[0];
  if (prefix !== undefined) return { value: v.prefixes![prefix] };
  switch (v.unknown.policy) {
    case 'fallback': return { value: v.unknown.value };
    case 'create': return value ? { create: { parent: v.unknown.parent, source: value } } : { error: `${what} is empty` };
    default: return { error: `unknown ${what} "${value}"` };
  }
}

/** A code for a node created from a source value: readable, and unique through a short hash. */
export function createdCode(parent: string, source: string): string {
  const slug = source.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40);
  const hash = createHash('sha1').update(source).digest('hex').slice(0, 6).toUpperCase();
  return `${parent}_${slug}_${hash}`.slice(0, 64);
}

function toNodeRef(l: Lookup): NodeRef | { error: string } {
  if ('error' in l) return l;
  if ('create' in l) return { create: { parent: l.create.parent, code: createdCode(l.create.parent, l.create.source), name: l.create.source.slice(0, 200) } };
  return { code: l.value };
}

export function parseSourceDate(raw: string, m: Pick<ImportMapping, 'dateFormats' | 'timeZone'>): Date | null {
  const value = raw.trim();
  for (const format of m.dateFormats) {
    const parsed = DateTime.fromFormat(value, format, { zone: m.timeZone, locale: 'en-US' });
    if (parsed.isValid) return parsed.toJSDate();
  }
  return null;
}

const column = (record: Record<string, string>, name: string | undefined) => (name ? (record[name] ?? '').trim() : '');

function optionalDate(record: Record<string, string>, m: ImportMapping, name: string | undefined): Date | null | { error: string } {
  const raw = column(record, name);
  if (!raw) return null;
  return parseSourceDate(raw, m) ?? { error: `bad ${name} "${raw}"` };
}

const isError = (x: unknown): x is { error: string } => typeof x === 'object' && x !== null && 'error' in x;

/** One source record, mapped; or why it cannot be imported. Nothing here touches the database. */
export function mapRecord(record: Record<string, string>, m: ImportMapping): RowResult {
  const fail = (reason: string): RowResult => ({ ok: false, reason });
  const sourceId = column(record, m.columns.sourceId);
  if (!sourceId) return fail(`${m.columns.sourceId} is empty`);
  if (sourceId.length > SOURCE_ID_MAX || m.codePrefix.length + sourceId.length > CODE_MAX) return fail(`${m.columns.sourceId} "${sourceId}" is too long`);
  const createdRaw = column(record, m.columns.createdAt);
  const createdAt = parseSourceDate(createdRaw, m);
  if (!createdAt) return fail(`bad ${m.columns.createdAt} "${createdRaw}"`);
  const dates = [optionalDate(record, m, m.columns.dueAt), optionalDate(record, m, m.columns.closedAt), optionalDate(record, m, m.columns.statusAt)];
  const bad = dates.find(isError);
  if (bad) return fail(bad.error);
  const [due, closed, statusAt] = dates as (Date | null)[];

  const status = lookUp('status', m.status, column(record, m.columns.status));
  if (!('value' in status)) return fail('error' in status ? status.error : 'status cannot be created');
  const outcome = status.value as ImportOutcome;
  const category = toNodeRef(lookUp('category', m.category, column(record, m.columns.category)));
  if (isError(category)) return fail(category.error);
  const departmentLookup = lookUp('department', m.department, column(record, m.columns.department));
  const department = 'value' in departmentLookup && departmentLookup.value === CENTER_HANDLED ? null : toNodeRef(departmentLookup);
  if (isError(department)) return fail(department.error);
  const channel = lookUp('channel', m.channel, column(record, m.columns.channel));
  if (!('value' in channel)) return fail('error' in channel ? channel.error : 'channel cannot be created');
  const type = m.requestType ? lookUp('request type', m.requestType, column(record, m.columns.type)) : { value: RequestType.HELP };
  if (!('value' in type)) return fail('error' in type ? type.error : 'request type cannot be created');
  const region = m.region ? lookUp('region', m.region, column(record, m.columns.region)) : null;
  if (region && !('value' in region)) return fail('error' in region ? region.error : 'regions are not created');

  const closedAt = outcome === ImportOutcome.CLOSED || outcome === ImportOutcome.DUPLICATE ? closed ?? statusAt : null;
  if (outcome === ImportOutcome.CLOSED && !closedAt) return fail(`closed without ${m.columns.closedAt ?? 'a close date'}`);
  const times = clampToCreation(createdAt, closedAt);
  if (isError(times)) return fail(times.error);
  const dueAt = due && due.getTime() >= createdAt.getTime() ? due : new Date(createdAt.getTime() + (m.defaultDueDays ?? 15) * 86_400_000);
  const title = joined(record, m.columns.title).slice(0, TITLE_MAX) || sourceId;
  const phone = phoneOf(column(record, m.columns.phone));
  if (isError(phone)) return fail(phone.error);
  return {
    ok: true,
    record: {
      sourceId, code: `${m.codePrefix}${sourceId}`, channel: channel.value as Channel, type: type.value as RequestType, outcome,
      category, department, regionCode: region && 'value' in region ? region.value || null : null,
      address: column(record, m.columns.address).slice(0, ADDRESS_MAX) || null,
      phone, name: column(record, m.columns.name).slice(0, 100) || null,
      title, content: joined(record, m.columns.content).slice(0, CONTENT_MAX) || title,
      createdAt, dueAt, closedAt: times, statusAt: statusAt && statusAt.getTime() >= createdAt.getTime() ? statusAt : null,
    },
  };
}

function clampToCreation(createdAt: Date, closedAt: Date | null): Date | null | { error: string } {
  if (!closedAt || closedAt.getTime() >= createdAt.getTime()) return closedAt;
  if (createdAt.getTime() - closedAt.getTime() <= SKEW_MS) return createdAt;
  return { error: `closed ${closedAt.toISOString()} before it was created ${createdAt.toISOString()}` };
}

/** Normalised as at intake, so that the caller's history joins up; a number that is not one is an error. */
function phoneOf(raw: string): string | null | { error: string } {
  if (!raw) return null;
  try {
    return normalizePhone(raw);
  } catch {
    return { error: 'invalid phone number' };
  }
}

function joined(record: Record<string, string>, columns: string[]): string {
  return columns.map((c) => column(record, c)).filter(Boolean).join(' | ');
}

/** Equal hashes: the record maps to exactly what was imported before. */
export function recordHash(r: MappedRecord): string {
  return createHash('sha256').update(JSON.stringify(r)).digest('hex');
}
