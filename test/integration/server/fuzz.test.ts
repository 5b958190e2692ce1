// Issue 16, Must show: `npm run fuzz` in CI's size. The same generator and classifier as
// scripts/fuzz.ts (test/support/fuzz): the real server on real HTTP, Bot Framework-signed tokens on
// POST /api/messages and Teams SSO tokens on /api/v1, two organisations, and a fixed seed's hostile
// requests — each checked against the database before and after it. Every counter but cases is 0.
import { generateCases, type FuzzCase, type FuzzRequest } from '../../support/fuzz/cases';
import { runFuzz } from '../../support/fuzz/run';
import { startFuzzWorld, type Disposable, type FuzzWorld } from '../../support/fuzz/world';

const CASES = 150;
const SEED = 16;

describe('the fuzzer, a short fixed-seed run', () => {
  let world: FuzzWorld;

  beforeAll(async () => {
    world = await startFuzzWorld();
  }, 60_000);
  afterAll(async () => world?.stop());

  it('covers every family of hostile request in its first cases', () => {
    const kinds = new Set(generateCases(CASES, SEED).map((c) => c.kind));
    for (const kind of ['bot malformed activity', 'bot token', 'card submit, wrong event', 'card submit, valid', 'card review action', 'api foreign id', 'api token', 'api comment', 'text sink', 'card verb with odd ids', 'api write sweep', 'api data export', 'api retention report', 'api legal hold', 'api erasure']) {
      expect(kinds).toContain(kind);
    }
  });

  it(`sends ${CASES} generated requests: no 5xx, no wrong write, no leak, no lost text`, async () => {
    const { summary, failures } = await runFuzz(world, { cases: CASES, seed: SEED });
    // The failing cases by name, so a red run says what to fix.
    expect(failures.map((f) => `#${f.n} ${f.counter} [${f.kind}] ${f.summary} → ${f.status}: ${f.detail.slice(0, 300)}`)).toEqual([]);
    expect(summary).toEqual({ cases: CASES, status5xx: 0, wrongWrites: 0, leaks: 0, lostText: 0 });
  }, 180_000);

  it('counts what it should: a refused request that wrote, a body with someone else\'s data, text not kept, an export or erasure by whoever may not', async () => {
    const comment = (text: string) => async (w: FuzzWorld): Promise<FuzzRequest> => ({
      target: 'api',
      method: 'POST',
      path: `/api/v1/threads/rock/${w.rocks.alex[0]}/comments`,
      headers: { authorization: `Bearer ${await w.apiToken('alex')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text }),
    });
    const given: FuzzCase[] = [
      // Stored, but said to be one the server must refuse.
      { n: 0, kind: 'planted', summary: 'a comment called hostile', actor: 'alex', expect: 'refuse', build: comment('Planted comment one') },
      // Alex's own record, read as if Oscar (another tenant) had received it.
      { n: 1, kind: 'planted', summary: "Alex's /me seen by Oscar", actor: 'oscar', expect: 'either', build: async (w) => ({ target: 'api', method: 'GET', path: '/api/v1/me', headers: { authorization: `Bearer ${await w.apiToken('alex')}` } }) },
      // Stored, but not as the check says it was sent.
      { n: 2, kind: 'planted', summary: 'a comment checked against other text', actor: 'alex', expect: 'store', build: comment('Planted comment two'), stored: async () => 'not the text sent' },
      // Sam's export, downloaded with the administrator's token, as if Megan (his reviewer, not an admin) had been given it:
      // the audit entry and record view are a refused request's writes, his records a leak.
      { n: 3, kind: 'planted', summary: "Sam's export seen by Megan", actor: 'megan', expect: 'refuse', canaries: (w) => w.privateText.sam, build: async (w) => ({ target: 'api', method: 'GET', path: `/api/v1/people/${w.people.sam.id}/data-export`, headers: { authorization: `Bearer ${await w.apiToken('adam')}` } }) },
      // An erasure made with the administrator's token, as if Alex had made it.
      (() => {
        let target: Disposable;
        return {
          n: 4, kind: 'planted', summary: 'an erasure by Alex', actor: 'alex', expect: 'refuse',
          prepare: async (w: FuzzWorld) => { target = await w.disposable(); },
          build: async (w: FuzzWorld): Promise<FuzzRequest> => ({ target: 'api', method: 'POST', path: `/api/v1/people/${target.person.id}/erasure`, headers: { authorization: `Bearer ${await w.apiToken('adam')}`, 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'Asked', confirm: target.person.displayName }) }),
        } satisfies FuzzCase;
      })(),
    ];
    const { summary } = await runFuzz(world, { cases: given.length, seed: SEED, given });
    expect(summary).toEqual({ cases: 5, status5xx: 0, wrongWrites: 3, leaks: 2, lostText: 1 });
  });
});
