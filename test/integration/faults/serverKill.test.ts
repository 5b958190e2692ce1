// Issue 16, faults: kill -9 of the server between storing a thank-you given in the tab and telling
// its recipient. The tab sends the same request again (its id is the retry key) to the restarted
// server: the answer is 200, nothing is stored twice, and the recipient — whom the dead process
// never told — is told exactly once, through the Bot Connector stand-in. The real server runs as
// a child process (bot/main.ts) on the test database.
import { randomUUID } from 'node:crypto';
import { createRepositories, ensureIndexes } from '../../../bot/data/db';
import { createLogger } from '../../../bot/logger';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { DEV_IDENTITY_HEADER } from '../../../shared/api';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { TEST_TENANT, personalActivity, postActivity } from '../../support/activities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { startServerProcess, type ServerProcess } from '../../support/serverProcess';

jest.setTimeout(60_000);

const NOW = '2026-02-27T10:00:00Z';
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
Adele Vance,adelev@example.com,oid-adele,Central,support,meganb@example.com
`;

let connector: BotConnectorStandIn;
let database: TestDatabase;
const servers: ServerProcess[] = [];

async function start(env: Record<string, string> = {}): Promise<ServerProcess> {
  const server = await startServerProcess({ MONGODB_URI: database.uri, MONGODB_DB: database.name, SCHEDULER: 'off', PGTEAMS_CLOCK: NOW, ...env });
  servers.push(server);
  return server;
}

function install(server: ServerProcess, who: 'alex' | 'adele') {
  return postActivity(server.url, { ...personalActivity(who, connector.url), type: 'installationUpdate', action: 'add' });
}

function givePraise(server: ServerProcess, request: Record<string, unknown>) {
  return fetch(`${server.url}/api/v1/praise`, {
    method: 'POST',
    headers: { [DEV_IDENTITY_HEADER]: `oid-alex@${TEST_TENANT}`, 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
}

beforeAll(async () => {
  connector = await startBotConnectorStandIn();
  database = await openTestDatabase('serverkill');
  await ensureIndexes(database.db);
  const ctx = { repos: createRepositories(database.db), now: () => new Date(NOW), logger: createLogger('silent') };
  await ensureOrganisation(ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
  await importDirectory(ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
});

afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await connector.close();
  await database.drop();
});

test('killed between storing a thank-you and telling its recipient: the retry answers 200 and the recipient hears once', async () => {
  const first = await start({ PGTEAMS_CRASH_AFTER: 'praise.stored' });
  for (const who of ['alex', 'adele'] as const) expect((await install(first, who)).status).toBe(200);
  const adele = await database.db.collection('people').findOne({ organisationId: TEST_TENANT, email: 'adelev@example.com' });
  const request = { id: randomUUID(), recipientIds: [String(adele!._id)], message: 'Thank you for covering my Year 8 class — “merci”' };

  // The server dies mid-request: the tab sees no answer.
  await expect(givePraise(first, request)).rejects.toThrow();
  expect((await first.exited).signal).toBe('SIGKILL');
  const praise = () => database.db.collection('praise').find({ organisationId: TEST_TENANT }).toArray();
  const jobs = () => database.db.collection('outboxJobs').find({ organisationId: TEST_TENANT, kind: 'bot-message' }).toArray();
  const audit = () => database.db.collection('auditLog').find({ organisationId: TEST_TENANT, action: 'praise.given' }).toArray();
  expect(await praise()).toHaveLength(1);
  expect(await jobs()).toHaveLength(0);
  expect(await audit()).toHaveLength(0);

  // The tab retries the same request on the restarted server, twice (a double click).
  const second = await start({ SCHEDULER: 'on', SCHEDULER_INTERVAL_MS: '1000' });
  for (let n = 0; n < 2; n++) {
    const retry = await givePraise(second, request);
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ message: request.message, to: [{ displayName: 'Adele Vance' }] });
  }
  const stored = await praise();
  expect(stored.map((p) => p.message)).toEqual([request.message]);
  expect(await audit()).toHaveLength(1);

  // The worker tells Adele, once; the finished job is never sent again.
  const deadline = Date.now() + 20_000;
  while (!(await jobs()).every((job) => job.state === 'done') || (await jobs()).length === 0) {
    if (Date.now() > deadline) throw new Error('the praise notification was not delivered in time');
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(await jobs()).toHaveLength(1);
  const told = connector.sentTo('a:29:adele').filter((a) => String(a.activity.text ?? '').includes('praised you'));
  expect(told.map((a) => a.activity.text)).toEqual([`Alex Wilber praised you: "${request.message}"`]);
  await second.stop();
});
