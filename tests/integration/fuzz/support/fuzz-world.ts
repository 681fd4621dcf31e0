import { GraphQLClient } from '../../support/graphql-client';
import {
  ACCEPT, Desk, REQUEST_EXTENSION, REQUEST_RETURN, awaitingFollowUp, createRequest, dispatchedRequest, globalId, shift, DAY, FOLLOW_UP,
} from '../../support/operations';
import { TestServer } from '../../support/test-server';

// The people and the rows the fuzzed calls aim at: real ids of every node type (so that plausible calls reach
// the services), real cursors, and one logged-in client per role.

export type Caller = 'agent' | 'supervisor' | 'urban' | 'd01' | 'analyst' | 'admin' | 'anonymous';

/** Which role each caller holds (anonymous holds none). */
export const CALLER_ROLE: Record<Caller, string | null> = {
  agent: 'AGENT', supervisor: 'SUPERVISOR', urban: 'LIAISON', d01: 'LIAISON', analyst: 'ANALYST', admin: 'ADMIN', anonymous: null,
};

export interface FuzzWorld {
  clients: Record<Caller, GraphQLClient>;
  /** Global ids of existing rows, by node type. */
  ids: Map<string, string[]>;
  requestCodes: string[];
  cursors: string[];
  usernames: string[];
}

// Node type → the table its rows live in (the global id is "<Type>:<row id>").
const NODE_TABLES: Record<string, string> = {
  ServiceRequest: 'service_request', Assignment: 'assignment', ExtensionRequest: 'extension_request', FollowUp: 'follow_up',
  TimelineEvent: 'timeline_event', Staff: 'staff', Department: 'department', Category: 'category', Region: 'region', Citizen: 'citizen',
  KnowledgeArticle: 'knowledge_article', RoutingRule: 'routing_rule', DepartmentWebhook: 'department_webhook', Notification: 'notification',
  HotspotAlert: 'hotspot_alert', WebhookDelivery: 'webhook_delivery',
};

export async function loginCallers(t: TestServer): Promise<Record<Caller, GraphQLClient>> {
  const [agent, supervisor, urban, d01, analyst, admin] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban', 'liaison_d01', 'analyst01', 'admin');
  return { agent, supervisor, urban, d01, analyst, admin, anonymous: t.anonymous };
}

/** Requests in the states that matter (registered, dispatched with an assist, signed for with an extension
 * pending, return requested, awaiting follow-up after an unreached call), then every id the database holds. */
export async function buildWorld(t: TestServer, clients: Record<Caller, GraphQLClient>): Promise<FuzzWorld> {
  const desk: Desk = { agent: clients.agent, supervisor: clients.supervisor, urban: clients.urban };
  // Independent arrangements, made side by side: this runs before every fuzzed lifecycle mutation. The fuzzed
  // upsertRoutingRule may have made the default category go straight to a department at intake: the agent opts
  // out (directDispatch: false), so these requests start REGISTERED whatever rules the run has created.
  const input = { directDispatch: false };
  await Promise.all([
    createRequest(desk.agent, { ...input, citizen: { name: '李四', phone: '13912345678' } }),
    dispatchedRequest(desk, { assists: ['D01'], input }),
    (async () => {
      const signed = await dispatchedRequest(desk, { input });
      await desk.urban.ok(ACCEPT, { id: signed.lead });
      await desk.urban.ok(REQUEST_EXTENSION, { id: signed.lead, due: shift(signed.request.leadAssignment.dueAt, 3 * DAY), reason: '需要协调' });
    })(),
    (async () => {
      const returning = await dispatchedRequest(desk, { input });
      await desk.urban.ok(REQUEST_RETURN, { id: returning.lead, reason: '非本部门职责' });
    })(),
    (async () => {
      const waiting = await awaitingFollowUp(desk, { input });
      await desk.agent.ok(FOLLOW_UP, { input: { requestId: waiting.id, reached: false } });
    })(),
  ]);
  await t.db.dataSource.query(
    `INSERT INTO notification (recipient_id, kind, message, request_id, cause_key, created_at)
     SELECT s.id, 'ASSIGNED', 'fuzz', NULL, 'fuzz:' || s.id || ':' || now(), now() FROM staff s WHERE s.username IN ('liaison_urban', 'agent01')`,
  );
  return { clients, ...(await readPools(t, clients)) };
}

async function readPools(t: TestServer, clients: Record<Caller, GraphQLClient>): Promise<Omit<FuzzWorld, 'clients'>> {
  const ids = new Map<string, string[]>();
  await Promise.all(Object.entries(NODE_TABLES).map(async ([type, table]) => {
    const rows: { id: string }[] = await t.db.dataSource.query(`SELECT id FROM ${table} ORDER BY id DESC LIMIT 30`);
    ids.set(type, rows.map((r) => globalId(type, r.id)));
  }));
  const requestCodes = (await t.db.dataSource.query('SELECT code FROM service_request LIMIT 20')).map((r: { code: string }) => r.code);
  const usernames = (await t.db.dataSource.query('SELECT username FROM staff LIMIT 20')).map((r: { username: string }) => r.username);
  return { ids, requestCodes, usernames, cursors: await readCursors(clients) };
}

// A real cursor of each connection: plausible "after" values, valid for one connection and foreign to the others.
async function readCursors(clients: Record<Caller, GraphQLClient>): Promise<string[]> {
  const pages = await Promise.all([
    clients.supervisor.request('{ serviceRequests(first: 1) { pageInfo { endCursor } edges { node { timeline(first: 1) { pageInfo { endCursor } } } } } }'),
    clients.urban.request('{ myAssignments(first: 1) { pageInfo { endCursor } } }'),
    clients.urban.request('{ notifications(first: 1) { pageInfo { endCursor } } }'),
    clients.agent.request('{ knowledgeArticles(first: 1) { pageInfo { endCursor } } }'),
  ]);
  const found = JSON.stringify(pages.map((p) => p.data)).match(/"endCursor":"[^"]+"/g) ?? [];
  return found.map((m) => m.slice('"endCursor":"'.length, -1));
}
