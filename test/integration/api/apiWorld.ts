// The API under test: the real HTTP app (createHttpApp) with the /api/v1 routes, on a database of
// its own, a fixed clock, and the identity stand-in as the token authority. The world is two
// organisations: in the first, Alice is reviewed by Rita (line manager), coached by Colin, and
// Paula is a PG administrator; Sam is a colleague with no say over Alice. Oscar works elsewhere.
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import type { Server } from 'restify';
import { registerApiRoutes } from '../../../bot/http/api';
import { loadConfig } from '../../../bot/config';
import { createRepositories, ensureIndexes, pingDatabase, type Repositories } from '../../../bot/data/db';
import { createHttpApp } from '../../../bot/http/app';
import { createLogger } from '../../../bot/logger';
import type { CheckIn, Organisation, Person, ScheduleEvent } from '../../../shared/domain';
import { buildCheckIn, buildCycle, buildOrganisation, buildPerson, buildPolicy, buildScheduleEvent } from '../../support/builders';
import { openTestDatabase, type TestDatabase } from '../../support/database';
import { startIdentityStandIn, type IdentityStandIn } from '../../standins/identity';

export const NOW = new Date('2026-02-27T12:00:00.000Z');

export const policy = buildPolicy({
  rocks: {
    slots: [
      { id: 'trust', theme: 'Impact on Trust' },
      { id: 'others', theme: 'Impact on Others' },
      { id: 'self', theme: 'Impact on Self' },
    ],
    windows: [{ id: 'spring', label: 'Jan–Mar 2026', startsOn: '2026-01-01', endsOn: '2026-03-31' }],
    maxSuccessCriteria: 7,
    checklist: ['Demonstrate a clear link to the Trust priorities'],
    carryOver: 'none',
  },
  alignment: {
    label: 'Trust pillar',
    options: [
      { code: '1a', label: 'Success through learning' },
      { code: '2b', label: 'Evolution of self' },
    ],
    minimum: 0,
  },
});

export interface World {
  org: Organisation;
  otherOrg: Organisation;
  alice: Person;
  rita: Person;
  colin: Person;
  paula: Person;
  sam: Person;
  oscar: Person;
  cycleId: string;
  events: { closed: ScheduleEvent; open: ScheduleEvent; upcoming: ScheduleEvent };
  aliceCheckIn: CheckIn;
}

