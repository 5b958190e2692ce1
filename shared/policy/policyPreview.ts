// What a policy edit changes for whom, before it is saved: the people who become (in)eligible, the
// rocks a lower limit leaves over it (kept, flagged), whose reviewer changes, which coming
// reminders move, who gains or loses sight of what, where new words show. Pure.
import { DateTime } from 'luxon';
import type { Person, Policy, PolicyFieldChange, Rock, ScheduleEvent } from '../domain';
import { isEligible } from './eligibility';
import { diffPolicy } from './policyEdit';
import { reminderInstant } from './reminders';
import { reviewerOf } from './reviewers';
import { windowInstants } from './windows';

export interface PolicyPreviewFacts {
  people: ReadonlyArray<Pick<Person, 'id' | 'displayName' | 'status' | 'statusReason' | 'roleCategory' | 'contractMonths' | 'startedOn' | 'reviewerId' | 'coachId' | 'roles' | 'school'>>;
  /** The current cycle's rocks. */
  rocks: ReadonlyArray<Pick<Rock, 'id' | 'personId' | 'title' | 'slotId' | 'status' | 'alignment' | 'successCriteria'>>;
  /** The current cycle's events (the preview looks at those still to come). */
  events: ReadonlyArray<Pick<ScheduleEvent, 'id' | 'kind' | 'title' | 'date' | 'window' | 'status' | 'promptsQueuedAt'>>;
  now: Date;
}

/** One consequence, in words an administrator can check, with the people or items it touches. */
export interface PolicyEffect {
  /** The section it comes from: "exclusions", "rocks.maxSuccessCriteria", "checkIns.reminder", ... */
  field: string;
  summary: string;
  items: Array<{ id: string; text: string }>;
}

export interface PolicyPreview {
  changes: PolicyFieldChange[];
  effects: PolicyEffect[];
}

const changed = (changes: PolicyFieldChange[], prefix: string) => changes.some((c) => c.field === prefix || c.field.startsWith(`${prefix}.`));

export function previewPolicy(before: Policy, after: Policy, facts: PolicyPreviewFacts): PolicyPreview {
  const changes = diffPolicy(before, after);
  const names = new Map(facts.people.map((p) => [p.id, p.displayName]));
  const name = (id: string | undefined) => (id ? (names.get(id) ?? 'someone no longer in the directory') : 'nobody');
  const effects: PolicyEffect[] = [];
  const add = (effect: PolicyEffect | undefined) => {
    if (effect) effects.push(effect);
  };
  if (changed(changes, 'exclusions') || changed(changes, 'timezone')) add(eligibilityEffect(before, after, facts));
  if (changed(changes, 'rocks.maxSuccessCriteria')) add(successCriteriaEffect(after, facts, name));
  if (changed(changes, 'rocks.slots')) add(slotsEffect(before, after, facts, name));
  if (changed(changes, 'alignment')) add(alignmentEffect(after, facts, name));
  if (changed(changes, 'reviewers.reviewedBy')) add(reviewerEffect(before, after, facts, name));
  if (changed(changes, 'checkIns.reminder') || changed(changes, 'timezone')) add(reminderEffect(before, after, facts));
  if (changed(changes, 'checkIns.window')) add(windowEffect(after, facts));
  if (changed(changes, 'checkIns.rhythm')) add({ field: 'checkIns.rhythm', summary: `The welcome and help cards will say check-ins come "${after.checkIns.rhythm}" (was "${before.checkIns.rhythm}").`, items: [] });
  if (changed(changes, 'checkIns.mode')) add({ field: 'checkIns.mode', summary: after.checkIns.mode === 'group' ? 'Check-ins become group sessions posted to each team, from the next one that opens.' : 'Check-ins become individual cards to each person, from the next one that opens.', items: [] });
  if (changed(changes, 'vocabulary')) add(vocabularyEffect(before, after));
  if (changed(changes, 'access')) effects.push(...accessEffects(before, after, facts));
  if (changed(changes, 'retention.years')) add({ field: 'retention.years', summary: `Records will be kept ${after.retention.years} years ${retentionFrom(after)} (was ${before.retention.years}).`, items: [] });
  if (changed(changes, 'retention.from')) add({ field: 'retention.from', summary: `The ${after.retention.years} years will count from ${after.retention.from === 'leaving' ? "the day a person leaves: records stay on their file while they work here" : 'the end of the cycle a record belongs to, whether or not the person is still here'} (was from ${before.retention.from === 'leaving' ? 'leaving' : "the cycle's end"}).`, items: [] });
  if (changed(changes, 'reviewers.mustAcknowledge')) add({ field: 'reviewers.mustAcknowledge', summary: after.reviewers.mustAcknowledge ? 'Reviewers will be asked to acknowledge every check-in.' : 'Reviewers will no longer be chased to acknowledge check-ins.', items: [] });
  return { changes, effects };
}

