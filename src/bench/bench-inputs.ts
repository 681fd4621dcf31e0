import { Client } from 'pg';
import { GraphQLClient } from './load-loop';

// What the scenarios draw from: tokens of real demo/bench accounts (logged in through the API), a sample of
// request codes and ids, each liaison's department subtree, the history's clock.

export interface Liaison { token: string; path: string }

export interface BenchInputs {
  agentTokens: string[];
  analystToken: string;
  liaisons: Liaison[];
  requests: { id: string; code: string }[];
  /** Districts and streets, each with the ids of its subtree (what the API filters requests by). */
  regions: { code: string; path: string; ids: string[] }[];
  now: Date;
  password: string;
}

export const SEARCH_TERMS = ['路灯', '噪音', '垃圾', '停水', '拖欠工资', '油烟', '违章停车', '物业', '电梯', '预付卡', '漏水', '公交'];

const LOGIN = 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }';

export async function prepareInputs(db: Client, api: GraphQLClient, password: string, now: Date): Promise<BenchInputs> {
  const login = async (u: string) => (await api.request<{ login: { token: string } }>(LOGIN, { u, p: password })).login.token;
  const agents = (await db.query(`SELECT username FROM staff WHERE 'AGENT' = ANY(roles) ORDER BY id LIMIT 8`)).rows.map((r) => r.username as string);
  const liaisonRows = (await db.query(
    `SELECT s.username, d.path FROM staff s JOIN department d ON d.id = s.department_id WHERE 'LIAISON' = ANY(s.roles) ORDER BY s.id`,
  )).rows;
  const liaisons: Liaison[] = [];
  for (const l of liaisonRows) liaisons.push({ token: await login(l.username), path: l.path });
  const agentTokens: string[] = [];
  for (const a of agents) agentTokens.push(await login(a));
  const requests = (await db.query(
    `SELECT id::text, code FROM service_request WHERE id IN (
       SELECT (1 + floor(random() * (SELECT max(id) FROM service_request)))::bigint FROM generate_series(1, 3000))`,
  )).rows;
  const regions = (await db.query(
    `SELECT code, path, ARRAY(SELECT sub.id::text FROM region sub WHERE sub.path LIKE region.path || '%') AS ids
     FROM region WHERE level IN ('DISTRICT', 'STREET') ORDER BY id`)).rows;
  return { agentTokens, analystToken: await login('analyst01'), liaisons, requests, regions, now, password };
}
