// The world the fuzzer (scripts/fuzz.ts, test/integration/server/fuzz.test.ts) attacks: the real
// server in-process on real HTTP, with the Bot Framework's keys and the Teams SSO keys both played
// by the identity stand-in (so POST /api/messages and /api/v1 verify real signatures), and two
// organisations on the TSFE 2025-26 policy at a moment when Check in 6 is open.
//   Organisation A: Alex and Sam (teachers) reviewed by Megan (leader).
//   Organisation B: Oscar (teacher) reviewed by Olive.
//   Adam (organisation A) and Bella (organisation B) are PG administrators, for subject access,
//   erasure, legal holds and the retention report; disposable() adds a person of A to erase.
// Each has rocks of the current window, Alex and Oscar have submitted Check in 6, and there is a
// comment on Alex's, Sam's and Oscar's rocks — so every id a hostile request may borrow exists.
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { Runtime } from '../../../bot/runtime';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { cycleIdFor, ensureOrganisation, eventIdFor } from '../../../bot/usecases/organisations';
import type { Person } from '../../../shared/domain';
import { VERBS } from '../../../shared/verbs';
import { startIdentityStandIn, type IdentityStandIn } from '../../standins/identity';
import { buildComment, buildPerson, buildPraise, buildRock } from '../builders';
import { startTestRuntime } from '../runtime';
import { diff, snapshot } from './snapshot';

export const ORG_A = '4a7d1c2e-0000-4000-8000-0000000fa11a';
export const ORG_B = '4a7d1c2e-0000-4000-8000-0000000fa11b';
export const BOT_ID = '6b1f0c7e-3c2a-4d5e-9f10-2a3b4c5d6e7f';
const BOT_PASSWORD = 'fuzz-bot-password';
/** Friday 27 Feb 2026, 10:00 in London: Check in 6 is open, Check in 7 opens on 13 Mar. */
export const FUZZ_CLOCK = new Date('2026-02-27T10:00:00Z');
/** Where activities say replies go; never called (every message asks for expectReplies). */
export const SERVICE_URL = 'https://smba.trafficmanager.net/uk/';

export type ActorName = 'alex' | 'sam' | 'megan' | 'oscar' | 'olive' | 'adam' | 'bella';

/** A person of organisation A made for one case (an erasure): the ids of everything stored about them. */
export interface Disposable {
  person: Person;
  ids: Set<string>;
  privateText: string[];
}

export interface FuzzWorld {
  url: string;
  /** Errors the server logged (level error and above): an unexpected failure, whatever status it answered. */
  errors: string[];
  runtime: Runtime;
  identity: IdentityStandIn;
  people: Record<ActorName, Person>;
  orgOf: Record<ActorName, string>;
  rocks: { alex: string[]; sam: string; samAll: string[]; oscar: string };
  events: { open: string; upcoming: string; survey: string; otherOrgOpen: string };
  checkIns: { alex: string; sam: string; oscar: string };
  comments: { alex: string; sam: string; oscar: string };
  /** Text in other people's records: a response to someone else carrying one of these leaked it. */
  privateText: Record<ActorName, string[]>;
  apiToken(actor: ActorName, claims?: Record<string, unknown>, options?: { key?: 'published' | 'foreign'; now?: Date }): Promise<string>;
  botToken(claims?: Record<string, unknown>, options?: { key?: 'published' | 'foreign'; now?: Date }): Promise<string>;
  /** The Teams account an actor posts from. */
  account(actor: ActorName): { id: string; aadObjectId: string; name: string };
  /** A new person of organisation A reviewed by Megan, with a rock and a thank-you from Alex; held if asked. */
  disposable(options?: { held?: boolean }): Promise<Disposable>;
  stop(): Promise<void>;
}

const DIRECTORY_A = `name,email,entraObjectId,school,role,reviewer,roles
Alex Wilber,alexw@a.example,oid-alex,Central,teacher,meganb@a.example,
Sam Taylor,samt@a.example,oid-sam,Central,teacher,meganb@a.example,
Megan Bowen,meganb@a.example,oid-megan,Central,leader,,
Adam Admin,adam@a.example,oid-adam,Central,leader,,pg-admin
`;
const DIRECTORY_B = `name,email,entraObjectId,school,role,reviewer,roles
Oscar Outsider,oscar@b.example,oid-oscar,Northside,teacher,olive@b.example,
Olive Other,olive@b.example,oid-olive,Northside,leader,,
Bella Boss,bella@b.example,oid-bella,Northside,leader,,pg-admin
`;

