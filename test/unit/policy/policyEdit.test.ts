// Policy editing, the pure part (issue 14): validation names the field (schema and cross-field
// rules), the diff says what changed field by field, and the preview says what changes for whom.
import type { Policy, Rock, ScheduleEvent } from '../../../shared/domain';
import { checkPolicyEdit, diffPolicy, mergePolicyEdit, patchAt, previewPolicy, readTypedValue, type PolicyPreviewFacts } from '../../../shared/policy';
import { buildPerson, buildPolicy } from './builders';

const TSFE = buildPolicy();
const CYCLE = { key: '2025-26', label: 'TSFE 2025-26', startsOn: '2025-09-01', endsOn: '2026-08-31' };
const edit = (change: (p: Policy) => void): Policy => {
  const copy = structuredClone(TSFE);
  change(copy);
  return copy;
};
const errorsOf = (policy: unknown) => {
  const check = checkPolicyEdit(policy, TSFE, CYCLE);
  return check.ok ? [] : check.errors;
};

describe('checkPolicyEdit: every error names its field', () => {
  it('accepts the policy as it is', () => {
    expect(checkPolicyEdit(TSFE, TSFE, CYCLE)).toEqual({ ok: true, policy: TSFE });
  });

  it('says the range of a number out of it', () => {
    expect(errorsOf(edit((p) => (p.rocks.maxSuccessCriteria = 21)))).toEqual([{ path: 'rocks.maxSuccessCriteria', message: 'must be between 1 and 20' }]);
    expect(errorsOf(edit((p) => (p.retention.years = 0)))).toEqual([{ path: 'retention.years', message: 'must be at least 1' }]);
  });

  it('names wrong kinds and choices', () => {
    expect(errorsOf({ ...TSFE, rocks: { ...TSFE.rocks, maxSuccessCriteria: 'seven' } })).toEqual([{ path: 'rocks.maxSuccessCriteria', message: 'must be a number' }]);
    expect(errorsOf({ ...TSFE, reviewers: { ...TSFE.reviewers, reviewedBy: 'headteacher' } })).toEqual([
      { path: 'reviewers.reviewedBy', message: 'must be one of: line-manager, coach, coach-else-line-manager' },
    ]);
    expect(errorsOf(edit((p) => (p.checkIns.reminder.at = '9am')))).toEqual([{ path: 'checkIns.reminder.at', message: 'a time of day as HH:mm, e.g. 09:00' }]);
  });

  it("reuses the policy pack's cross-field rules: unique slots and codes, rock windows in order, a real time zone", () => {
    expect(errorsOf(edit((p) => (p.rocks.slots[2]!.id = p.rocks.slots[0]!.id)))).toEqual([{ path: 'rocks.slots.2.id', message: `slot id "${TSFE.rocks.slots[0]!.id}" is used twice` }]);
    expect(errorsOf(edit((p) => (p.rocks.windows[0]!.endsOn = '2025-08-01'))).map((e) => e.path)).toContain('rocks.windows.0.endsOn');
    expect(errorsOf(edit((p) => (p.timezone = 'Europe/Londres')))).toEqual([{ path: 'timezone', message: '"Europe/Londres" is not an IANA time zone (e.g. Europe/London)' }]);
  });

  it('adds the rules only an edit can break: the id, windows inside the cycle, the reminder inside the window, enough alignment options', () => {
    expect(errorsOf(edit((p) => (p.id = 'other')))).toEqual([{ path: 'id', message: 'the policy\'s id stays "tsfe-2025-26" (cycles refer to it); change its name instead' }]);
    expect(errorsOf(edit((p) => (p.rocks.windows[2]!.endsOn = '2026-09-30')))).toEqual([{ path: 'rocks.windows.2.startsOn', message: 'must be inside the cycle TSFE 2025-26 (2025-09-01 to 2026-08-31)' }]);
    expect(errorsOf(edit((p) => (p.checkIns.window = { opensDays: 0, opensAt: '08:00', closesDays: 0, closesAt: '07:00' }))).map((e) => e.path)).toEqual(['checkIns.window.closesDays']);
    expect(errorsOf(edit((p) => (p.checkIns.reminder = { daysBeforeClose: 7, at: '09:00' }))).map((e) => e.path)).toEqual(['checkIns.reminder.daysBeforeClose']);
    expect(errorsOf(edit((p) => (p.checkIns.reminder = { daysBeforeClose: 6, at: '09:00' })))).toEqual([]);
    expect(errorsOf(edit((p) => (p.alignment.minimum = 9)))).toEqual([{ path: 'alignment.minimum', message: `must be at most ${TSFE.alignment.options.length}, the number of ${TSFE.alignment.label} options` }]);
  });
});

