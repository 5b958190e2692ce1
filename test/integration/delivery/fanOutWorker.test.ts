// The fan-out worker as staff would notice it: against the real database and the Bot Connector
// stand-in, with real processes' worth of workers sharing the outbox. Nobody is prompted twice,
// nobody is missed when a worker dies, a job that cannot be read fails with the reason, and each
// trust gets its own rate limit.
import { randomUUID } from 'node:crypto';
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../standins/botConnector';
import { startTestRuntime } from '../../support/runtime';
import type { Runtime } from '../../../bot/runtime';
import { createProactiveMessenger } from '../../../bot/teams/proactive';
import { createRateAwareSender } from '../../../bot/delivery/sender';
import { createTenantSenders } from '../../../bot/delivery/tenantSenders';
import { leaseEpochOf } from '../../../bot/data/outboxJobRepository';
import { createOutboxWorker, type OutboxWorkerOptions } from '../../../bot/outbox/worker';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { VERBS } from '../../../shared/verbs';

/** Friday 27 Feb 2026, 10:00 in London: Check in 6 of TSFE 2025-26 is open. */
const DURING_CHECK_IN_6 = new Date('2026-02-27T10:00:00Z');
const TRUST_A = '00000000-0000-0000-0000-00000000aaaa';
const TRUST_B = '00000000-0000-0000-0000-00000000bbbb';

let connector: BotConnectorStandIn;
let runtime: Runtime;

beforeAll(async () => {
  connector = await startBotConnectorStandIn({ retryAfterSeconds: 1 });
});
afterAll(async () => {
  await connector.close();
});
beforeEach(async () => {
  connector.reset();
  runtime = await startTestRuntime({}, { clock: () => DURING_CHECK_IN_6 });
});
afterEach(async () => {
  await runtime.stop();
});

/** An organisation of `staff` teachers, every one with the app installed. */
async function seedTrust(organisationId: string, staff: number): Promise<string[]> {
  const ctx = runtime.ctx;
  await ensureOrganisation(ctx, { organisationId, policyId: 'tsfe-2025-26' });
  const rows = Array.from({ length: staff }, (_, i) => `Teacher ${i},t${i}@${organisationId}.example,${organisationId}-oid-${i},Central,teacher,`);
  await importDirectory(ctx, organisationId, parseDirectoryFile(`name,email,entraObjectId,school,role,reviewer\n${rows.join('\n')}\n`, 'csv'));
  const conversations: string[] = [];
  for (let i = 0; i < staff; i++) {
    const person = await ctx.repos.people.findByEntraObjectId({ organisationId }, `${organisationId}-oid-${i}`);
    const conversationId = `a:${organisationId}-${i}`;
    await ctx.repos.conversationReferences.upsert({ organisationId }, {
      id: randomUUID(),
      organisationId,
      key: `29:${organisationId}-${i}`,
      scope: 'personal',
      personId: person!.id,
      conversationId,
      serviceUrl: connector.url,
      reference: {
        channelId: 'msteams',
        serviceUrl: connector.url,
        user: { id: `29:${organisationId}-${i}` },
        bot: { id: '28:bot' },
        conversation: { id: conversationId, conversationType: 'personal', tenantId: organisationId },
      },
      installedAt: DURING_CHECK_IN_6,
      updatedAt: DURING_CHECK_IN_6,
    });
    conversations.push(conversationId);
  }
  return conversations;
}

function worker(overrides: Partial<OutboxWorkerOptions> = {}) {
  return createOutboxWorker({
    ctx: runtime.ctx,
    messenger: createProactiveMessenger(runtime.adapter, ''),
    sender: createRateAwareSender({ tenantRps: 50 }),
    concurrency: 4,
    idleMs: 100,
    ...overrides,
  });
}

