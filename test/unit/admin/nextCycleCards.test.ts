// The next cycle's cards (issue 14) are valid Adaptive Card 1.5, their buttons name admin verbs, and
// the preview lists every new event with its date, window and what differs from this year.
import type { ScheduleEvent } from '../../../shared/domain';
import { getPolicyPack, rockWindowsOf, rollCycleForward } from '../../../shared/policy';
import { ADMIN_VERBS } from '../../../shared/verbs';
import { buildNextCycleChoicesCard, buildNextCyclePreviewCard, buildNextCycleProblemsCard } from '../../../bot/cards/admin';
import { cycleProblems, differencesFrom, matchLastYear, type NextCyclePlan } from '../../../bot/schedule/nextCycle';
import { cardText, executeActions, validateCard } from '../cards/validateCard';

const pack = getPolicyPack('tsfe-2025-26');
const tz = pack.policy.timezone;
const thisYear: ScheduleEvent[] = pack.cycle.events.map((e) => ({ ...e, id: `org:${e.key}`, organisationId: 'org', cycleId: 'org:2025-26', status: 'scheduled', version: 0 }));
const rolled = rollCycleForward(pack.cycle, pack.cycle.events, rockWindowsOf(pack.policy, pack.cycle), tz);

function expectValid(card: unknown) {
  expect(validateCard(card)).toEqual([]);
  for (const action of executeActions(card)) expect(String(action.verb)).toMatch(/^admin\./);
}

describe('next cycle cards', () => {
  it('offers the three sources', () => {
    const card = buildNextCycleChoicesCard({ fromLabel: 'TSFE 2025-26', rolledDates: '2026-09-01 to 2027-08-31', packs: [{ id: 'tsfe-2026-27', label: 'TSFE 2026-27', startsOn: '2026-09-01', endsOn: '2027-08-31' }], carryOver: true, rocksWord: 'rocks' });
    expectValid(card);
    expect(executeActions(card).map((a) => [a.verb, (a.data as Record<string, string>).sourceKind])).toEqual([
      [ADMIN_VERBS.previewNextCycle, 'roll-forward'],
      [ADMIN_VERBS.previewNextCycle, 'pack'],
      [ADMIN_VERBS.previewNextCycle, 'table'],
    ]);
    expect(cardText(card)).toContain('carried into the new cycle');
  });

  it('previews every event, what differs from this year, the events dropped and the warnings', () => {
    const next = rolled.cycle.events.filter((e) => e.key !== 'check-in-13').map((e) => (e.key === 'check-in-6' ? { ...e, date: '2027-03-01', window: { opens: '2027-03-01T08:00', closes: '2027-03-05T17:00' } } : e));
    const matches = matchLastYear(next, thisYear);
    const { events: _e, ...cycle } = rolled.cycle;
    const plan: NextCyclePlan = {
      source: 'table',
      from: { id: 'org:2025-26', key: '2025-26', label: 'TSFE 2025-26', startsOn: '2025-09-01', endsOn: '2026-08-31' },
      cycle: { ...cycle, policyId: 'tsfe-2025-26' },
      events: next.map((event) => ({ event, was: matches.get(event), differences: differencesFrom(event, matches.get(event), { last: '2025-09-01', next: '2026-09-01' }, tz) })),
      dropped: thisYear.filter((e) => e.key === 'check-in-13'),
      leftOut: [],
      warnings: rolled.warnings,
      problems: [],
      carryOver: { mode: 'drafts', rocks: 12, people: 5, fromWindow: pack.policy.rocks.windows[2], toWindow: cycle.rockWindows[0] },
      digest: 'abc',
    };
    const card = buildNextCyclePreviewCard(plan, tz, { rock: 'rock', rocks: 'rocks' }, { source: '{}', digest: 'abc' });
    expectValid(card);
    const text = cardText(card);
    expect(text).toContain('**Check in 6** · Mon 1 Mar 2027 (window Mon 1 Mar 08:00 – Fri 5 Mar 17:00, 0.25 h) — was Fri 27 Feb 2026 (52 weeks on); now a Monday, was a Friday; window was Fri 27 Feb 08:00 – Thu 5 Mar 23:59');
    expect(text).toContain('**Check in 1** · Fri 13 Nov 2026');
    expect(text).toContain('Check in 13 · Fri 10 Jul 2026');
    expect(text).toContain('12 agreed rocks of 5 people (Terms 5 & 6 (Apr–Aug 2026)) become drafts in Terms 1 & 2 (Sep–Dec 2026).');
    expect(executeActions(card).map((a) => a.verb)).toEqual([ADMIN_VERBS.confirmNextCycle]);
  });

  it('lists problems by line and field, with no Confirm', () => {
    const card = buildNextCycleProblemsCard('TSFE 2026-27', [{ line: 4, message: 'not a date' }, { field: 'cycle.key', message: 'already exists' }]);
    expectValid(card);
    expect(cardText(card)).toContain('line 4: not a date');
    expect(cardText(card)).toContain('cycle.key: already exists');
    expect(executeActions(card)).toEqual([]);
  });
});

describe('the rolled-forward cycles of the shipped packs', () => {
  it.each(['tsfe-2025-26', 'tsat-2023-24', 'tsfe-2026-27'])('%s rolls forward into a cycle with no problems', (id) => {
    const p = getPolicyPack(id);
    const out = rollCycleForward(p.cycle, p.cycle.events, rockWindowsOf(p.policy, p.cycle), p.policy.timezone);
    expect(cycleProblems(p.policy, out.cycle)).toEqual([]);
  });

  it('names the field of a problem, with the event it is in', () => {
    const bad = { ...rolled.cycle, events: rolled.cycle.events.map((e) => (e.key === 'check-in-6' ? { ...e, date: '2028-01-01' } : e)) };
    expect(cycleProblems(pack.policy, bad)).toEqual([
      { field: 'cycle.events[9] (check-in-6).date', message: '2028-01-01 is outside the cycle (2026-09-01 to 2027-08-31)' },
      { field: 'cycle.events[9] (check-in-6).date', message: '2028-01-01 is outside its own window (2027-02-26T08:00 to 2027-03-04T23:59)' },
    ]);
  });
});
