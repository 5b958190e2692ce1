// The schedule's pure rules: reading seed 000's Appendix 3, inferring kinds and windows, and
// validating a change (cycle bounds, the past, clashes, the Friday warning).
import type { Organisation, ScheduleEvent } from '../../../shared/domain';
import { getPolicyPack } from '../../../shared/policy';
import { draftOf, keyFor, type ScheduleState } from '../../../bot/schedule/draft';
import { checkEventAddition, checkEventUpdate } from '../../../bot/schedule/rules';
import { ScheduleImportError, htmlToText, inferKind, parseScheduleTable } from '../../../bot/schedule/tableImport';
import { movedWindow, usualWindow } from '../../../bot/schedule/windows';
import { APPENDIX_3_LINES, APPENDIX_3_TABLE } from './appendix3';

const pack = getPolicyPack('tsfe-2025-26');
/** Appendix 3's rows: the pack's events but §10's end-of-year reflections, which the table does not list. */
const appendix3Events = pack.cycle.events.filter((e) => e.key !== 'end-of-year-reflection');
const ORG = 'org-1';

function tsfeState(): ScheduleState {
  const organisation: Organisation = { id: ORG, name: 'TSFE', policy: pack.policy, adminObjectIds: [], createdAt: new Date(0), updatedAt: new Date(0) };
  const cycle = { id: `${ORG}:2025-26`, organisationId: ORG, policyId: pack.policy.id, key: pack.cycle.key, label: pack.cycle.label, startsOn: pack.cycle.startsOn, endsOn: pack.cycle.endsOn, current: true };
  const events: ScheduleEvent[] = pack.cycle.events.map((e) => ({ ...e, id: `${ORG}:${e.key}`, organisationId: ORG, cycleId: cycle.id, status: 'scheduled', version: 0 }));
  return { organisation, cycle, events };
}

const shape = (e: { kind: string; number?: number; title: string; date: string; window: unknown; directedHours: number; alsoMarks?: string[] }) => ({
  kind: e.kind,
  number: e.number,
  title: e.title,
  date: e.date,
  window: e.window,
  directedHours: e.directedHours,
  alsoMarks: e.alsoMarks ?? [],
});