export async function startFuzzWorld(): Promise<FuzzWorld> {
  const identity = await startIdentityStandIn();
  const errors: string[] = [];
  const logger = pino({ level: 'error' }, {
    write(line: string) {
      const entry = JSON.parse(line) as { msg?: string; err?: { message?: string } };
      errors.push(`${entry.msg ?? ''}${entry.err?.message ? `: ${entry.err.message}` : ''}`);
      if (process.env.FUZZ_DEBUG) process.stderr.write(`${line}\n`);
    },
  });
  const runtime = await startTestRuntime(
    {
      BOT_ID,
      BOT_PASSWORD,
      BOT_OPENID_METADATA_URL: identity.openIdMetadataUrl,
      AUTH_MODE: 'teams',
      AAD_APP_CLIENT_ID: identity.clientId,
      AAD_AUTHORITY_HOST: identity.url,
      // Cards link to the tab at the public address, as deployed: a host of ours in a body is a leak.
      PUBLIC_URL: 'https://growth.trust.example',
    },
    { clock: () => FUZZ_CLOCK, logger },
  );
  const ctx = runtime.ctx;
  for (const [organisationId, directory] of [[ORG_A, DIRECTORY_A], [ORG_B, DIRECTORY_B]] as const) {
    await ensureOrganisation(ctx, { organisationId, policyId: 'tsfe-2025-26' });
    await importDirectory(ctx, organisationId, parseDirectoryFile(directory, 'csv'));
  }
  const find = async (organisationId: string, email: string) => (await runtime.repos.people.findByEmail({ organisationId }, email))!;
  const people: Record<ActorName, Person> = {
    alex: await find(ORG_A, 'alexw@a.example'),
    sam: await find(ORG_A, 'samt@a.example'),
    megan: await find(ORG_A, 'meganb@a.example'),
    oscar: await find(ORG_B, 'oscar@b.example'),
    olive: await find(ORG_B, 'olive@b.example'),
    adam: await find(ORG_A, 'adam@a.example'),
    bella: await find(ORG_B, 'bella@b.example'),
  };
  const orgOf: Record<ActorName, string> = { alex: ORG_A, sam: ORG_A, megan: ORG_A, oscar: ORG_B, olive: ORG_B, adam: ORG_A, bella: ORG_B };
  const rock = async (actor: ActorName, slotId: string, title: string) => {
    const r = buildRock({ organisationId: orgOf[actor], personId: people[actor].id, cycleId: cycleIdFor(orgOf[actor], '2025-26'), rockWindowId: 'jan-mar', slotId, title, status: 'agreed' });
    await runtime.repos.rocks.create({ organisationId: orgOf[actor] }, r);
    return r.id;
  };
  const rocks = {
    alex: [await rock('alex', 'rock-1', 'Raise reading ages in Year 5'), await rock('alex', 'rock-2', 'Lead the phonics CPD')],
    sam: await rock('sam', 'rock-1', 'SAM-PRIVATE rock on attendance'),
    samAll: [] as string[],
    oscar: await rock('oscar', 'rock-1', 'OSCAR-PRIVATE rock on maths'),
  };
  // Titles at their limit, for the cards that list them.
  rocks.samAll = [rocks.sam, await rock('sam', 'rock-2', `SAM-PRIVATE ${'語'.repeat(188)}`), await rock('sam', 'rock-3', `SAM-PRIVATE ${'"'.repeat(188)}`)];
  const events = {
    open: eventIdFor(ORG_A, '2025-26', 'check-in-6'),
    upcoming: eventIdFor(ORG_A, '2025-26', 'check-in-7'),
    survey: eventIdFor(ORG_A, '2025-26', 'aspiration-survey'),
    otherOrgOpen: eventIdFor(ORG_B, '2025-26', 'check-in-6'),
  };
  const botToken: FuzzWorld['botToken'] = (claims = {}, options = {}) => identity.signBotToken({ aud: BOT_ID, serviceurl: SERVICE_URL, ...claims }, options);
  const apiToken: FuzzWorld['apiToken'] = (actor, claims = {}, options = {}) => {
    const p = people[actor];
    return identity.signToken({ oid: p.entraObjectId!, tid: orgOf[actor], preferred_username: p.email, name: p.displayName, ...claims }, { now: FUZZ_CLOCK, ...options });
  };
  let disposables = 0;
  const account = (actor: ActorName) => ({ id: `29:${actor}`, aadObjectId: people[actor].entraObjectId!, name: people[actor].displayName });
  const world: FuzzWorld = {
    url: runtime.url!,
    errors,
    runtime,
    identity,
    people,
    orgOf,
    rocks,
    events,
    checkIns: { alex: '', sam: '', oscar: '' },
    comments: { alex: '', sam: '', oscar: '' },
    privateText: {
      alex: ['ALEX-PRIVATE check-in answer', 'ALEX-PRIVATE comment'],
      sam: ['SAM-PRIVATE rock on attendance', 'SAM-PRIVATE check-in answer', 'SAM-PRIVATE comment'],
      megan: [],
      oscar: ['OSCAR-PRIVATE rock on maths', 'OSCAR-PRIVATE check-in answer', 'OSCAR-PRIVATE comment', 'Oscar Outsider', 'oscar@b.example'],
      olive: ['Olive Other', 'olive@b.example'],
      adam: [],
      bella: ['Bella Boss', 'bella@b.example'],
    },
    apiToken,
    botToken,
    account,
    disposable: (options = {}) => makeDisposable(world, (disposables += 1), options.held ?? false),
    async stop() {
      await runtime.stop();
      await identity.close();
    },
  };
  await seedThroughTheEndpoints(world);
  return world;
}