describe('diffPolicy and partial edits', () => {
  it('lists each changed leaf with before and after; a list compares whole', () => {
    const after = edit((p) => {
      p.rocks.maxSuccessCriteria = 5;
      p.exclusions.roleCategories = ['ECT'];
      p.checkIns.reminder.at = '15:30';
    });
    expect(diffPolicy(TSFE, after)).toEqual([
      { field: 'rocks.maxSuccessCriteria', before: 7, after: 5 },
      { field: 'checkIns.reminder.at', before: '09:00', after: '15:30' },
      { field: 'exclusions.roleCategories', before: ['NQT', 'ECT'], after: ['ECT'] },
    ]);
    expect(diffPolicy(TSFE, structuredClone(TSFE))).toEqual([]);
  });

  it('merges a patch onto the policy: objects by key, one item of a list by index', () => {
    const merged = mergePolicyEdit(TSFE, patchAt('rocks.slots.1.theme', 'Impact on Others')) as Policy;
    expect(merged.rocks.slots.map((s) => s.theme)).toEqual([TSFE.rocks.slots[0]!.theme, 'Impact on Others', TSFE.rocks.slots[2]!.theme]);
    expect(merged.rocks.maxSuccessCriteria).toBe(7);
  });

  it('reads a typed value as its field is: number, yes/no, a list of words, text', () => {
    expect(readTypedValue(TSFE, 'rocks.maxSuccessCriteria', '5')).toEqual({ ok: true, value: 5 });
    expect(readTypedValue(TSFE, 'exclusions.excludePaused', 'no')).toEqual({ ok: true, value: false });
    expect(readTypedValue(TSFE, 'exclusions.roleCategories', 'ECT, support')).toEqual({ ok: true, value: ['ECT', 'support'] });
    expect(readTypedValue(TSFE, 'vocabulary.rock', 'objective')).toEqual({ ok: true, value: 'objective' });
    expect(readTypedValue(TSFE, 'rocks.slots', 'x')).toEqual({ ok: false, message: 'rocks.slots: a list like this is edited in the tab' });
    expect(readTypedValue(TSFE, 'rocks.size', '3')).toEqual({ ok: false, message: 'rocks.size: there is no such policy field' });
  });
});

