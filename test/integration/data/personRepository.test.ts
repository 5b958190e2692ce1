import { buildPerson } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';

const context = useDataTestContext('people');
const people = () => context().repositories.people;
const org = { organisationId: 'org-people' };

describe('people', () => {
  beforeAll(async () => {
    await people().upsertMany(org, [
      buildPerson({ ...org, id: 'p-jane', displayName: 'Jane Smith', email: 'jane.smith@stour.example', reviewerId: 'p-head' }),
      buildPerson({ ...org, id: 'p-john', displayName: 'John Smithers', email: 'j.smithers@stour.example', coachId: 'p-head' }),
      buildPerson({ ...org, id: 'p-sam', displayName: 'Samira Patel', email: 'spatel@stour.example', status: 'paused', statusReason: 'support plan' }),
      buildPerson({ ...org, id: 'p-head', displayName: 'Alex (Head) O’Brien', email: 'head@stour.example' }),
      buildPerson({ ...org, id: 'p-dot', displayName: 'A.B. Jones', email: 'ab.jones@stour.example' }),
    ]);
  });

  test('search matches a case-insensitive prefix of any name word or of the email', async () => {
    const names = async (text: string) => (await people().search(org, text, 10)).map((p) => p.displayName);
    expect(await names('smi')).toEqual(['Jane Smith', 'John Smithers']);
    expect(await names('SMITHERS')).toEqual(['John Smithers']);
    expect(await names('jan')).toEqual(['Jane Smith']);
    expect(await names('spat')).toEqual(['Samira Patel']);
    expect(await names('mith')).toEqual([]);
    expect(await names('   ')).toEqual([]);
  });

  test('search treats regular-expression characters as text', async () => {
    expect((await people().search(org, 'A.B.', 10)).map((p) => p.id)).toEqual(['p-dot']);
    expect((await people().search(org, '(Head)', 10)).map((p) => p.id)).toEqual(['p-head']);
    expect(await people().search(org, '.*', 10)).toEqual([]);
    expect(await people().search(org, 'a\u0000', 10)).toEqual([]);
  });

  test('search honours the limit', async () => {
    expect(await people().search(org, 'j', 1)).toHaveLength(1);
  });

  test('finds by email (any case), by Entra object id, and several by id', async () => {
    expect((await people().findByEmail(org, ' JANE.Smith@stour.example '))?.id).toBe('p-jane');
    expect(await people().linkEntraObjectId(org, 'p-jane', 'oid-jane')).toBe(true);
    expect((await people().findByEntraObjectId(org, 'oid-jane'))?.id).toBe('p-jane');
    expect((await people().getMany(org, ['p-jane', 'p-sam', 'p-missing', 'p-jane'])).map((p) => p.id).sort()).toEqual(['p-jane', 'p-sam']);
    expect(await people().getMany(org, [])).toEqual([]);
  });

  test('reviewees are the people one reviews as line manager or as coach', async () => {
    expect((await people().listReviewees(org, 'p-head')).map((p) => p.id)).toEqual(['p-jane', 'p-john']);
  });

  test('listActive leaves out paused people; list pages through everyone', async () => {
    expect((await people().listActive(org)).map((p) => p.id)).not.toContain('p-sam');
    const first = await people().list(org, { page: 1, pageSize: 3 });
    const second = await people().list(org, { page: 2, pageSize: 3 });
    expect(first).toMatchObject({ page: 1, pageSize: 3, hasMore: true });
    expect(second.hasMore).toBe(false);
    expect([...first.items, ...second.items].map((p) => p.id).sort()).toEqual(['p-dot', 'p-head', 'p-jane', 'p-john', 'p-sam']);
  });

  test('a directory re-import updates by email, keeps id, Entra link and reachability, and clears a removed reviewer', async () => {
    await people().setReachable(org, 'p-john', false, '403 MessageWritesBlocked');
    await people().linkEntraObjectId(org, 'p-john', 'oid-john');
    const result = await people().upsertMany(org, [
      buildPerson({ ...org, id: 'new-id-for-john', displayName: 'John Smithers-Lee', email: 'J.Smithers@stour.example' }),
      buildPerson({ ...org, id: 'p-new', displayName: 'Nia New', email: 'nia@stour.example' }),
    ]);
    expect(result).toEqual({ inserted: 1, updated: 1 });
    const john = await people().findByEmail(org, 'j.smithers@stour.example');
    expect(john).toMatchObject({ id: 'p-john', displayName: 'John Smithers-Lee', entraObjectId: 'oid-john', reachable: false, unreachableReason: '403 MessageWritesBlocked' });
    expect(john?.coachId).toBeUndefined();
    expect((await people().get(org, 'p-new'))?.displayName).toBe('Nia New');

    expect(await people().setReachable(org, 'p-john', true)).toBe(true);
    const reachable = await people().get(org, 'p-john');
    expect(reachable?.reachable).toBe(true);
    expect(reachable?.unreachableReason).toBeUndefined();
  });

  test('email is unique within an organisation', async () => {
    const { id, ...rest } = buildPerson({ ...org, email: 'jane.smith@stour.example' });
    await expect(context().database.db.collection('people').insertOne({ _id: id as never, ...rest })).rejects.toMatchObject({ code: 11000 });
  });
});