describe('parseScheduleTable', () => {
  const state = tsfeState();

  it('reads seed 000 Appendix 3 into exactly the shipped TSFE 2025-26 events', () => {
    const rows = parseScheduleTable(APPENDIX_3_TABLE, 'text', state);
    expect(rows.map((r) => shape(r.draft))).toEqual(appendix3Events.map(shape));
    expect(rows[0]!.line).toBe(2);
  });

  it('reads the same table when Teams collapsed the tabs into single spaces, or sent it as HTML', () => {
    const collapsed = APPENDIX_3_LINES.map((l) => l.replace(/\t/g, ' ')).join('\n');
    expect(parseScheduleTable(collapsed, 'text', state).map((r) => shape(r.draft))).toEqual(appendix3Events.map(shape));
    const html = `<p>${APPENDIX_3_LINES.map((l) => l.replace(/&/g, '&amp;')).join('<br>')}</p>`;
    expect(parseScheduleTable(htmlToText(html), 'text', state).map((r) => shape(r.draft))).toEqual(appendix3Events.map(shape));
    const table = `<table>${APPENDIX_3_LINES.map((l) => `<tr>${l.split('\t').map((c) => `<td>${c.replace(/&/g, '&amp;')}</td>`).join('')}</tr>`).join('')}</table>`;
    expect(parseScheduleTable(htmlToText(table), 'text', state).map((r) => shape(r.draft))).toEqual(appendix3Events.map(shape));
  });

  it('reads a CSV file with a header row', () => {
    const csv = APPENDIX_3_LINES.map((l) => l.split('\t').map((c) => (c.includes(',') ? `"${c}"` : c)).join(',')).join('\n');
    expect(parseScheduleTable(csv, 'csv', state).map((r) => shape(r.draft))).toEqual(appendix3Events.map(shape));
  });

  it('skips a heading above the table', () => {
    const rows = parseScheduleTable(`15. Appendix 3 - Check in Schedule\n\n${APPENDIX_3_TABLE}`, 'text', state);
    expect(rows).toHaveLength(18);
    expect(rows[0]!.line).toBe(4);
  });

  it('reports every bad line with its number and returns nothing', () => {
    const lines = [...APPENDIX_3_LINES];
    lines[10] = '27/02/2026\tFriday\tCheck in 6';
    lines[11] = '13/03/2026\tThursday\tCheck in 7\t0.25';
    lines[12] = '31/02/2026\tFriday\tCareer conversations\t1';
    lines[13] = '24/04/2026\tFriday\tStaff training day\t1';
    let error: unknown;
    try {
      parseScheduleTable(lines.join('\n'), 'text', state);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScheduleImportError);
    const problems = (error as ScheduleImportError).problems;
    expect(problems.map((p) => p.line)).toEqual([11, 12, 13, 14]);
    expect(problems[0]!.message).toMatch(/four columns/);
    expect(problems[1]!.message).toMatch(/13\/03\/2026 is a Friday, not a Thursday/);
    expect(problems[2]!.message).toMatch(/not a real date/);
    expect(problems[3]!.message).toMatch(/can't tell what kind of event/);
  });

  it('refuses a check-in number used twice and dates outside the cycle', () => {
    const lines = [...APPENDIX_3_LINES, '17/07/2026\tFriday\tCheck in 13\t0.25', '04/09/2026\tFriday\tCheck in 14\t0.25'];
    expect(() => parseScheduleTable(lines.join('\n'), 'text', state)).toThrow(/line 20: Check in 13 already exists[\s\S]*line 21: 04\/09\/2026 is outside the cycle/);
  });
});

describe('inferKind', () => {
  it.each([
    ['Check in 6', 'check-in', 6],
    ['check-in 12', 'check-in', 12],
    ['Non-compulsory check in', 'optional-check-in', undefined],
    ['Aspiration Survey', 'aspiration-survey', undefined],
    ['Career conversations & mid-point reflections', 'career-conversation', undefined],
    ['Staff finalised key rocks/success criteria for Terms 1 & 2', 'rock-setting', undefined],
    ['Completion of review of last year', 'review', undefined],
    ['Sharing growth projects with team colleagues', 'group-sharing', undefined],
  ])('%s is a %s', (title, kind, number) => {
    const inferred = inferKind(title) as { kind: string; number?: number };
    expect([inferred.kind, inferred.number]).toEqual([kind, number]);
  });

  it('keeps what else a check-in date marks', () => {
    expect(inferKind('Check in 8 / Staff agree key rocks/success criteria for Terms 5&6')).toEqual({ kind: 'check-in', number: 8, title: 'Check in 8', alsoMarks: ['Staff agree key rocks/success criteria for Terms 5&6'] });
  });

  it('asks for the number of an unnumbered check-in', () => {
    expect(inferKind('Check in')).toEqual({ error: expect.stringMatching(/needs its number/) });
  });
});

describe('windows', () => {
  const state = tsfeState();

  it('uses the pack pattern: Friday 08:00 to the next Thursday 23:59, deadlines from the start of the cycle', () => {
    expect(usualWindow('check-in', '2026-03-06', state)).toEqual({ opens: '2026-03-06T08:00', closes: '2026-03-12T23:59' });
    expect(usualWindow('rock-setting', '2026-04-24', state)).toEqual({ opens: '2025-09-01T08:00', closes: '2026-04-24T23:59' });
  });

  it('moves a window with its date, keeping its length', () => {
    const checkIn6 = state.events.find((e) => e.key === 'check-in-6')!;
    expect(movedWindow(checkIn6, '2026-03-06', state.cycle)).toEqual({ opens: '2026-03-06T08:00', closes: '2026-03-12T23:59' });
    const rocks = state.events.find((e) => e.key === 'rock-setting-terms-1-2')!;
    expect(movedWindow(rocks, '2025-11-07', state.cycle)).toEqual({ opens: '2025-09-01T08:00', closes: '2025-11-07T23:59' });
  });

  it('gives added events keys unique in the cycle', () => {
    expect(keyFor({ kind: 'check-in', number: 14, date: '2026-07-17' }, ['check-in-13'])).toBe('check-in-14');
    expect(keyFor({ kind: 'review', date: '2026-07-17' }, ['review-2026-07-17'])).toBe('review-2026-07-17-2');
  });
});

describe('validating a change', () => {
  const state = tsfeState();
  const now = new Date('2026-02-20T12:00:00Z');
  const checkIn6 = state.events.find((e) => e.key === 'check-in-6')!;
  const move = (date: string) => ({ ...draftOf(checkIn6), date, window: movedWindow(checkIn6, date, state.cycle) });

  it('accepts moving Check in 6 to the next Friday', () => {
    expect(checkEventUpdate(checkIn6, move('2026-03-06'), state, now)).toEqual({ errors: [], warnings: [] });
  });

  it('warns when a check-in is not on a Friday', () => {
    expect(checkEventUpdate(checkIn6, move('2026-03-04'), state, now).warnings).toEqual(['Wed 4 Mar is a Wednesday; check-ins are usually on a Friday.']);
  });

  it('refuses the past, outside the cycle, and a clash with another check-in', () => {
    expect(checkEventUpdate(checkIn6, move('2026-02-13'), state, now).errors.join(' ')).toMatch(/in the past/);
    expect(checkEventUpdate(checkIn6, move('2026-09-04'), state, now).errors.join(' ')).toMatch(/outside the cycle/);
    expect(checkEventUpdate(checkIn6, move('2026-03-13'), state, now).errors.join(' ')).toMatch(/Check in 7/);
  });

  it('refuses moving a window that has opened, but lets it close later', () => {
    const during = new Date('2026-02-28T12:00:00Z');
    const queued = { ...checkIn6, promptsQueuedAt: new Date('2026-02-27T07:00:00Z') };
    expect(checkEventUpdate(queued, move('2026-03-06'), state, during).errors.join(' ')).toMatch(/can no longer be moved/);
    const later = { ...draftOf(checkIn6), window: { ...checkIn6.window, closes: '2026-03-08T23:59' } };
    expect(checkEventUpdate(queued, later, state, during).errors).toEqual([]);
  });

  it('refuses a window change while the scheduler may be queueing the prompts', () => {
    const beforeOpening = new Date('2026-02-27T07:30:00Z');
    expect(checkEventUpdate(checkIn6, move('2026-03-06'), state, beforeOpening).errors.join(' ')).toMatch(/being queued right now/);
    const queued = { ...checkIn6, promptsQueuedAt: new Date('2026-02-27T07:01:00Z') };
    expect(checkEventUpdate(queued, move('2026-03-06'), state, beforeOpening).errors).toEqual([]);
  });

  it('checks an added event against the others of its kind', () => {
    const draft = { kind: 'check-in' as const, number: 14, title: 'Check in 14', date: '2026-07-10', window: usualWindow('check-in', '2026-07-10', state), directedHours: 0.25, alsoMarks: [] };
    expect(checkEventAddition(draft, state, now).errors.join(' ')).toMatch(/clashes with Check in 13/);
    expect(checkEventAddition({ ...draft, date: '2026-07-24', window: usualWindow('check-in', '2026-07-24', state) }, state, now).errors).toEqual([]);
    expect(checkEventAddition({ ...draft, title: ' ' }, state, now).errors).toContain('The title cannot be empty.');
  });
});
