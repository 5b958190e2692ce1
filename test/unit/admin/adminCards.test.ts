// Admin cards are valid Adaptive Card 1.5 and every button names an admin verb.
import type { ScheduleEvent } from '../../../shared/domain';
import { getPolicyPack } from '../../../shared/policy';
import { ADMIN_VERBS } from '../../../shared/verbs';
import {
  buildAppliedCard,
  buildChangePreviewCard,
  buildConflictCard,
  buildDirectoryPreviewCard,
  buildEventFormCard,
  buildProblemsCard,
  buildScheduleCard,
  buildStatusCard,
} from '../../../bot/cards/admin';
import { cardText, executeActions, validateCard } from '../cards/validateCard';

const pack = getPolicyPack('tsfe-2025-26');
const tz = pack.policy.timezone;
const events: ScheduleEvent[] = pack.cycle.events.map((e) => ({ ...e, id: `org:${e.key}`, organisationId: 'org', cycleId: 'org:2025-26', status: 'scheduled', version: 3 }));
const checkIn6 = events.find((e) => e.key === 'check-in-6')!;
const cycle = { startsOn: pack.cycle.startsOn, endsOn: pack.cycle.endsOn };

function expectValid(card: unknown) {
  expect(validateCard(card)).toEqual([]);
  for (const action of executeActions(card)) expect(String(action.verb)).toMatch(/^admin\./);
}

describe('admin cards', () => {
  it('lists coming events with Move, Edit and Cancel and the progress so far', () => {
    const card = buildScheduleCard({
      cycleLabel: 'TSFE 2025-26',
      timezone: tz,
      rows: [
        { event: checkIn6, prompted: 2140, submitted: 12, state: 'open' },
        { event: { ...events[10]!, status: 'cancelled' }, prompted: 0, submitted: 0, state: 'cancelled' },
      ],
    });
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain('**Check in 6** · Fri 27 Feb');
    expect(text).toContain('Prompted / submitted 2140 / 12');
    expect(text).toContain('Window Fri 27 Feb 08:00 – Thu 5 Mar 23:59');
    const titles = executeActions(card).map((a) => a.title);
    expect(titles.filter((t) => t === 'Move')).toHaveLength(1);
    expect(titles).toEqual(expect.arrayContaining(['Edit', 'Cancel', 'Add an event']));
    expect(executeActions(card).find((a) => a.title === 'Move')!.data).toEqual({ eventId: checkIn6.id, version: '3', mode: 'move' });
  });

  it('has forms to move, edit and add with date, time and number inputs', () => {
    for (const mode of ['move', 'edit', 'add'] as const) {
      const card = buildEventFormCard({ mode, event: mode === 'add' ? undefined : checkIn6, values: {}, timezone: tz, cycle, errors: mode === 'add' ? ['Choose a date.'] : [] });
      expectValid(card);
      expect(JSON.stringify(card)).toContain('"Input.Date"');
      expect(executeActions(card)[0]!.verb).toBe(ADMIN_VERBS.previewEventChange);
    }
  });

  it('previews a change with Confirm carrying the version, and only when it is valid', () => {
    const change = { type: 'move' as const, eventId: checkIn6.id, version: 3, draft: { ...checkIn6, date: '2026-03-06', alsoMarks: [] } };
    const ok = buildChangePreviewCard({ change, event: checkIn6, summary: 'Moves Check in 6 from Fri 27 Feb to Fri 6 Mar.', impact: ['2,140 staff not yet prompted will be prompted on Fri 6 Mar at 08:00.'], warnings: [], errors: [] }, tz);
    expectValid(ok);
    const confirm = executeActions(ok).find((a) => a.verb === ADMIN_VERBS.confirmEventChange)!;
    expect(JSON.parse(String((confirm.data as { payload: string }).payload))).toMatchObject({ type: 'move', version: 3 });
    const bad = buildChangePreviewCard({ change, event: checkIn6, summary: 's', impact: [], warnings: [], errors: ['It clashes.'] }, tz);
    expectValid(bad);
    expect(executeActions(bad).map((a) => a.verb)).not.toContain(ADMIN_VERBS.confirmEventChange);
  });

  it('shows results, conflicts, problems, directory previews and completion', () => {
    expectValid(buildAppliedCard('Megan Bowen moved Check in 6 from Fri 27 Feb to Fri 6 Mar.', ['3 queued prompts and reminders moved to the new window.']));
    expectValid(buildConflictCard('Someone else changed this event.', checkIn6, tz));
    expectValid(buildProblemsCard('The schedule table', [{ line: 11, message: 'expected four columns' }]));
    expectValid(buildDirectoryPreviewCard({ source: 'roster', added: ['A <a@x.org>'], changed: [], left: ['B <b@x.org>'], skipped: [], unchanged: 2 }, { source: '{"kind":"roster"}', digest: 'd' }));
    const status = buildStatusCard({
      event: checkIn6,
      state: 'open',
      schools: [{ school: 'Central Team', staff: 5, prompted: 5, submitted: 3, onTime: 3, awaitingAcknowledgement: 2 }],
      total: { school: 'All schools', staff: 5, prompted: 5, submitted: 3, onTime: 3, awaitingAcknowledgement: 2 },
    }, tz);
    expectValid(status);
    expect(cardText(status)).toContain('Central Team');
  });
});