function eligibilityEffect(before: Policy, after: Policy, facts: PolicyPreviewFacts): PolicyEffect | undefined {
  const items: PolicyEffect['items'] = [];
  for (const person of facts.people) {
    const was = isEligible(person, before, facts.now);
    const will = isEligible(person, after, facts.now);
    if (was.eligible && !will.eligible) items.push({ id: person.id, text: `${person.displayName} is no longer prompted: ${will.reason}` });
    if (!was.eligible && will.eligible) items.push({ id: person.id, text: `${person.displayName} becomes eligible and will be prompted (was: ${was.reason})` });
  }
  const out = items.filter((i) => i.text.includes('no longer')).length;
  return { field: 'exclusions', summary: items.length === 0 ? 'Nobody becomes eligible or ineligible.' : `${items.length - out} become eligible, ${out} no longer take part.`, items };
}

function successCriteriaEffect(after: Policy, facts: PolicyPreviewFacts, name: (id: string) => string): PolicyEffect {
  const max = after.rocks.maxSuccessCriteria;
  const over = facts.rocks.filter((r) => r.successCriteria.length > max);
  return {
    field: 'rocks.maxSuccessCriteria',
    summary: over.length === 0 ? `No rock has more than ${max} success criteria.` : `${over.length} rocks have more than ${max} success criteria: they are kept as they are and flagged; new criteria cannot be added to them.`,
    items: over.map((r) => ({ id: r.id, text: `${name(r.personId)} — "${r.title}" (${r.successCriteria.length} success criteria)` })),
  };
}

function slotsEffect(before: Policy, after: Policy, facts: PolicyPreviewFacts, name: (id: string) => string): PolicyEffect {
  const kept = new Map(after.rocks.slots.map((s) => [s.id, s]));
  const items: PolicyEffect['items'] = [];
  for (const slot of before.rocks.slots) {
    const next = kept.get(slot.id);
    const rocks = facts.rocks.filter((r) => r.slotId === slot.id);
    if (!next) rocks.forEach((r) => items.push({ id: r.id, text: `${name(r.personId)} — "${r.title}" is in the removed slot "${slot.theme}": kept, and flagged for a new slot` }));
    else if (next.theme !== slot.theme && rocks.length > 0) items.push({ id: slot.id, text: `${rocks.length} rocks in "${slot.theme}" will show as "${next.theme}"` });
  }
  const added = after.rocks.slots.filter((s) => !before.rocks.slots.some((b) => b.id === s.id));
  const summary = [`Rock slots: ${after.rocks.slots.map((s) => s.theme).join(', ')}.`, added.length > 0 ? `New: ${added.map((s) => s.theme).join(', ')} — everyone may add a rock there.` : ''].filter(Boolean).join(' ');
  return { field: 'rocks.slots', summary, items };
}

function alignmentEffect(after: Policy, facts: PolicyPreviewFacts, name: (id: string) => string): PolicyEffect {
  const codes = new Set(after.alignment.options.map((o) => o.code));
  const minimum = after.alignment.minimum ?? 0;
  const items: PolicyEffect['items'] = [];
  for (const rock of facts.rocks) {
    const unknown = rock.alignment.filter((c) => !codes.has(c));
    if (unknown.length > 0) items.push({ id: rock.id, text: `${name(rock.personId)} — "${rock.title}" uses ${unknown.join(', ')}, no longer in the list: kept, flagged` });
    const known = rock.alignment.filter((c) => codes.has(c)).length;
    if (known < minimum && (rock.status === 'draft' || rock.status === 'proposed')) {
      items.push({ id: rock.id, text: `${name(rock.personId)} — "${rock.title}" has ${known} of the ${minimum} ${after.alignment.label} alignments needed${rock.status === 'draft' ? ' before it can be proposed' : ' (already proposed: kept)'}` });
    }
  }
  return { field: 'alignment', summary: `${after.alignment.label}: ${after.alignment.options.length} options, at least ${minimum} per rock. ${items.length} rocks affected.`, items };
}

function reviewerEffect(before: Policy, after: Policy, facts: PolicyPreviewFacts, name: (id: string | undefined) => string): PolicyEffect {
  const items: PolicyEffect['items'] = [];
  for (const person of facts.people) {
    const was = reviewerOf(person, before);
    const will = reviewerOf(person, after);
    if (was !== will) items.push({ id: person.id, text: `${person.displayName}: reviewer ${name(was)} → ${name(will)}` });
  }
  return { field: 'reviewers.reviewedBy', summary: `${items.length} people get a different reviewer (their check-ins and rocks go to the new one from now on).`, items };
}

function coming(facts: PolicyPreviewFacts, timezone: string) {
  return facts.events.filter((e) => e.status === 'scheduled' && (e.kind === 'check-in' || e.kind === 'optional-check-in') && windowInstants(e, timezone).closesAt > facts.now);
}