/**
 * A person of organisation A with a week behind them, made as a real one is: directory entry, a rock
 * and a thank-you from Alex in the store; then through the endpoints a check-in (the bot: their Teams
 * conversation), a thank-you to Alex (the API: the message queued to him names them) and a comment on
 * their rock (Megan is told). Everything that made is theirs to erase; held if asked.
 */
async function makeDisposable(world: FuzzWorld, k: number, held: boolean): Promise<Disposable> {
  const { runtime, people } = world;
  const before = await snapshot(runtime.db);
  const scope = { organisationId: ORG_A };
  const tag = String(k).padStart(3, '0');
  const person = buildPerson({ organisationId: ORG_A, displayName: `Dana Disposable ${tag}`, email: `dana${tag}@a.example`, entraObjectId: `oid-dana-${tag}`, reviewerId: people.megan.id, createdAt: FUZZ_CLOCK, updatedAt: FUZZ_CLOCK });
  await runtime.repos.people.upsertMany(scope, [person]);
  const stored = (await runtime.repos.people.findByEmail(scope, person.email))!;
  const title = `DANA${tag}-PRIVATE rock on behaviour`;
  const rock = buildRock({ organisationId: ORG_A, personId: stored.id, cycleId: cycleIdFor(ORG_A, '2025-26'), rockWindowId: 'jan-mar', slotId: 'rock-1', title, status: 'agreed' });
  await runtime.repos.rocks.create(scope, rock);
  await runtime.repos.praise.insert(scope, [buildPraise({ organisationId: ORG_A, fromPersonId: people.alex.id, toPersonId: stored.id, message: `Thanks Dana${tag} for the cover`, createdAt: FUZZ_CLOCK })]);
  // A comment of theirs on Alex's rock: erasing them may take or anonymise it, never touch the rock.
  await runtime.repos.comments.add(scope, buildComment({ organisationId: ORG_A, subject: { kind: 'rock', id: world.rocks.alex[0]! }, ownerPersonId: people.alex.id, authorPersonId: stored.id, text: `DANA${tag}-PRIVATE comment`, createdAt: FUZZ_CLOCK }));
  const token = await world.identity.signToken({ oid: stored.entraObjectId!, tid: ORG_A, preferred_username: stored.email, name: stored.displayName }, { now: FUZZ_CLOCK });
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${world.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`making ${stored.displayName}: ${path} answered ${res.status} ${(await res.text()).slice(0, 200)}`);
  };
  await call('/api/v1/praise', { id: randomUUID(), recipientIds: [people.alex.id], message: `DANA${tag}-PRIVATE thanks to Alex` });
  await call(`/api/v1/threads/rock/${encodeURIComponent(rock.id)}/comments`, { text: `DANA${tag}-PRIVATE note on my rock` });
  const from = { id: `29:dana-${tag}`, aadObjectId: stored.entraObjectId!, name: stored.displayName };
  const checkIn = await postBotActivity(world, { ...invokeActivity(world, 'alex', { action: { type: 'Action.Execute', verb: VERBS.submitCheckIn, data: { eventId: world.events.open, www: `DANA${tag}-PRIVATE check-in answer`, score: '6' } }, trigger: 'manual' }), from, conversation: { id: `a:${from.id}`, conversationType: 'personal', tenantId: ORG_A } });
  if (checkIn.status !== 200) throw new Error(`making ${stored.displayName}: the check-in answered ${checkIn.status}`);
  if (held) await runtime.repos.legalHolds.put(scope, { id: '', organisationId: ORG_A, personId: stored.id, reason: 'A tribunal claim', heldAt: FUZZ_CLOCK, heldByPersonId: people.adam.id });
  const ids = new Set(diff(before, await snapshot(runtime.db)).map((ch) => ch.id));
  return { person: stored, ids, privateText: [title, `DANA${tag}-PRIVATE comment`, `DANA${tag}-PRIVATE thanks to Alex`, `DANA${tag}-PRIVATE note on my rock`, `DANA${tag}-PRIVATE check-in answer`] };
}

