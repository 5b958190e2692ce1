// A check-in that is stored always reaches the reviewer, and the audit log, exactly once: the real
// server runs as a child process, dies by SIGKILL (kill -9) between storing a check-in and what
// follows it, and is started again on the same database. Delivery goes through the Bot Connector
// and Graph stand-ins.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { createRepositories, ensureIndexes } from '../../../bot/data/db';
import { createRateAwareSender } from '../../../bot/delivery/sender';
import { createActivityFeed } from '../../../bot/graph/activityFeed';
import { createGraphClient } from '../../../bot/graph/graphClient';
import { createLinks } from '../../../bot/links';
import { createLogger } from '../../../bot/logger';
import { createOutboxWorker } from '../../../bot/outbox/worker';
import { createProactiveMessenger } from '../../../bot/teams/proactive';
import type { CrashPoint } from '../../../bot/usecases/crashPoints';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import { checkInIdFor } from '../../../shared/domain';
import { VERBS } from '../../../shared/verbs';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { startGraphStandIn, type GraphStandIn } from '../../standins/graph';
import { TEST_TENANT, personalActivity, postActivity } from '../../support/activities';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { startTestRuntime } from '../../support/runtime';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const CHECK_IN_6 = eventIdFor(TEST_TENANT, '2025-26', 'check-in-6');
const DURING_CHECK_IN_6 = new Date('2026-02-27T10:00:00Z');
const TEAMS_APP_ID = 'pgteams-app';
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer
Alex Wilber,alexw@example.com,oid-alex,Central,teacher,meganb@example.com
Megan Bowen,meganb@example.com,oid-megan,Central,leader,
Adele Vance,adelev@example.com,oid-adele,Central,support,meganb@example.com
`;

type Who = 'alex' | 'megan' | 'adele';

interface ServerProcess {
  url: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

/** The real server (bot/main.ts) as a process of its own, on the test database. */
async function startServer(dbName: string, extraEnv: Record<string, string> = {}): Promise<ServerProcess> {
  // node itself runs the server (tsx as a loader), so the SIGKILL is the server's own death.
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      PORT: '0',
      LOG_LEVEL: 'info',
      MONGODB_URI: process.env.MONGODB_URI,
      MONGODB_DB: dbName,
      AUTH_MODE: 'dev',
      SCHEDULER: 'off',
      PGTEAMS_CLOCK: DURING_CHECK_IN_6.toISOString(),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in time: ${stderr}`)), 60_000);
    void exited.then(() => reject(new Error(`the server exited before it was ready: ${stderr}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const entry = parseLogLine(line);
      if (entry?.msg === 'listening' && typeof entry.port === 'number') {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
  });
  return { url: `http://127.0.0.1:${port}`, child, exited };
}

function parseLogLine(line: string): Record<string, unknown> | null {
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
}

async function stopServer(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

function activity(connector: BotConnectorStandIn, who: Who) {
  return personalActivity(who, connector.url);
}

function submitInvoke(connector: BotConnectorStandIn, data: Record<string, unknown>) {
  return { ...activity(connector, 'alex'), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: VERBS.submitCheckIn, data }, trigger: 'manual' } };
}

describe('a check-in stored just before the server is killed', () => {
  let connector: BotConnectorStandIn;
  let graph: GraphStandIn;
  let database: TestDatabase;

  beforeAll(async () => {
    connector = await startBotConnectorStandIn();
    graph = await startGraphStandIn();
  });
  afterAll(async () => {
    await connector.close();
    await graph.close();
  });
  beforeEach(async () => {
    connector.reset();
    graph.reset();
    database = await openTestDatabase('crash');
    await ensureIndexes(database.db);
    const ctx = { repos: createRepositories(database.db), now: () => DURING_CHECK_IN_6, logger: createLogger('silent') };
    await ensureOrganisation(ctx, { organisationId: TEST_TENANT, policyId: 'tsfe-2025-26' });
    await importDirectory(ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
  });
  afterEach(async () => {
    for (const child of running) child.kill('SIGKILL');
    await database.drop();
  });

  const jobsFor = (checkInId: string) => database.db.collection('outboxJobs').find({ organisationId: TEST_TENANT, idempotencyKey: { $in: [`message:reviewer-card:${checkInId}`, `feed:checkInSubmitted:${checkInId}`] } }).toArray();
  const auditFor = (checkInId: string) => database.db.collection('auditLog').find({ organisationId: TEST_TENANT, 'subject.id': checkInId }).toArray();

  /** Delivers what the outbox holds through a worker of a runtime on the same database. */
  async function deliver(): Promise<void> {
    const runtime = await startTestRuntime({ MONGODB_DB: database.name });
    try {
      const feed = createActivityFeed(
        createGraphClient({ authorityHost: graph.authorityHost, graphBaseUrl: graph.graphBaseUrl, clientId: graph.clientId, clientSecret: graph.clientSecret, teamsAppId: TEAMS_APP_ID, sender: createRateAwareSender() }),
        TEAMS_APP_ID,
      );
      await createOutboxWorker({ ctx: runtime.ctx, messenger: createProactiveMessenger(runtime.adapter, ''), sender: createRateAwareSender(), concurrency: 4, activityFeed: feed, links: createLinks({ TEAMS_APP_ID, PUBLIC_URL: undefined }) }).drain();
    } finally {
      await runtime.stop();
    }
  }

  // Killed at each point between storing and the last side effect; after the restart the person
  // either sends the same submit again (Teams' retry, or a second click) or does nothing at all.
  const cases: Array<[CrashPoint, 'resubmits' | 'does nothing']> = [
    ['checkIn.stored', 'resubmits'],
    ['checkIn.stored', 'does nothing'],
    ['checkIn.praised', 'does nothing'],
    ['checkIn.reviewerQueued', 'resubmits'],
    ['checkIn.audited', 'does nothing'],
  ];
  test.each(cases)('killed after %s, then the person %s: the restarted server tells the reviewer once and audits once', async (point, then) => {
    const first = await startServer(database.name, { PGTEAMS_CRASH_AFTER: point });
    for (const who of ['alex', 'megan', 'adele'] as const) {
      expect((await postActivity(first.url, { ...activity(connector, who), type: 'installationUpdate', action: 'add' })).status).toBe(200);
    }
    const adele = await database.db.collection('people').findOne({ organisationId: TEST_TENANT, email: 'adelev@example.com' });
    const data = { eventId: CHECK_IN_6, www: 'The Year 9 trip went smoothly', score: '8', praiseIds: String(adele!._id), praiseMessage: 'Thanks for covering' };
    // The server dies mid-request: Teams sees no answer.
    await expect(postActivity(first.url, submitInvoke(connector, data))).rejects.toThrow();
    expect((await first.exited).signal).toBe('SIGKILL');

    const alex = await database.db.collection('people').findOne({ organisationId: TEST_TENANT, email: 'alexw@example.com' });
    const checkInId = checkInIdFor(TEST_TENANT, CHECK_IN_6, String(alex!._id));
    expect(await database.db.collection('checkIns').countDocuments({ organisationId: TEST_TENANT, _id: checkInId as never })).toBe(1);
    // Killed after its audit entry: only the growth-log prompt was left to do.
    expect(await auditFor(checkInId)).toHaveLength(point === 'checkIn.audited' ? 1 : 0);

    // Start-up completes what the crash left undone; Teams' retry of the submit (unchanged) adds nothing.
    const second = await startServer(database.name);
    expect((await jobsFor(checkInId)).map((job) => job.kind).sort()).toEqual(['activity-notification', 'bot-message']);
    expect((await auditFor(checkInId)).map((entry) => entry.action)).toEqual(['checkIn.submitted']);
    if (then === 'resubmits') {
      const retry = await postActivity(second.url, submitInvoke(connector, data));
      expect(JSON.stringify(retry.body.value)).toMatch(/your check-in is in/i);
    }
    await stopServer(second);
    expect(await jobsFor(checkInId)).toHaveLength(2);
    expect(await auditFor(checkInId)).toHaveLength(1);

    connector.reset();
    await deliver();
    const toMegan = connector.sentTo('a:29:megan');
    expect(toMegan).toHaveLength(1);
    expect(JSON.stringify(toMegan[0]!.activity)).toContain('The Year 9 trip went smoothly');
    expect(graph.notifications.filter((n) => n.userId === 'oid-megan')).toHaveLength(1);
    // The praised colleague hears once too.
    expect(connector.sentTo('a:29:adele')).toHaveLength(1);
  });

  test('a crash before the side effects, then the same submit again: the resubmit tells the reviewer', async () => {
    const runtime = await startTestRuntime({ MONGODB_DB: database.name }, { clock: () => DURING_CHECK_IN_6 });
    try {
      for (const who of ['alex', 'megan'] as const) await postActivity(runtime.url!, { ...activity(connector, who), type: 'installationUpdate', action: 'add' });
      const alex = await runtime.repos.people.findByEmail({ organisationId: TEST_TENANT }, 'alexw@example.com');
      const megan = await runtime.repos.people.findByEmail({ organisationId: TEST_TENANT }, 'meganb@example.com');
      const checkInId = checkInIdFor(TEST_TENANT, CHECK_IN_6, alex!.id);
      // What a process killed right after storing leaves: the check-in, and nothing else.
      await runtime.repos.checkIns.submit(alex!, {
        id: checkInId,
        organisationId: TEST_TENANT,
        personId: alex!.id,
        cycleId: (await runtime.repos.scheduleEvents.get(alex!, CHECK_IN_6))!.cycleId,
        eventId: CHECK_IN_6,
        answers: { www: 'Stored before the crash', ebi: '', whatsNext: '', rockProgress: [], score: 7 },
        praise: [],
        praiseMessage: '',
        submittedAt: DURING_CHECK_IN_6,
        timeliness: 'on-time',
        reviewerId: megan!.id,
        createdAt: DURING_CHECK_IN_6,
        updatedAt: DURING_CHECK_IN_6,
      });
      expect(await jobsFor(checkInId)).toHaveLength(0);
      const res = await postActivity(runtime.url!, submitInvoke(connector, { eventId: CHECK_IN_6, www: 'Stored before the crash', score: '7' }));
      expect(JSON.stringify(res.body.value)).toMatch(/your check-in is in/i);
      expect(await jobsFor(checkInId)).toHaveLength(2);
      expect((await auditFor(checkInId)).map((entry) => entry.action)).toEqual(['checkIn.submitted']);
      // Once done, a further retry has nothing left to do.
      await postActivity(runtime.url!, submitInvoke(connector, { eventId: CHECK_IN_6, www: 'Stored before the crash', score: '7' }));
      expect(await jobsFor(checkInId)).toHaveLength(2);
      expect(await auditFor(checkInId)).toHaveLength(1);
    } finally {
      await runtime.stop();
    }
  });
});
