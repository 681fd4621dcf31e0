import { randomBytes } from 'node:crypto';
import { GraphQLErrorBody } from '../../support/graphql-client';
import { CREATE, DISPATCH, LIST, requestInput } from '../../support/operations';

// Traffic like a busy shift: agents registering calls, a supervisor dispatching what they registered, and
// readers paging the request list, all at once, for as long as the test wants. Every call is recorded with what
// came back, so that the test can judge each answer given during a fault and check the database against
// everything the API acknowledged.

export interface Answer {
  op: 'create' | 'dispatch' | 'list';
  /** when the answer came (Date.now()) */
  at: number;
  /** HTTP status; 0 when no response came (connection refused or reset). */
  status: number;
  data?: Record<string, any> | null;
  errors?: GraphQLErrorBody[];
  /** The raw body when it was not JSON, or the network error. */
  raw?: string;
}

export interface Tokens { agents: string[]; supervisor: string; reader: string }

export interface HotlineLoad {
  answers: Answer[];
  /** idempotency key → request id, for every create the API acknowledged */
  created: Map<string, string>;
  /** idempotency key → the agent's token, for creates that got no acknowledgement (an error or no answer) */
  unacknowledged: Map<string, string>;
  /** request ids whose dispatch the API acknowledged */
  dispatched: Set<string>;
  /** Resolves once `n` more calls have been answered successfully (progress under load). */
  successes(n: number): Promise<void>;
  stop(): Promise<void>;
}

async function post(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Omit<Answer, 'op' | 'at'>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
  } catch (err) {
    return { status: 0, raw: String((err as Error).cause ?? err) };
  }
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { data?: Record<string, any> | null; errors?: GraphQLErrorBody[] };
    return { status: res.status, data: body.data, errors: body.errors };
  } catch {
    return { status: res.status, raw: text.slice(0, 500) };
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startHotlineLoad(url: string, tokens: Tokens): HotlineLoad {
  const run = randomBytes(3).toString('hex');
  let stopping = false;
  let seq = 0;
  let ok = 0;
  const waiters: { until: number; resolve: () => void }[] = [];
  const toDispatch: string[] = [];
  const load: HotlineLoad = {
    answers: [], created: new Map(), unacknowledged: new Map(), dispatched: new Set(),
    successes: (n) => new Promise((resolve) => waiters.push({ until: ok + n, resolve })),
    stop: async () => { stopping = true; await Promise.all(loops); },
  };

  const record = (op: Answer['op'], answer: Omit<Answer, 'op' | 'at'>) => {
    load.answers.push({ op, at: Date.now(), ...answer });
    const success = answer.status === 200 && !answer.errors?.length && !!answer.data;
    if (success) ok++;
    for (const w of waiters.filter((w) => ok >= w.until)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
    return success;
  };

  // Calls that fail come back in a millisecond during an outage: a short pause keeps the loops from spinning.
  const loop = async (step: () => Promise<boolean>) => {
    while (!stopping) if (!(await step())) await pause(25);
  };

  const agent = (token: string) => async () => {
    const key = `faults-${run}-${++seq}`;
    const input = requestInput({ idempotencyKey: key, title: `负载 ${key}` });
    const answer = await post(url, token, CREATE, { input });
    if (!record('create', answer)) { load.unacknowledged.set(key, token); return false; }
    const id = answer.data!.createServiceRequest.id as string;
    load.created.set(key, id);
    toDispatch.push(id);
    return true;
  };
  const supervisor = async () => {
    const id = toDispatch.shift();
    if (!id) { await pause(10); return true; }
    const answer = await post(url, tokens.supervisor, DISPATCH, { input: { requestId: id, leadDepartmentCode: 'URBAN', assistDepartmentCodes: [] } });
    if (record('dispatch', answer)) { load.dispatched.add(id); return true; }
    // Not acknowledged: it may or may not have happened; the invariants hold either way. Try the next one.
    return false;
  };
  const reader = async () => record('list', await post(url, tokens.reader, LIST, { first: 20 }));

  const loops = [...tokens.agents.map((t) => loop(agent(t))), loop(supervisor), loop(reader)];
  return load;
}

/** Every answer that is not a success, for the test to judge. */
export const failures = (answers: Answer[]) => answers.filter((a) => a.status !== 200 || a.errors?.length || !a.data);
