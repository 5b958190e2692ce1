// What the Graph client refuses, or fixes, before spending a call: the manifest's activity types
// and template parameters, and Teams' 150-character preview.
import { ACTIVITY_TYPE_NAMES, ACTIVITY_TYPES } from '../../../manifest/activityTypes';
import {
  type ActivityNotification,
  InvalidActivityNotificationError,
  PREVIEW_TEXT_MAX,
  declaredActivityTypes,
  truncatePreview,
  validateActivityNotification,
} from '../../../bot/graph/activityNotification';

function buildNotification(overrides: Partial<ActivityNotification> = {}): ActivityNotification {
  return {
    topic: { source: 'text', value: 'Jo · Check-in 3', webUrl: 'https://teams.microsoft.com/l/entity/app/check-ins' },
    activityType: 'checkInSubmitted',
    previewText: { content: 'Jo submitted Check-in 3' },
    templateParameters: [
      { name: 'reviewee', value: 'Jo' },
      { name: 'checkIn', value: 'Check-in 3' },
    ],
    ...overrides,
  };
}

function problems(n: ActivityNotification): string {
  const result = validateActivityNotification(n);
  if (result.ok) throw new Error('expected the notification to be refused');
  expect(result.error).toBeInstanceOf(InvalidActivityNotificationError);
  return result.error.problems.join('\n');
}

describe('truncatePreview', () => {
  it('leaves text of up to 150 characters alone', () => {
    const text = 'a'.repeat(PREVIEW_TEXT_MAX);
    expect(truncatePreview(text)).toBe(text);
  });

  it('shortens longer text to 150 characters ending in an ellipsis', () => {
    const shortened = truncatePreview(`${'word '.repeat(40)}end`);
    expect(shortened.length).toBeLessThanOrEqual(PREVIEW_TEXT_MAX);
    expect(shortened.endsWith('word…')).toBe(true);
    expect(truncatePreview('b'.repeat(151))).toBe(`${'b'.repeat(149)}…`);
  });

  it('does not split an emoji in two', () => {
    const shortened = truncatePreview(`${'x'.repeat(148)}👏👏👏`);
    expect(shortened).toBe(`${'x'.repeat(148)}…`);
    expect(shortened.length).toBeLessThanOrEqual(PREVIEW_TEXT_MAX);
  });
});

describe('validateActivityNotification', () => {
  it('reads the same activity types and parameters from the manifest as ACTIVITY_TYPES names', () => {
    expect([...declaredActivityTypes().keys()].sort()).toEqual([...ACTIVITY_TYPE_NAMES].sort());
    for (const name of ACTIVITY_TYPE_NAMES) expect([...declaredActivityTypes().get(name)!].sort()).toEqual([...ACTIVITY_TYPES[name]].sort());
  });

  it('accepts a well-formed notification and truncates a long preview instead of refusing it', () => {
    const result = validateActivityNotification(buildNotification({ previewText: { content: 'z'.repeat(400) } }));
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.notification.previewText.content).toBe(`${'z'.repeat(149)}…`);
  });

  it('refuses an activity type the manifest does not declare', () => {
    expect(problems(buildNotification({ activityType: 'somethingHappened' as 'checkInSubmitted' }))).toMatch(/"somethingHappened" is not declared in the manifest/);
  });

  it('refuses template parameters that are missing, unknown or repeated', () => {
    expect(problems(buildNotification({ templateParameters: [{ name: 'reviewee', value: 'Jo' }] }))).toMatch(/lack checkIn/);
    expect(
      problems(buildNotification({ templateParameters: [{ name: 'reviewee', value: 'Jo' }, { name: 'checkIn', value: 'x' }, { name: 'actor', value: 'y' }] })),
    ).toMatch(/"actor" are not in checkInSubmitted's templateText/);
    expect(
      problems(buildNotification({ templateParameters: [{ name: 'reviewee', value: 'Jo' }, { name: 'checkIn', value: 'x' }, { name: 'checkIn', value: 'y' }] })),
    ).toMatch(/repeat checkIn/);
  });

  it('refuses a text topic without an https deep link, and an empty preview', () => {
    expect(problems(buildNotification({ topic: { source: 'text', value: 'Title', webUrl: 'not a url' } }))).toMatch(/topic.webUrl/);
    expect(problems(buildNotification({ previewText: { content: '  ' } }))).toMatch(/previewText.content is empty/);
  });

  it('lists every problem at once', () => {
    const text = problems(buildNotification({ activityType: 'nope' as 'checkInSubmitted', previewText: { content: '' } }));
    expect(text).toMatch(/not declared/);
    expect(text).toMatch(/previewText/);
  });
});