export interface ApiHarness {
  url: string;
  repos: Repositories;
  /** The harness's own database, for tests that check every collection (issue 16's erasure). */
  db: Db;
  identity: IdentityStandIn;
  world: World;
  /** A token for this person as Teams would issue it for the tab (claims can be overridden). */
  tokenFor(person: Person, claims?: Record<string, unknown>, options?: { key?: 'published' | 'foreign'; now?: Date }): Promise<string>;
  /** fetch against /api/v1 with a bearer token (or other headers). The body is loose JSON: tests assert on its shape. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  call(path: string, init?: { method?: string; token?: string; headers?: Record<string, string>; body?: unknown }): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

const guid = () => randomUUID();

export async function startApiHarness(options: { authMode?: 'teams' | 'dev' } = {}): Promise<ApiHarness> {
  const database: TestDatabase = await openTestDatabase('api');
  await ensureIndexes(database.db);
  const repos = createRepositories(database.db);
  const identity = await startIdentityStandIn();
  const config = loadConfig({
    NODE_ENV: 'test',
    MONGODB_URI: database.uri,
    AUTH_MODE: options.authMode ?? 'teams',
    AAD_APP_CLIENT_ID: identity.clientId,
    AAD_AUTHORITY_HOST: identity.url,
    LOG_LEVEL: 'silent',
  });
  const logger = createLogger('silent');
  const world = await seedWorld(repos);
  // The bot endpoint is not under test here: the adapter and bot are never called by /api/v1.
  const server: Server = createHttpApp({
    config,
    logger,
    pingDatabase: () => pingDatabase(database.db),
    bot: { handle: async () => undefined },
    registerRoutes: (s) => registerApiRoutes(s, { config, logger, repos, now: () => NOW }),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    repos,
    db: database.db,
    identity,
    world,
    tokenFor: (person, claims = {}, signOptions = {}) =>
      identity.signToken(
        { oid: person.entraObjectId!, tid: person.organisationId, preferred_username: person.email, name: person.displayName, ...claims },
        { now: NOW, ...signOptions },
      ),
    async call(path, init = {}) {
      const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers ?? {}) };
      if (init.token) headers.Authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(`${url}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.server.closeAllConnections();
      await closed;
      await identity.close();
      await database.drop();
    },
  };
}

async function seedWorld(repos: Repositories): Promise<World> {
  const org = buildOrganisation({ id: guid(), name: 'Test Academy Trust', policy });
  const otherOrg = buildOrganisation({ id: guid(), name: 'Another Trust', policy });
  await repos.organisations.upsert(org);
  await repos.organisations.upsert(otherOrg);
  const a = { organisationId: org.id };
  const b = { organisationId: otherOrg.id };
  const inOrg = (overrides: Partial<Person>) => buildPerson({ organisationId: org.id, entraObjectId: guid(), ...overrides });
  const rita = inOrg({ displayName: 'Rita Reviewer' });
  const colin = inOrg({ displayName: 'Colin Coach' });
  const paula = inOrg({ displayName: 'Paula Admin', roles: ['pg-admin'] });
  const sam = inOrg({ displayName: 'Sam Colleague', reviewerId: rita.id });
  const alice = inOrg({ displayName: 'Alice Reviewee', reviewerId: rita.id, coachId: colin.id });
  const oscar = buildPerson({ organisationId: otherOrg.id, entraObjectId: guid(), displayName: 'Oscar Outsider' });
  await repos.people.upsertMany(a, [rita, colin, paula, sam, alice]);
  await repos.people.upsertMany(b, [oscar]);

  const cycle = buildCycle({ organisationId: org.id, current: true });
  await repos.cycles.upsert(a, cycle);
  const otherCycle = buildCycle({ organisationId: otherOrg.id, current: true });
  await repos.cycles.upsert(b, otherCycle);
  const event = (key: string, number: number, date: string, opens: string, closes: string) =>
    buildScheduleEvent({ organisationId: org.id, cycleId: cycle.id, key, number, title: `Check in ${number}`, date, window: { opens, closes } });
  const events = {
    closed: event('check-in-1', 1, '2026-02-13', '2026-02-13T08:00', '2026-02-19T23:59'),
    open: event('check-in-2', 2, '2026-02-27', '2026-02-27T08:00', '2026-03-05T23:59'),
    upcoming: event('check-in-3', 3, '2026-03-13', '2026-03-13T08:00', '2026-03-19T23:59'),
  };
  await repos.scheduleEvents.insertMany(a, Object.values(events));
  const aliceCheckIn = buildCheckIn({
    organisationId: org.id,
    personId: alice.id,
    cycleId: cycle.id,
    eventId: events.closed.id,
    reviewerId: rita.id,
    submittedAt: new Date('2026-02-14T10:00:00.000Z'),
    praise: [{ personId: sam.id, displayName: sam.displayName }],
    praiseMessage: 'Thanks Sam for covering my duty',
  });
  await repos.checkIns.submit(a, aliceCheckIn);
  await repos.praise.insert(a, [
    { id: guid(), organisationId: org.id, fromPersonId: alice.id, toPersonId: sam.id, message: 'Thanks Sam for covering my duty', checkInId: aliceCheckIn.id, createdAt: aliceCheckIn.submittedAt },
    { id: guid(), organisationId: org.id, fromPersonId: sam.id, toPersonId: alice.id, message: 'Brilliant assembly, Alice', checkInId: guid(), createdAt: aliceCheckIn.submittedAt },
  ]);
  return { org, otherOrg, alice, rita, colin, paula, sam, oscar, cycleId: cycle.id, events, aliceCheckIn };
}
