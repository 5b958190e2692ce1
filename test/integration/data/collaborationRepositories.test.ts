// Rocks, praise, comments, conversation references and the audit log.
import { buildAuditEntry, buildComment, buildConversationReference, buildPraise, buildRock } from '../../support/builders';
import { useDataTestContext } from './dataTestContext';

const context = useDataTestContext('collab');
const repos = () => context().repositories;
const org = { organisationId: 'org-collab' };
const minute = (n: number) => new Date(Date.UTC(2026, 1, 27, 9, n));

describe('rocks', () => {
  test('create is idempotent on id; update needs the current version and appends history', async () => {
    const rock = buildRock({ ...org, personId: 'p-rock', status: 'draft' });
    expect((await repos().rocks.create(org, rock)).created).toBe(true);
    expect(await repos().rocks.create(org, { ...rock, title: 'Retry' })).toEqual({ rock, created: false });

    const proposed = await repos().rocks.updateIfVersion(org, rock.id, 0, { status: 'proposed', updatedAt: minute(1) }, { at: minute(1), byPersonId: 'p-rock', action: 'proposed', status: 'proposed' });
    expect(proposed).toMatchObject({ version: 1, status: 'proposed', history: [{ action: 'proposed' }] });
    expect(await repos().rocks.updateIfVersion(org, rock.id, 0, { title: 'Stale edit' })).toBeNull();
    expect((await repos().rocks.listAwaitingAgreement(org, ['p-rock', 'p-other'])).map((r) => r.id)).toEqual([rock.id]);

    const agreed = await repos().rocks.updateIfVersion(org, rock.id, 1, { status: 'agreed', reviewerNote: 'Good' }, { at: minute(2), byPersonId: 'p-head', action: 'agreed', status: 'agreed' });
    expect(agreed?.history.map((h) => h.action)).toEqual(['proposed', 'agreed']);
    expect(await repos().rocks.listAwaitingAgreement(org, ['p-rock'])).toEqual([]);
  });

  test('concurrent edits of the same version: one wins', async () => {
    const rock = buildRock({ ...org, personId: 'p-race' });
    await repos().rocks.create(org, rock);
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((t) => repos().rocks.updateIfVersion(org, rock.id, 0, { title: `Title ${t}` })));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await repos().rocks.get(org, rock.id))?.version).toBe(1);
  });

  test('listForPerson filters by cycle and rock window', async () => {
    await repos().rocks.create(org, buildRock({ ...org, personId: 'p-list', cycleId: 'c1', rockWindowId: 'autumn' }));
    await repos().rocks.create(org, buildRock({ ...org, personId: 'p-list', cycleId: 'c1', rockWindowId: 'spring' }));
    await repos().rocks.create(org, buildRock({ ...org, personId: 'p-list', cycleId: 'c2', rockWindowId: 'autumn' }));
    expect(await repos().rocks.listForPerson(org, 'p-list')).toHaveLength(3);
    expect(await repos().rocks.listForPerson(org, 'p-list', { cycleId: 'c1' })).toHaveLength(2);
    expect(await repos().rocks.listForPerson(org, 'p-list', { cycleId: 'c1', rockWindowId: 'spring' })).toHaveLength(1);
  });
});

describe('praise', () => {
  test('inserting the same praise again (a retried check-in) stores it once; pages newest first', async () => {
    const praise = Array.from({ length: 5 }, (_, i) => buildPraise({ ...org, id: `praise-ci-1-${i}`, toPersonId: 'p-star', fromPersonId: 'p-fan', createdAt: minute(i) }));
    expect(await repos().praise.insert(org, praise)).toBe(5);
    expect(await repos().praise.insert(org, praise)).toBe(0);
    const first = await repos().praise.listReceived(org, 'p-star', { page: 1, pageSize: 2 });
    expect(first.items.map((p) => p.id)).toEqual(['praise-ci-1-4', 'praise-ci-1-3']);
    expect(first.hasMore).toBe(true);
    const last = await repos().praise.listReceived(org, 'p-star', { page: 3, pageSize: 2 });
    expect(last).toMatchObject({ hasMore: false, items: [{ id: 'praise-ci-1-0' }] });
    expect((await repos().praise.listGiven(org, 'p-fan')).items).toHaveLength(5);
  });
});

