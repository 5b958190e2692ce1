// TSAT (seed 001) reviews last year in September: the review opened on "Reflection on last year"
// covers the previous cycle, the reviewer's statement is due at the reviewers' deadline (30 Sep)
// and the headteacher's decision when outcomes are approved (20 Oct); someone who joined this
// September has no last year to review. Through the real scheduler and GET /reviews.
import { personalWorld, startTestRuntime } from '../../support/runtime';
import { TEST_TENANT } from '../../support/activities';
import type { Runtime } from '../../../bot/runtime';
import { queueDuePrompts } from '../../../bot/usecases/promptQueue';
import { cycleIdFor, ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';
import { yearReviewListResponseSchema } from '../../../shared/api';

const CYCLE = cycleIdFor(TEST_TENANT, '2023-24');
const LAST_YEAR = cycleIdFor(TEST_TENANT, '2022-23');
const clock = { now: new Date('2023-08-20T10:00:00Z') };
const DIRECTORY = `name,email,entraObjectId,school,role,reviewer,coach,roles,start date
Alex Wilber,alexw@example.com,oid-alex,Hill Primary,teacher,meganb@example.com,,,2019-09-01
Nia Newcomer,nian@example.com,oid-nia,Hill Primary,teacher,meganb@example.com,,,2023-09-01
Megan Bowen,meganb@example.com,oid-megan,Hill Primary,leader,harryh@example.com,,,2015-09-01
Harry Head,harryh@example.com,oid-harry,Hill Primary,headteacher,,,smt,2010-09-01
`;

describe("TSAT's reflection on last year", () => {
  let runtime: Runtime;
  const { api } = personalWorld<'alex'>({ runtime: () => runtime });

  beforeEach(async () => {
    clock.now = new Date('2023-08-20T10:00:00Z');
    runtime = await startTestRuntime({}, { clock: () => clock.now });
    await ensureOrganisation(runtime.ctx, { organisationId: TEST_TENANT, policyId: 'tsat-2023-24' });
    await importDirectory(runtime.ctx, TEST_TENANT, parseDirectoryFile(DIRECTORY, 'csv'));
    const cycle = (await runtime.repos.cycles.get({ organisationId: TEST_TENANT }, CYCLE))!;
    await runtime.repos.cycles.upsert({ organisationId: TEST_TENANT }, { ...cycle, id: LAST_YEAR, key: '2022-23', label: 'TSAT 2022-23', startsOn: '2022-09-01', endsOn: '2023-08-31', current: false });
  });
  afterEach(async () => {
    await runtime.stop();
  });

  it('opens on 1 September covering 2022-23, with the reviewers\' and the headteachers\' deadlines; not for a September starter', async () => {
    clock.now = new Date('2023-09-01T08:30:00Z');
    expect((await queueDuePrompts(runtime.ctx)).reviewsOpened).toBe(3);
    const org = { organisationId: TEST_TENANT };
    const alex = (await runtime.repos.people.findByEntraObjectId(org, 'oid-alex'))!;
    const megan = (await runtime.repos.people.findByEntraObjectId(org, 'oid-megan'))!;
    const harry = (await runtime.repos.people.findByEntraObjectId(org, 'oid-harry'))!;
    const reviews = await runtime.repos.yearReviews.listForCycle(org, CYCLE, 'end-of-year');
    expect(reviews.map((r) => r.personId).sort()).toEqual([alex.id, megan.id, harry.id].sort());
    expect(reviews.find((r) => r.personId === alex.id)).toMatchObject({
      label: 'Reflection on last year', coversCycleId: LAST_YEAR, reviewerId: megan.id, deciderId: harry.id,
      dueAt: new Date('2023-09-15T22:59:59.999Z'), reviewerDueAt: new Date('2023-09-30T22:59:59.999Z'), decisionDueAt: new Date('2023-10-20T22:59:59.999Z'),
    });

    const lists = yearReviewListResponseSchema.parse((await api('alex', '/reviews')).body);
    expect(lists.mine).toEqual([expect.objectContaining({ label: 'Reflection on last year', myNextStep: 'Write your reflection', decisionDueAt: '2023-10-20T22:59:59.999Z' })]);
  });
});
