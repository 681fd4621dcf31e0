import type { RequestHandler } from 'express';
import { DataSource } from 'typeorm';
import { resolveActor } from '../auth/authenticate';
import { Config } from '../config';
import { KpiDimension, Role } from '../domain/enums';
import { databaseRefusal } from '../db/database-refusals';
import { DomainError, ErrorCode } from '../domain/errors';
import { KPI_COUNTERS, KPI_RATES, KpiRow } from '../domain/kpi';
import { queryKpis } from '../services/analytics/kpi-query.service';
import { UnitOfWork } from '../services/unit-of-work';

const READERS = [Role.AGENT, Role.SUPERVISOR, Role.LIAISON, Role.ANALYST, Role.ADMIN];

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formula-looking text defused for spreadsheets. */
function field(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@]/.test(text) && Number.isNaN(Number(text))) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function kpiCsv(dims: KpiDimension[], rows: KpiRow[]): string {
  const header = [...dims.map((d) => d.toLowerCase()), ...KPI_COUNTERS, ...KPI_RATES];
  const lines = rows.map((r) => [...r.key, ...KPI_COUNTERS.map((c) => r[c]), ...KPI_RATES.map((k) => r[k])].map(field).join(','));
  return `${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

function parseQuery(q: Record<string, unknown>) {
  const text = (name: string) => (typeof q[name] === 'string' && q[name] !== '' ? (q[name] as string) : null);
  const date = (name: string) => {
    const d = new Date(text(name) ?? '');
    if (Number.isNaN(d.getTime())) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${name} must be an ISO-8601 date-time`);
    return d;
  };
  const groupBy = (text('groupBy') ?? '').split(',').filter(Boolean) as KpiDimension[];
  const unknown = groupBy.filter((g) => !Object.values(KpiDimension).includes(g));
  if (unknown.length) throw new DomainError(ErrorCode.BAD_USER_INPUT, `unknown dimension ${unknown.join(', ')}`);
  return { from: date('from'), to: date('to'), groupBy, departmentCode: text('departmentCode'), categoryCode: text('categoryCode'), regionCode: text('regionCode') };
}

const STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409 };

/**
 * GET /analytics/kpis.csv?from=…&to=…&groupBy=DEPARTMENT,MONTH[&departmentCode=…]: any `kpis` query as CSV for
 * spreadsheets, with the same roles and department scoping as the GraphQL query.
 */
export function kpiCsvRoute(deps: { config: Config; dataSource: DataSource; uow: UnitOfWork }): RequestHandler {
  return async (req, res) => {
    try {
      const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!token) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'send Authorization: Bearer <token>');
      const actor = await resolveActor(deps.dataSource.manager, deps.config, token, deps.uow.clock.now());
      if (!actor) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'this account cannot log in');
      if (!READERS.some((r) => actor.roles.includes(r))) throw new DomainError(ErrorCode.FORBIDDEN, 'not allowed for your role');
      const query = parseQuery(req.query as Record<string, unknown>);
      const rows = await deps.uow.read(actor, (c) => queryKpis(c, query));
      res.type('text/csv; charset=utf-8').attachment('kpis.csv').send(`\uFEFF${kpiCsv(query.groupBy, rows)}`);
    } catch (err) {
      const refusal = err instanceof DomainError ? err : databaseRefusal(err);
      if (!refusal) throw err;
      res.status(STATUS[refusal.code] ?? 400).json({ error: { code: refusal.code, message: refusal.message } });
    }
  };
}