function when(at: Date | undefined, timezone: string): string {
  return at ? DateTime.fromJSDate(at, { zone: timezone }).toFormat('ccc d LLL HH:mm') : 'no reminder (outside the window)';
}

function reminderEffect(before: Policy, after: Policy, facts: PolicyPreviewFacts): PolicyEffect {
  const items = coming(facts, after.timezone).flatMap((event) => {
    const was = reminderInstant(event, before);
    const will = reminderInstant(event, after);
    if (was?.getTime() === will?.getTime() || (was && will && was <= facts.now && will <= facts.now)) return [];
    return [{ id: event.id, text: `${event.title}: reminder ${when(was, before.timezone)} → ${when(will, after.timezone)}${event.promptsQueuedAt ? ' (already queued: moved)' : ''}` }];
  });
  return { field: 'checkIns.reminder', summary: `${items.length} coming reminders move.`, items };
}

function windowEffect(after: Policy, facts: PolicyPreviewFacts): PolicyEffect {
  const { opensDays, opensAt, closesDays, closesAt } = after.checkIns.window;
  const items = coming(facts, after.timezone).map((e) => ({ id: e.id, text: `${e.title} keeps its own window (${e.window.opens.replace('T', ' ')} to ${e.window.closes.replace('T', ' ')})` }));
  return {
    field: 'checkIns.window',
    summary: `Check-ins added from now on open ${opensDays === 0 ? 'on the day' : `${opensDays} days after`} at ${opensAt} and close ${closesDays} days later at ${closesAt}. Scheduled ones keep their windows (move them from the schedule card if they should change).`,
    items,
  };
}

const VOCABULARY_PLACES: Record<string, string> = {
  rock: 'the my-rocks card, the check-in card and the tab',
  rocks: 'the welcome, help and my-rocks cards and the tab headings',
  checkIn: 'the check-in card, reminders, the welcome and help cards and the tab',
  reviewer: "the welcome card, the reviewer's card and the tab",
};

function vocabularyEffect(before: Policy, after: Policy): PolicyEffect {
  const items = (Object.keys(after.vocabulary) as Array<keyof Policy['vocabulary']>)
    .filter((k) => before.vocabulary[k] !== after.vocabulary[k])
    .map((k) => ({ id: k, text: `"${before.vocabulary[k]}" → "${after.vocabulary[k]}" on ${VOCABULARY_PLACES[k] ?? 'cards and the tab'}` }));
  return { field: 'vocabulary', summary: 'New words show on the next card sent and the next time the tab is opened.', items };
}

function accessEffects(before: Policy, after: Policy, facts: PolicyPreviewFacts): PolicyEffect[] {
  const effects: PolicyEffect[] = [];
  const a = before.access;
  const b = after.access;
  const coaches = [...new Set(facts.people.map((p) => p.coachId).filter((id): id is string => Boolean(id)))];
  const coachItems = coaches.map((id) => {
    const n = facts.people.filter((p) => p.coachId === id).length;
    return { id, text: `${facts.people.find((p) => p.id === id)?.displayName ?? 'a coach'} (${n} coachees)` };
  });
  const grant = (field: string, was: boolean, will: boolean, what: string, items: PolicyEffect['items']) => {
    if (was !== will) effects.push({ field, summary: `${items.length} ${will ? 'will now see' : 'will no longer see'} ${what}.`, items });
  };
  grant('access.coachesSeeCheckIns', a.coachesSeeCheckIns, b.coachesSeeCheckIns, "their coachees' check-ins", coachItems);
  grant('access.coachesSeeRocks', a.coachesSeeRocks, b.coachesSeeRocks, "their coachees' rocks", coachItems);
  const admins = facts.people.filter((p) => p.roles.includes('pg-admin')).map((p) => ({ id: p.id, text: p.displayName }));
  grant('access.pgAdminsSeeCheckIns', a.pgAdminsSeeCheckIns, b.pgAdminsSeeCheckIns, "anyone's check-ins as PG administrators (their own and their reviewees' stay visible)", admins);
  if (a.smtSeeRocks !== b.smtSeeRocks) {
    const smt = facts.people.filter((p) => p.roles.includes('smt')).map((p) => ({ id: p.id, text: `${p.displayName}${p.school ? ` (${p.school})` : ''}` }));
    const scope = { organisation: 'the rocks of everyone in the organisation', school: 'only the rocks of their own school', none: 'no rocks as SMT' }[b.smtSeeRocks];
    effects.push({ field: 'access.smtSeeRocks', summary: `${smt.length} SMT members will see ${scope}.`, items: smt });
  }
  return effects;
}

/** How retention.years counts, in words: "after the cycle they belong to" or "after the person leaves". */
function retentionFrom(policy: Policy): string {
  return policy.retention.from === 'leaving' ? 'after the person leaves' : 'after the cycle they belong to';
}