describe('previewPolicy: what changes for whom', () => {
  const rita = buildPerson({ displayName: 'Rita Reviewer' });
  const colin = buildPerson({ displayName: 'Colin Coach' });
  const alice = buildPerson({ displayName: 'Alice Teacher', roleCategory: 'teacher', reviewerId: rita.id, coachId: colin.id });
  const tom = buildPerson({ displayName: 'Tom Support', roleCategory: 'support', reviewerId: rita.id });
  const nina = buildPerson({ displayName: 'Nina New', roleCategory: 'ECT', reviewerId: rita.id });
  const sue = buildPerson({ displayName: 'Sue Smt', roles: ['smt'], school: 'North School' });
  const rock = (overrides: Partial<Rock>) =>
    ({ id: 'r1', personId: alice.id, title: 'Reading ages', slotId: TSFE.rocks.slots[0]!.id, status: 'agreed', alignment: [], successCriteria: [], ...overrides }) as Rock;
  const criteria = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, text: `criterion ${i}`, done: false }));
  const event = (id: string, title: string, opens: string, closes: string, queued = true) =>
    ({ id, kind: 'check-in', title, date: opens.slice(0, 10), window: { opens, closes }, status: 'scheduled', ...(queued ? { promptsQueuedAt: new Date() } : {}) }) as ScheduleEvent;
  const facts: PolicyPreviewFacts = {
    people: [rita, colin, alice, tom, nina, sue],
    rocks: [rock({ successCriteria: criteria(7) }), rock({ id: 'r2', title: 'Two ECTs', personId: tom.id, successCriteria: criteria(3) })],
    events: [
      event('past', 'Check in 10', '2026-02-13T08:00', '2026-02-19T23:59'),
      event('open', 'Check in 11', '2026-02-27T08:00', '2026-03-05T23:59'),
      event('next', 'Check in 12', '2026-03-13T08:00', '2026-03-19T23:59', false),
    ],
    now: new Date('2026-03-02T12:00:00Z'),
  };
  const effect = (after: Policy, field: string) => previewPolicy(TSFE, after, facts).effects.find((e) => e.field === field);

  it('retention: says how long and from when records are kept (issue 16)', () => {
    expect(effect(edit((p) => (p.retention.years = 7)), 'retention.years')?.summary).toBe('Records will be kept 7 years after the cycle they belong to (was 6).');
    expect(effect(edit((p) => (p.retention.from = 'leaving')), 'retention.from')?.summary).toBe(
      "The 6 years will count from the day a person leaves: records stay on their file while they work here (was from the cycle's end).",
    );
    expect(errorsOf(edit((p) => ((p.retention as { from: string }).from = 'forever')))).toEqual([{ path: 'retention.from', message: expect.any(String) }]);
    expect(readTypedValue(TSFE, 'retention.from', 'leaving')).toEqual({ ok: true, value: 'leaving' });
  });

  it('exclusions: the people who become ineligible or eligible, by name and why', () => {
    const found = effect(edit((p) => (p.exclusions.roleCategories = ['support'])), 'exclusions');
    expect(found?.items.map((i) => i.text)).toEqual([
      'Tom Support is no longer prompted: support staff are outside this policy',
      'Nina New becomes eligible and will be prompted (was: ECT staff are outside this policy)',
    ]);
    expect(found?.summary).toBe('1 become eligible, 1 no longer take part.');
  });

  it('a lower success-criteria maximum: the rocks now over it, kept and flagged', () => {
    const found = effect(edit((p) => (p.rocks.maxSuccessCriteria = 5)), 'rocks.maxSuccessCriteria');
    expect(found?.summary).toMatch(/^1 rocks have more than 5 success criteria: they are kept as they are and flagged/);
    expect(found?.items).toEqual([{ id: 'r1', text: 'Alice Teacher — "Reading ages" (7 success criteria)' }]);
  });

  it('a new reviewer rule: whose reviewer changes, from whom to whom', () => {
    const found = effect(edit((p) => (p.reviewers.reviewedBy = 'coach-else-line-manager')), 'reviewers.reviewedBy');
    expect(found?.items).toEqual([{ id: alice.id, text: 'Alice Teacher: reviewer Rita Reviewer → Colin Coach' }]);
  });

  it('a new reminder time: the coming reminders that move, not the ones already past', () => {
    const found = effect(edit((p) => (p.checkIns.reminder = { daysBeforeClose: 1, at: '15:30' })), 'checkIns.reminder');
    expect(found?.items.map((i) => i.text)).toEqual([
      'Check in 11: reminder Thu 5 Mar 09:00 → Wed 4 Mar 15:30 (already queued: moved)',
      'Check in 12: reminder Thu 19 Mar 09:00 → Wed 18 Mar 15:30',
    ]);
  });

  it('a new usual window: scheduled check-ins keep theirs, and the preview says so', () => {
    const found = effect(edit((p) => (p.checkIns.window.closesDays = 4)), 'checkIns.window');
    expect(found?.summary).toContain('close 4 days later at 23:59');
    expect(found?.items.map((i) => i.id)).toEqual(['open', 'next']);
  });

  it('new words: where they show', () => {
    const found = effect(edit((p) => (p.vocabulary.rock = 'objective')), 'vocabulary');
    expect(found?.items).toEqual([{ id: 'rock', text: '"rock" → "objective" on the my-rocks card, the check-in card and the tab' }]);
  });

  it('who sees what: the coaches and SMT members whose access changes', () => {
    const preview = previewPolicy(TSFE, edit((p) => ((p.access.coachesSeeCheckIns = false), (p.access.smtSeeRocks = 'school'))), facts);
    expect(preview.effects.find((e) => e.field === 'access.coachesSeeCheckIns')?.items).toEqual([{ id: colin.id, text: 'Colin Coach (1 coachees)' }]);
    expect(preview.effects.find((e) => e.field === 'access.smtSeeRocks')).toEqual({
      field: 'access.smtSeeRocks',
      summary: '1 SMT members will see only the rocks of their own school.',
      items: [{ id: sue.id, text: 'Sue Smt (North School)' }],
    });
  });

  it('a raised alignment minimum: the draft rocks short of it', () => {
    const facts2 = { ...facts, rocks: [rock({ id: 'd1', status: 'draft', alignment: [] })] };
    const after = edit((p) => (p.alignment.minimum = 1));
    expect(previewPolicy(TSFE, after, facts2).effects.find((e) => e.field === 'alignment')?.items.map((i) => i.text)).toEqual([
      `Alice Teacher — "Reading ages" has 0 of the 1 ${TSFE.alignment.label} alignments needed before it can be proposed`,
    ]);
  });
});
