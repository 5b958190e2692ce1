// Issue 16, faults: kill -9 of the worker mid-fan-out loses nothing. The real server process
// (bot/main.ts, its scheduler and outbox worker on) prompts 40 members of staff through the Bot
// Connector stand-in at 10 a second; it is killed with SIGKILL after a dozen prompts and started
// again on the same database. Everyone is prompted, no prompt job is left open, and a prompt is
// repeated only where Teams had accepted it from the dead worker before it could record it (at
// most the sends in flight at the kill: no one can tell whether those got through).
import { BENCH_CLOCK, conversationIdOf, seedOrganisation } from '../../../scripts/bench/common';
import { VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { startServerProcess, type ServerProcess } from '../../support/serverProcess';

// A killed worker's claims are taken over when their 30 s lease epoch ends.
jest.setTimeout(90_000);

const STAFF = 40;
const CONCURRENCY = 4;

let connector: BotConnectorStandIn;
let database: TestDatabase;
const servers: ServerProcess[] = [];

function start(): Promise<ServerProcess> {
  return startServerProcess({
    MONGODB_URI: database.uri,
    MONGODB_DB: database.name,
    SCHEDULER: 'on',
    SCHEDULER_INTERVAL_MS: '1000',
    PGTEAMS_CLOCK: BENCH_CLOCK,
    TENANT_RATE_LIMIT_RPS: '10',
    SENDER_CONCURRENCY: String(CONCURRENCY),
  }).then((server) => {
    servers.push(server);
    return server;
  });
}

/** The prompts the stand-in accepted, as conversation ids in order (a card update is not a prompt). */
const prompts = () => connector.sent.filter((a) => a.kind !== 'update' && JSON.stringify(a.activity.attachments ?? '').includes(VERBS.submitCheckIn)).map((a) => a.conversationId);

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  connector = await startBotConnectorStandIn({ limits: { tenantRps: 10 }, retryAfterSeconds: 1 });
  database = await openTestDatabase('workerkill');
});

afterAll(async () => {
  for (const server of servers) server.child.kill('SIGKILL');
  await connector.close();
  await database.drop();
});

test('kill -9 of the worker mid-fan-out: after a restart everyone is prompted, a repeat only where a send was in flight at the kill', async () => {
  await seedOrganisation(database.db, STAFF, { serviceUrl: connector.url });
  const everyone = Array.from({ length: STAFF }, (_, i) => conversationIdOf(i));
  const first = await start();
  await until('a dozen prompts', () => prompts().length >= 12, 30_000);
  first.child.kill('SIGKILL');
  expect((await first.exited).signal).toBe('SIGKILL');
  const beforeKill = new Set(prompts());
  expect(beforeKill.size).toBeLessThan(STAFF);

  await start();
  const open = () => database.db.collection('outboxJobs').countDocuments({ kind: 'check-in-prompt', state: 'open' });
  await until('everyone prompted and no prompt job open', async () => everyone.every((id) => prompts().includes(id)) && (await open()) === 0, 75_000);

  const sent = prompts();
  expect(new Set(sent)).toEqual(new Set(everyone));
  const repeated = sent.filter((id, n) => sent.indexOf(id) !== n);
  // Only prompts the dead worker had sent, and no more than it had in flight.
  for (const id of repeated) expect(beforeKill.has(id)).toBe(true);
  expect(repeated.length).toBeLessThanOrEqual(CONCURRENCY);
  expect(await database.db.collection('outboxJobs').countDocuments({ kind: 'check-in-prompt', state: { $ne: 'done' } })).toBe(0);
});