/** Check-ins through the bot, comments through the API: what a real week leaves behind. */
async function seedThroughTheEndpoints(world: FuzzWorld): Promise<void> {
  for (const actor of ['alex', 'sam', 'oscar'] as const) {
    const res = await postBotActivity(world, invokeActivity(world, actor, {
      action: { type: 'Action.Execute', verb: VERBS.submitCheckIn, data: { eventId: actor === 'oscar' ? world.events.otherOrgOpen : world.events.open, www: `${actor.toUpperCase()}-PRIVATE check-in answer`, score: '7' } },
      trigger: 'manual',
    }));
    if (res.status !== 200) throw new Error(`seeding ${actor}'s check-in: ${res.status} ${res.text.slice(0, 300)}`);
    const stored = await world.runtime.db.collection('checkIns').findOne({ organisationId: world.orgOf[actor], personId: world.people[actor].id });
    if (!stored) throw new Error(`seeding ${actor}'s check-in: not stored (${res.text.slice(0, 300)})`);
    world.checkIns[actor] = String(stored._id);
  }
  const comment = async (actor: 'alex' | 'sam' | 'oscar', rockId: string) => {
    const res = await fetch(`${world.url}/api/v1/threads/rock/${encodeURIComponent(rockId)}/comments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await world.apiToken(actor)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: `${actor.toUpperCase()}-PRIVATE comment` }),
    });
    const body = (await res.json()) as { id?: string };
    if (res.status !== 201 || !body.id) throw new Error(`seeding ${actor}'s comment: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return body.id;
  };
  world.comments = { alex: await comment('alex', world.rocks.alex[0]!), sam: await comment('sam', world.rocks.sam), oscar: await comment('oscar', world.rocks.oscar) };
}

export function baseActivity(world: FuzzWorld, actor: ActorName, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const from = world.account(actor);
  const tenantId = world.orgOf[actor];
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: FUZZ_CLOCK.toISOString(),
    channelId: 'msteams',
    serviceUrl: SERVICE_URL,
    from,
    recipient: { id: `28:${BOT_ID}`, name: 'Professional Growth' },
    conversation: { id: `a:${from.id}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    deliveryMode: 'expectReplies',
    ...extra,
  };
}

export function invokeActivity(world: FuzzWorld, actor: ActorName, value: unknown, name = 'adaptiveCard/action'): Record<string, unknown> {
  const { deliveryMode: _replies, ...activity } = baseActivity(world, actor, { type: 'invoke', name, value });
  return activity;
}

export async function postBotActivity(world: FuzzWorld, activity: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(`${world.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await world.botToken()}` },
    body: JSON.stringify(activity),
  });
  return { status: res.status, text: await res.text() };
}
