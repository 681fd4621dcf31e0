import { verifyWebhookSignature, DELIVERY_HEADER, SIGNATURE_HEADER } from '../../../src/jobs/webhook-signature';
import { RunningJobWorkers } from '../../../src/jobs/workers';
import { GraphQLClient } from '../support/graphql-client';
import { Desk, dispatchedRequest, edgesOf, globalId } from '../support/operations';
import { startTestServer, TestServer } from '../support/test-server';
import { eventually, MACHINE_REDIS_URL, obliterateQueues, settle, startTestWorkers, uniquePrefix, webhookReceiver } from './support/jobs-harness';
import { addLiaison } from './support/job-fixtures';

// DESIGN.md §6: each department's notifications are POSTed to its webhook as signed JSON, retried with
// exponential backoff, and given up after a bounded number of tries, visible to administrators.
// (The machine's Redis, under a BullMQ prefix of this file's own.)

type Receiver = Awaited<ReturnType<typeof webhookReceiver>>;

const SECRETS: Record<string, string> = {
  URBAN: 'urban-secret-0123456789', MARKET: 'market-secret-0123456789', TRANSPORT: 'transport-secret-0123456789', HOUSING: 'housing-secret-0123456789',
};
let answerOfBroken = 500;
const receivers: Record<string, Receiver> = {};
const prefix = uniquePrefix();
let t: TestServer;
let workers: RunningJobWorkers;
let code: string;

let admin: GraphQLClient;

const SET_WEBHOOK = `mutation($code: String!, $input: DepartmentWebhookInput!) {
  setDepartmentWebhook(departmentCode: $code, input: $input) { id url active department { code } } }`;
const DELIVERIES = `query($filter: WebhookDeliveryFilter) { webhookDeliveries(filter: $filter, first: 20) {
  totalCount edges { node { id status attempts lastStatusCode lastError event failedAt webhook { department { code } } } } } }`;
const RETRY = `mutation($id: ID!) { retryWebhookDelivery(id: $id) { id status } }`;

async function delivery(department: string): Promise<{ id: string; status: string; attempts: number; last_status_code: number | null; last_error: string | null }> {
  const [row] = await t.db.dataSource.query(
    `SELECT d.id::text, d.status, d.attempts, d.last_status_code, d.last_error FROM webhook_delivery d
     JOIN department_webhook w ON w.id = d.webhook_id JOIN department dep ON dep.id = w.department_id WHERE dep.code = $1`,
    [department],
  );
  return row;
}

beforeAll(async () => {
  receivers.URBAN = await webhookReceiver(() => 200);
  receivers.MARKET = await webhookReceiver((n) => (n <= 2 ? 503 : 200)); // fails twice, then takes it
  receivers.TRANSPORT = await webhookReceiver(() => answerOfBroken);
  receivers.HOUSING = await webhookReceiver(() => 404); // a refusal no retry can fix
  t = await startTestServer();
  await addLiaison(t, 'URBAN', 'liaison_urban_2');
  admin = await t.login('admin');
  for (const [department, secret] of Object.entries(SECRETS)) {
    await admin.ok(SET_WEBHOOK, { code: department, input: { url: receivers[department].url, secret } });
  }
  workers = await startTestWorkers(t, MACHINE_REDIS_URL, prefix, { webhookRetry: { attempts: 5, backoffMs: 20 } });
  const [agent, supervisor, urban] = await t.loginAll('agent01', 'supervisor01', 'liaison_urban');
  const desk: Desk = { agent, supervisor, urban };
  code = (await dispatchedRequest(desk, { assists: ['MARKET', 'TRANSPORT', 'HOUSING'] })).code;
});
afterAll(async () => {
  await workers?.close();
  await obliterateQueues(MACHINE_REDIS_URL, prefix);
  await t?.close();
  await Promise.all(Object.values(receivers).map((r) => r.close()));
});