const prompts = () => connector.sent.filter((a) => JSON.stringify(a.activity.attachments ?? '').includes(VERBS.submitCheckIn));
const promptsTo = (conversationId: string) => prompts().filter((a) => a.conversationId === conversationId).length;

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the fan-out worker', () => {
  it('prompts everyone exactly once when two workers share the outbox, and together keep to the tenant limit', async () => {
    connector.setLimits({ tenantRps: 20 });
    const conversations = await seedTrust(TRUST_A, 30);
    await queueDuePrompts(runtime.ctx);
    const senders = [createRateAwareSender({ tenantRps: 20 }), createRateAwareSender({ tenantRps: 20 })];
    const [one, two] = [worker({ workerId: 'worker-one', sender: senders[0] }), worker({ workerId: 'worker-two', sender: senders[1] })];
    one.start();
    two.start();
    try {
      await until(() => prompts().length >= 30, 60_000);
      // A moment more, for any second send to show itself.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
    for (const conversationId of conversations) expect(promptsTo(conversationId)).toBe(1);
    // Each paced at half the tenant's limit (two at the full limit would draw 429s every second).
    for (const sender of senders) expect(sender.bucket.stats().currentRatePerSecond).toBeLessThanOrEqual(10);
    // Every prompt is done; what is left pending is the closing-day reminders.
    expect(await runtime.repos.outboxJobs.countByStatus({ organisationId: TRUST_A })).toMatchObject({ leased: 0, done: 30, pending: 30 });
  }, 90_000);

  it('sends the jobs a dead worker had claimed once its lease ends, and only once', async () => {
    const LEASE_MS = 5_000;
    const conversations = await seedTrust(TRUST_A, 6);
    await queueDuePrompts(runtime.ctx);
    const org = { organisationId: TRUST_A };
    // Claim at the start of a lease epoch, so the dead worker's lease still holds when the survivor first looks
    // (on a slow run, claiming near an epoch's end let the survivor in early).
    await new Promise((resolve) => setTimeout(resolve, LEASE_MS - (Date.now() % LEASE_MS) + 20));
    // A worker claimed every prompt, then was killed before sending any.
    const due = await runtime.repos.outboxJobs.dueJobs(org, DURING_CHECK_IN_6, 100);
    const epoch = leaseEpochOf(Date.now(), LEASE_MS);
    const claimed = await runtime.repos.outboxJobs.claimMany(org, due.map((j) => j.id), 'killed-worker', [epoch]);
    expect(claimed.size).toBe(6);
    const survivor = worker({ leaseMs: LEASE_MS });
    // While the dead worker's lease lasts, its jobs are not anyone else's.
    expect(await survivor.drain()).toBe(0);
    expect(prompts()).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, (epoch + 1) * LEASE_MS - Date.now() + 50));
    expect(await survivor.drain()).toBe(6);
    expect(await survivor.drain()).toBe(0);
    for (const conversationId of conversations) expect(promptsTo(conversationId)).toBe(1);
  }, 30_000);

  it('fails a job whose payload does not fit its kind, with the reason, and sends nothing', async () => {
    await seedTrust(TRUST_A, 1);
    const org = { organisationId: TRUST_A };
    const now = DURING_CHECK_IN_6;
    const job = { id: 'job-bad-payload', organisationId: TRUST_A, idempotencyKey: 'bad-payload', kind: 'bot-message' as const, payload: { message: { kind: 'text', text: 'hi' } }, status: 'pending' as const, notBefore: now, attempts: 0, createdAt: now, updatedAt: now };
    await runtime.repos.outboxJobs.enqueue(org, job);
    await worker().drain();
    expect(await runtime.repos.outboxJobs.get(org, job.id)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('recipientPersonId') });
    expect(connector.sent).toHaveLength(0);
  });

  it('gives each trust its own rate limit: two trusts are served side by side, not one after the other', async () => {
    connector.setLimits({ tenantRps: 10 });
    const [a, b] = [await seedTrust(TRUST_A, 20), await seedTrust(TRUST_B, 20)];
    await queueDuePrompts(runtime.ctx);
    await worker({ sender: undefined, senders: createTenantSenders({ tenantRps: 10 }) }).drain();
    for (const conversationId of [...a, ...b]) expect(promptsTo(conversationId)).toBe(1);
    // Served side by side: each trust's prompts went out over the same stretch of time, so
    // half of trust B's were out before the last of trust A's (one after the other, none would be).
    const sentAt = (trust: string) => prompts().filter((p) => p.tenantId === trust).map((p) => p.at);
    const [atA, atB] = [sentAt(TRUST_A), sentAt(TRUST_B)];
    expect(atB.filter((t) => t < Math.max(...atA)).length).toBeGreaterThanOrEqual(10);
    expect(atA.filter((t) => t < Math.max(...atB)).length).toBeGreaterThanOrEqual(10);
    // (How fast together is a benchmark's question — bench:fanout — not a timed assertion here:
    // on a loaded machine a rate floor fails for reasons that are not the worker's.)
  }, 60_000);
});
