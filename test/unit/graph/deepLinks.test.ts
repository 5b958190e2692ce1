// Deep links the activity feed opens: Teams' /l/entity format, landing on the item the tab reads
// from page.subPageId.
import { feedNotification } from '../../../bot/graph/activityNotification';
import { type SubPageId, tabDeepLink } from '../../../bot/graph/deepLinks';

const APP_ID = 'b5f1e3a0-1111-4222-8333-444455556666';

function parse(link: string) {
  const url = new URL(link);
  return { url, context: JSON.parse(url.searchParams.get('context') ?? 'null') as unknown, label: url.searchParams.get('label') };
}

describe('tabDeepLink', () => {
  it('opens the one personal tab at a check-in, in Teams’ entity deep-link format', () => {
    const link = tabDeepLink({ teamsAppId: APP_ID, entity: 'check-ins', subPageId: 'checkin:c-42', label: 'Jo Bloggs · Check-in 3' });
    expect(link).toBe(
      `https://teams.microsoft.com/l/entity/${APP_ID}/home?label=Jo%20Bloggs%20%C2%B7%20Check-in%203&context=%7B%22subEntityId%22%3A%22checkin%3Ac-42%22%7D`,
    );
    const { url, context, label } = parse(link);
    expect(url.pathname).toBe(`/l/entity/${APP_ID}/home`);
    expect(context).toEqual({ subEntityId: 'checkin:c-42' });
    expect(label).toBe('Jo Bloggs · Check-in 3');
  });

  it('keeps awkward ids and labels intact through encoding', () => {
    const { context, label } = parse(tabDeepLink({ teamsAppId: APP_ID, entity: 'rocks', subPageId: 'rock:a&b=c"d/e+f', label: '50% done & "agreed"' }));
    expect(context).toEqual({ subEntityId: 'rock:a&b=c"d/e+f' });
    expect(label).toBe('50% done & "agreed"');
  });

  it('can open a whole view', () => {
    expect(parse(tabDeepLink({ teamsAppId: APP_ID, entity: 'rocks', subPageId: 'praise', label: 'Praise' })).context).toEqual({ subEntityId: 'praise' });
  });

  it('links every section through the same personal tab (the manifest has one)', () => {
    for (const entity of ['rocks', 'check-ins', 'team', 'schedule'] as const) {
      expect(parse(tabDeepLink({ teamsAppId: APP_ID, entity, subPageId: entity, label: 'x' })).url.pathname).toBe(`/l/entity/${APP_ID}/home`);
    }
  });

  it('refuses what would make a dead link', () => {
    expect(() => tabDeepLink({ teamsAppId: '', entity: 'rocks', subPageId: 'rock:1', label: 'x' })).toThrow(/TEAMS_APP_ID/);
    expect(() => tabDeepLink({ teamsAppId: APP_ID, entity: 'conversations' as 'rocks', subPageId: 'rock:1', label: 'x' })).toThrow(/one of the tab's sections/);
    expect(() => tabDeepLink({ teamsAppId: APP_ID, entity: 'rocks', subPageId: 'rock:' as SubPageId, label: 'x' })).toThrow(/checkin:<id>/);
    expect(() => tabDeepLink({ teamsAppId: APP_ID, entity: 'rocks', subPageId: 'praise:p1' as SubPageId, label: 'x' })).toThrow(/checkin:<id>/);
  });
});

describe('feedNotification', () => {
  it('puts the title in a text topic linking into the tab, and the parameters in template order', () => {
    const n = feedNotification({
      teamsAppId: APP_ID,
      activityType: 'rockProposed',
      templateParameters: { rock: 'Reading for pleasure', reviewee: 'Sam', rockTerm: 'rock' },
      previewText: 'Sam proposed a rock',
      entity: 'team',
      subPageId: 'rock:r-7',
      topicTitle: 'Sam · Reading for pleasure',
    });
    expect(n.topic).toEqual({ source: 'text', value: 'Sam · Reading for pleasure', webUrl: expect.stringContaining(`/l/entity/${APP_ID}/home?`) });
    expect(parse((n.topic as { webUrl: string }).webUrl).context).toEqual({ subEntityId: 'rock:r-7' });
    expect(n.templateParameters).toEqual([
      { name: 'reviewee', value: 'Sam' },
      { name: 'rockTerm', value: 'rock' },
      { name: 'rock', value: 'Reading for pleasure' },
    ]);
    expect(n.previewText).toEqual({ content: 'Sam proposed a rock' });
  });
});