describe('comments', () => {
  test('a thread lists oldest first; a retried add is a no-op', async () => {
    const subject = { kind: 'rock' as const, id: 'rock-thread' };
    const first = buildComment({ ...org, subject, createdAt: minute(2), text: 'second' });
    const earlier = buildComment({ ...org, subject, createdAt: minute(1), text: 'first' });
    expect(await repos().comments.add(org, first)).toBe(true);
    expect(await repos().comments.add(org, first)).toBe(false);
    await repos().comments.add(org, earlier);
    await repos().comments.add(org, buildComment({ ...org, subject: { kind: 'check-in', id: 'rock-thread' } }));
    expect((await repos().comments.listForSubject(org, subject)).map((c) => c.text)).toEqual(['first', 'second']);
  });
});

describe('conversation references', () => {
  test('upsert keeps one record per key and its id; reinstall clears uninstalledAt', async () => {
    const first = buildConversationReference({ ...org, key: '29:user-1', personId: 'p-1' });
    await repos().conversationReferences.upsert(org, first);
    await repos().conversationReferences.markUninstalled(org, '29:user-1', minute(5));
    expect((await repos().conversationReferences.get(org, '29:user-1'))?.uninstalledAt).toEqual(minute(5));

    const reinstall = buildConversationReference({ ...org, key: '29:user-1', personId: 'p-1', conversationId: 'a:new', updatedAt: minute(9) });
    const stored = await repos().conversationReferences.upsert(org, reinstall);
    expect(stored).toMatchObject({ id: first.id, conversationId: 'a:new', updatedAt: minute(9) });
    expect(stored.uninstalledAt).toBeUndefined();
    expect(await context().database.db.collection('conversationReferences').countDocuments({ organisationId: org.organisationId, key: '29:user-1' })).toBe(1);
  });

  test('concurrent installs of the same user store one record', async () => {
    const installs = Array.from({ length: 5 }, () => buildConversationReference({ ...org, key: '29:user-race' }));
    await Promise.all(installs.map((record) => repos().conversationReferences.upsert(org, record)));
    expect(await context().database.db.collection('conversationReferences').countDocuments({ organisationId: org.organisationId, key: '29:user-race' })).toBe(1);
  });

  test('list pages by continuation token, filters by scope and leaves out the uninstalled', async () => {
    const listOrg = { organisationId: 'org-collab-list' };
    for (let i = 0; i < 5; i++) await repos().conversationReferences.upsert(listOrg, buildConversationReference({ ...listOrg, key: `29:user-${i}` }));
    await repos().conversationReferences.upsert(listOrg, buildConversationReference({ ...listOrg, key: '19:team', scope: 'team' }));
    await repos().conversationReferences.markUninstalled(listOrg, '29:user-4');

    const keys: string[] = [];
    let continuationToken: string | undefined;
    do {
      const page = await repos().conversationReferences.list(listOrg, { scope: 'personal', pageSize: 2, continuationToken });
      keys.push(...page.items.map((r) => r.key));
      continuationToken = page.continuationToken;
    } while (continuationToken);
    expect(keys).toEqual(['29:user-0', '29:user-1', '29:user-2', '29:user-3']);
    expect((await repos().conversationReferences.list(listOrg, { includeUninstalled: true })).items).toHaveLength(6);
  });
});

describe('audit log', () => {
  test('append is idempotent on id; list is newest first and filters by subject', async () => {
    const entry = buildAuditEntry({ ...org, at: minute(1), subject: { kind: 'rock', id: 'rock-1' } });
    await repos().auditLog.append(org, entry);
    await repos().auditLog.append(org, entry);
    await repos().auditLog.append(org, buildAuditEntry({ ...org, at: minute(2), subject: { kind: 'rock', id: 'rock-2' } }));
    expect((await repos().auditLog.list(org)).items.map((e) => e.subject.id)).toEqual(['rock-2', 'rock-1']);
    expect((await repos().auditLog.list(org, { subjectId: 'rock-1' })).items).toEqual([entry]);
  });
});