test('a receiver gets one signed POST per event for its department, whatever the number of liaisons', async () => {
  const row = await eventually(() => delivery('URBAN'), (d) => d?.status === 'DELIVERED');
  expect(row).toMatchObject({ status: 'DELIVERED', attempts: 1 });
  await settle(300);
  const posts = receivers.URBAN.posts;
  expect(posts).toHaveLength(1);
  const [post] = posts;
  expect(verifyWebhookSignature(SECRETS.URBAN, post.body, post.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(true);
  expect(verifyWebhookSignature(SECRETS.MARKET, post.body, post.headers[SIGNATURE_HEADER.toLowerCase()] as string)).toBe(false);
  const body = JSON.parse(post.body);
  expect(post.headers[DELIVERY_HEADER.toLowerCase()]).toBe(row.id);
  expect(body).toMatchObject({ id: row.id, event: 'ASSIGNED', department: 'URBAN', request: { code } });
  expect(post.body).not.toMatch(/张三|13812345678/); // no personal data leaves the hotline
});

test('a receiver that fails twice gets the same delivery on the third try', async () => {
  const row = await eventually(() => delivery('MARKET'), (d) => d?.status === 'DELIVERED');
  expect(row).toMatchObject({ status: 'DELIVERED', attempts: 3, last_error: null });
  const posts = receivers.MARKET.posts;
  expect(posts).toHaveLength(3);
  expect(new Set(posts.map((p) => p.body)).size).toBe(1);
  expect(posts.every((p) => p.headers[DELIVERY_HEADER.toLowerCase()] === row.id)).toBe(true);
});

test('a receiver that always fails is given up after the limit, and administrators see it', async () => {
  const row = await eventually(() => delivery('TRANSPORT'), (d) => d?.status === 'FAILED');
  expect(row).toMatchObject({ status: 'FAILED', attempts: 5, last_status_code: 500 });
  expect(row.last_error).toContain('500');
  await settle(500);
  expect(receivers.TRANSPORT.posts).toHaveLength(5);
  // A 404 is not retried at all.
  expect(await eventually(() => delivery('HOUSING'), (d) => d?.status === 'FAILED')).toMatchObject({ attempts: 1, last_status_code: 404 });
  expect(receivers.HOUSING.posts).toHaveLength(1);

  const failed = edgesOf((await admin.ok(DELIVERIES, { filter: { failedOnly: true } })).webhookDeliveries);
  expect(failed.map((d) => d.webhook.department.code).sort()).toEqual(['HOUSING', 'TRANSPORT']);
  expect(failed.find((d) => d.webhook.department.code === 'TRANSPORT')).toMatchObject({
    id: globalId('WebhookDelivery', (await delivery('TRANSPORT')).id), status: 'FAILED', attempts: 5, lastStatusCode: 500, event: 'ASSIGNED',
  });
});

test('an administrator can send a failed delivery again once the receiver is fixed', async () => {
  answerOfBroken = 200;
  const { id } = await delivery('TRANSPORT');
  expect((await admin.ok(RETRY, { id: globalId('WebhookDelivery', id) })).retryWebhookDelivery.status).toBe('PENDING');
  expect(await eventually(() => delivery('TRANSPORT'), (d) => d.status === 'DELIVERED')).toMatchObject({ status: 'DELIVERED', attempts: 6 });
  expect(receivers.TRANSPORT.posts).toHaveLength(6);
});

test('a delivery that is not FAILED cannot be retried', async () => {
  const { id } = await delivery('URBAN');
  expect(await admin.errorCode(RETRY, { id: globalId('WebhookDelivery', id) })).toBe('INVALID_TRANSITION');
});

test('only administrators configure webhooks; the secret is never read back; bad input is refused', async () => {
  const listed = (await admin.ok('{ departmentWebhooks { url active department { code } } }')).departmentWebhooks;
  expect(listed.map((w: any) => w.department.code).sort()).toEqual(Object.keys(SECRETS).sort());
  expect(JSON.stringify(listed)).not.toContain('secret-0123456789');
  const supervisor = await t.login('supervisor01');
  const liaison = await t.login('liaison_urban');
  for (const client of [supervisor, liaison]) {
    expect(await client.errorCode(SET_WEBHOOK, { code: 'URBAN', input: { url: 'http://127.0.0.1:1/x', secret: 'x'.repeat(20) } })).toBe('FORBIDDEN');
    expect(await client.errorCode(DELIVERIES, {})).toBe('FORBIDDEN');
  }
  expect(await admin.errorCode(SET_WEBHOOK, { code: 'URBAN', input: { url: 'ftp://example.org/x' } })).toBe('BAD_USER_INPUT');
  expect(await admin.errorCode(SET_WEBHOOK, { code: 'WATER', input: { url: 'https://water.example.org/hook' } })).toBe('BAD_USER_INPUT'); // no secret yet
  expect(await admin.errorCode(SET_WEBHOOK, { code: 'NOPE', input: { url: 'https://x.example.org/hook', secret: 'y'.repeat(20) } })).toBe('BAD_USER_INPUT');
  // Updating the URL keeps the secret; deactivating stops new deliveries.
  const updated = (await admin.ok(SET_WEBHOOK, { code: 'URBAN', input: { url: receivers.URBAN.url, active: false } })).setDepartmentWebhook;
  expect(updated).toMatchObject({ active: false, department: { code: 'URBAN' } });
});
