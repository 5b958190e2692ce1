// Coach-led growth (seed 002, "Growing Great People"): the person's stage-one self-reflection,
// professional growth plan, growth log and end-of-cycle reflection. Only the person writes them;
// only the person and their coach read them (seed 002 §14.2); PG admins see counts, never content.
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import {
  endReflectionContentSchema,
  growthLogContentSchema,
  growthPlanContentSchema,
  selfReflectionContentSchema,
  type CheckIn,
  type Cycle,
  type EndReflection,
  type GrowthLogEntry,
  type GrowthPlan,
  type GrowthRules,
  type Organisation,
  type Person,
  type Rock,
  type SelfReflection,
} from '../../shared/domain';
import { reviewerOf } from '../../shared/policy';
import { growthRecordId } from '../data/growthRepository';
import { audit, invalidFields, permittedRole, readAccess, scopeOf, type Actor } from './access';
import { currentCycle } from './currentCycle';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';
import { noteRecordView, viewerRole } from './recordViews';
import { createRock, proposeRock } from './rocks';
import { feedbackByTerm, type TermFeedback } from './growthFeedback';

/** The policy's growth rules; a trust without them has no growth plan or log (a clear 409, not a 500). */
export function growthRulesOf(organisation: Organisation): GrowthRules {
  const rules = organisation.policy.growth;
  if (!rules) throw new DomainError('conflict', `${organisation.policy.name} has no professional growth plan or growth log.`);
  return rules;
}

/** seed 002 §5.1 / §7.2.1: the standard a person reflects against, by their role category. */
export function standardFor(rules: GrowthRules, person: Pick<Person, 'roleCategory'>): string {
  const category = person.roleCategory.trim().toLowerCase();
  return rules.selfReflection.standards.find((s) => s.roleCategories.some((c) => c.toLowerCase() === category))?.standard ?? rules.selfReflection.otherwise;
}

async function growthCycle(ctx: UseCaseContext, organisation: Organisation): Promise<Cycle> {
  const cycle = await currentCycle(ctx, organisation);
  if (!cycle) throw new DomainError('conflict', 'There is no current cycle yet, so there is nothing to write in. Your PG administrator starts the next one.');
  return cycle;
}

/** The zod result as a 422 naming each field, or the parsed value. */
function parseContent<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw invalidFields(result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
}

export interface GrowthView {
  person: Person;
  coach: Person | null;
  cycle: Cycle;
  standard: string;
  selfReflection: SelfReflection | null;
  plan: GrowthPlan | null;
  /** The plan's commitment(s) and what success looks like, with timeframes: the person's rocks of the cycle. */
  commitments: Rock[];
  log: GrowthLogEntry[];
  endReflection: EndReflection | null;
  feedback: TermFeedback[];
  canEdit: boolean;
}

/** A person's growth records; 404 for anyone but the person and their coach, so ids cannot be probed. */
export async function loadGrowth(ctx: UseCaseContext, actor: Actor, personId: string): Promise<GrowthView> {
  const rules = growthRulesOf(actor.organisation);
  const person = personId === actor.person.id ? actor.person : await ctx.repos.people.get(scopeOf(actor), personId);
  if (!person || !readAccess(actor, person, 'growth')) throw new DomainError('notFound');
  const cycle = await growthCycle(ctx, actor.organisation);
  await noteRecordView(ctx, actor, person, { kind: 'growth', role: viewerRole(actor, person, 'growth'), itemId: cycle.id, what: 'your growth plan and log' });
  const org = scopeOf(actor);
  const coachId = reviewerOf(person, actor.organisation.policy) ?? person.coachId;
  const [selfReflection, plan, endReflection, log, commitments, coach] = await Promise.all([
    ctx.repos.growth.get(org, 'self-reflection', growthRecordId('self-reflection', cycle.id, person.id)),
    ctx.repos.growth.get(org, 'growth-plan', growthRecordId('growth-plan', cycle.id, person.id)),
    ctx.repos.growth.get(org, 'end-reflection', growthRecordId('end-reflection', cycle.id, person.id)),
    ctx.repos.growth.listForPerson(org, person.id, cycle.id, 'growth-log'),
    ctx.repos.rocks.listForPerson(org, person.id, { cycleId: cycle.id }),
    coachId ? ctx.repos.people.get(org, coachId) : Promise.resolve(null),
  ]);
  const feedback = await feedbackByTerm(ctx, actor.organisation, cycle, person, log, ctx.now());
  return { person, coach, cycle, standard: standardFor(rules, person), selfReflection, plan, commitments, log, endReflection, feedback, canEdit: person.id === actor.person.id };
}

function stamp(ctx: UseCaseContext, actor: Actor, cycle: Cycle, previous: { createdAt: Date; version?: number } | null) {
  const now = ctx.now();
  return { organisationId: actor.organisation.id, personId: actor.person.id, cycleId: cycle.id, createdAt: previous?.createdAt ?? now, updatedAt: now, version: (previous?.version ?? -1) + 1 };
}

/** Stage one: the person's self-reflection against the standard for their role. */
export async function saveSelfReflection(ctx: UseCaseContext, actor: Actor, input: unknown): Promise<SelfReflection> {
  const rules = growthRulesOf(actor.organisation);
  const content = parseContent(selfReflectionContentSchema, input);
  const cycle = await growthCycle(ctx, actor.organisation);
  const id = growthRecordId('self-reflection', cycle.id, actor.person.id);
  const previous = await ctx.repos.growth.get(scopeOf(actor), 'self-reflection', id);
  const record: SelfReflection = { id, kind: 'self-reflection', ...stamp(ctx, actor, cycle, previous), standard: standardFor(rules, actor.person), ...content };
  await ctx.repos.growth.put(scopeOf(actor), record);
  await audit(ctx, actor, previous ? 'growth.selfReflection.changed' : 'growth.selfReflection.saved', { kind: 'self-reflection', id }, { cycleId: cycle.id });
  if (!previous) await tellCoach(ctx, actor, id, 'self-reflection');
  return record;
}

/** Stage two: the professional growth plan (how I will learn, check-in and completion dates). */
export async function saveGrowthPlan(ctx: UseCaseContext, actor: Actor, input: unknown): Promise<GrowthPlan> {
  growthRulesOf(actor.organisation);
  const content = parseContent(growthPlanContentSchema, input);
  const cycle = await growthCycle(ctx, actor.organisation);
  const notADay = content.checkInDates.find((d) => !DateTime.fromISO(d).isValid);
  if (notADay) throw invalidFields([{ path: 'checkInDates', message: `${notADay} is not a date in the calendar` }]);
  if (content.completionOn && !DateTime.fromISO(content.completionOn).isValid) throw invalidFields([{ path: 'completionOn', message: `${content.completionOn} is not a date in the calendar` }]);
  const outside = [...content.checkInDates, ...(content.completionOn ? [content.completionOn] : [])].find((d) => d < cycle.startsOn || d > cycle.endsOn);
  if (outside) throw invalidFields([{ path: content.completionOn === outside ? 'completionOn' : 'checkInDates', message: `${outside} is outside ${cycle.label} (${cycle.startsOn} to ${cycle.endsOn})` }]);
  const id = growthRecordId('growth-plan', cycle.id, actor.person.id);
  const previous = await ctx.repos.growth.get(scopeOf(actor), 'growth-plan', id);
  const record: GrowthPlan = { id, kind: 'growth-plan', ...stamp(ctx, actor, cycle, previous), ...content, checkInDates: [...new Set(content.checkInDates)].sort() };
  await ctx.repos.growth.put(scopeOf(actor), record);
  await audit(ctx, actor, previous ? 'growth.plan.changed' : 'growth.plan.saved', { kind: 'growth-plan', id }, { cycleId: cycle.id });
  if (!previous) await tellCoach(ctx, actor, id, 'professional growth plan');
  return record;
}

/** "Observe a colleague — by 2027-02-12" → the criterion and its target date (the plan's timeframe). */
export function parseSuccessLines(text: string): Array<{ text: string; targetDate?: string }> {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*[-•*]\s*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const dated = /^(.*?)[\s,;—–-]*\bby\s+(\d{4}-\d{2}-\d{2})\s*\.?$/i.exec(line);
      return dated && dated[1] ? { text: dated[1].trim(), targetDate: dated[2] } : { text: line };
    });
}

/**
 * The plan's commitment written from the bot's plan card (seed 002 §8.9: what the commitment to grow
 * is, what success will look like and the timeframes): a commitment in the policy's first slot, sent
 * to the coach to agree when it has its success criteria. `id` is the card's, so a retry adds none.
 */
export async function writeCommitment(ctx: UseCaseContext, actor: Actor, input: { id: string; title: string; successLooksLike: string }): Promise<Rock> {
  const slot = actor.organisation.policy.rocks.slots[0]!;
  if (!input.title.trim()) throw invalidFields([{ path: 'title', message: `write your ${actor.organisation.policy.vocabulary.rock} to grow` }]);
  const successCriteria = parseSuccessLines(input.successLooksLike);
  const rock = await createRock(ctx, actor, { id: input.id, slotId: slot.id, title: input.title.trim(), description: '', alignment: [], successCriteria });
  if (rock.status !== 'draft' || rock.successCriteria.length === 0) return rock;
  return proposeRock(ctx, actor, rock.id, { version: rock.version });
}

/**
 * Stage three: a growth-log entry. One per check-in when it answers that check-in's prompt (saving
 * again edits it); otherwise `entryId` (the card's or the tab's) makes a retried save harmless.
 */
export async function addGrowthLogEntry(ctx: UseCaseContext, actor: Actor, input: { checkInId?: string; entryId?: string } & Record<string, unknown>): Promise<{ entry: GrowthLogEntry; created: boolean }> {
  growthRulesOf(actor.organisation);
  const content = parseContent(growthLogContentSchema, input);
  const cycle = await growthCycle(ctx, actor.organisation);
  const org = scopeOf(actor);
  let checkInId: string | undefined;
  if (input.checkInId) {
    const checkIn = await ctx.repos.checkIns.get(org, String(input.checkInId));
    if (!checkIn || checkIn.personId !== actor.person.id) throw invalidFields([{ path: 'checkInId', message: 'that is not one of your check-ins' }]);
    checkInId = checkIn.id;
  }
  // `entryId` is the author's idempotency key (saving again edits that entry), never part of the stored id (issue 16).
  const key = !checkInId && typeof input.entryId === 'string' && /^[A-Za-z0-9-]{8,100}$/.test(input.entryId) ? input.entryId : undefined;
  const claimed = key ? await ctx.repos.decisions.claimId(org, 'growth-log', actor.person.id, `${cycle.id}/${key}`, ctx.now()) : undefined;
  const suffix = checkInId ? `check-in:${checkInId}` : `entry:${claimed?.id ?? randomUUID()}`;
  const id = growthRecordId('growth-log', cycle.id, actor.person.id, suffix);
  const previous = await ctx.repos.growth.get(org, 'growth-log', id);
  const { version: _v, ...stamped } = stamp(ctx, actor, cycle, previous);
  const entry: GrowthLogEntry = { id, kind: 'growth-log', ...stamped, ...(checkInId ? { checkInId } : {}), ...content };
  await ctx.repos.growth.put(org, entry);
  await audit(ctx, actor, previous ? 'growth.log.changed' : 'growth.log.added', { kind: 'growth-log', id }, { cycleId: cycle.id, ...(checkInId ? { checkInId } : {}) });
  // A concurrent duplicate of a new keyed entry finds no previous one either (each write is audited): only the key's first caller answers "created".
  return { entry, created: !previous && (claimed?.first ?? true) };
}

/** Stage four: reflection on successes and growth, and how the work was shared (seed 002 §7.2.4, §8.13). */
export async function saveEndReflection(ctx: UseCaseContext, actor: Actor, input: unknown): Promise<EndReflection> {
  growthRulesOf(actor.organisation);
  const content = parseContent(endReflectionContentSchema, input);
  const cycle = await growthCycle(ctx, actor.organisation);
  const id = growthRecordId('end-reflection', cycle.id, actor.person.id);
  const previous = await ctx.repos.growth.get(scopeOf(actor), 'end-reflection', id);
  const record: EndReflection = { id, kind: 'end-reflection', ...stamp(ctx, actor, cycle, previous), ...content };
  await ctx.repos.growth.put(scopeOf(actor), record);
  await audit(ctx, actor, previous ? 'growth.endReflection.changed' : 'growth.endReflection.saved', { kind: 'end-reflection', id }, { cycleId: cycle.id });
  if (!previous) await tellCoach(ctx, actor, id, 'reflection, review and sharing');
  return record;
}

/** The coach hears, once per record, that the person has written it (seed 002 §7.2.1: the self-reflection is shown to the coach). */
async function tellCoach(ctx: UseCaseContext, actor: Actor, recordId: string, what: string): Promise<void> {
  const coachId = reviewerOf(actor.person, actor.organisation.policy);
  if (!coachId) return;
  const now = ctx.now();
  await ctx.repos.outboxJobs.enqueue(scopeOf(actor), {
    id: randomUUID(),
    organisationId: actor.organisation.id,
    idempotencyKey: `message:growth-shared:${recordId}`,
    kind: 'bot-message',
    personId: coachId,
    payload: { recipientPersonId: coachId, message: { kind: 'text', text: `${actor.person.displayName} has written their ${what}. You can read it in the tab, under their name in My team.` } },
    status: 'pending',
    notBefore: now,
    attempts: 0,
    createdAt: now,
    updatedAt: now,
  });
}

export function growthLogPromptKey(checkIn: Pick<CheckIn, 'id'>): string {
  return `message:growth-log-prompt:${checkIn.id}`;
}

/** seed 002 §11.3: after a check-in, the person is asked (once) for a growth-log entry. */
export async function promptGrowthLog(ctx: UseCaseContext, organisation: Organisation, checkIn: CheckIn, when: 'submitted' | 'acknowledged'): Promise<boolean> {
  const rule = organisation.policy.growth?.logPromptAfter;
  // An edit is not a new check-in: asked once, on the first submission.
  if (when === 'submitted' && checkIn.editedAt) return false;
  // With no coach named nobody acknowledges, so a policy that asks after acknowledgement asks on submission.
  if (rule !== when && !(rule === 'acknowledged' && when === 'submitted' && !checkIn.reviewerId)) return false;
  const now = ctx.now();
  const created = await ctx.repos.outboxJobs.enqueue(
    { organisationId: organisation.id },
    {
      id: randomUUID(),
      organisationId: organisation.id,
      idempotencyKey: growthLogPromptKey(checkIn),
      kind: 'bot-message',
      personId: checkIn.personId,
      payload: { recipientPersonId: checkIn.personId, message: { kind: 'growth-card', card: 'growth-log', checkInId: checkIn.id } },
      status: 'pending',
      notBefore: now,
      attempts: 0,
      createdAt: now,
      updatedAt: now,
    },
  );
  return created.created;
}

export type GrowthCardKind = 'self-reflection' | 'growth-plan' | 'growth-log' | 'end-reflection';

/** What a growth card shows a person: their current record of that kind, and what it is about. */
export interface GrowthCardState {
  card: GrowthCardKind;
  organisation: Organisation;
  person: Person;
  coachName?: string;
  cycle: Cycle;
  standard: string;
  selfReflection: SelfReflection | null;
  plan: GrowthPlan | null;
  /** Dates the plan suggests when it has none: the cycle's check-ins. */
  suggestedCheckInDates: string[];
  commitments: Rock[];
  endReflection: EndReflection | null;
  logCount: number;
  /** For a growth-log card answering a check-in: which one, and the entry already written for it. */
  checkIn?: { id: string; title: string };
  logEntry: GrowthLogEntry | null;
}

/** The state of one growth card for its owner (the bot's cards; the person is always the reader). */
export async function growthCardState(ctx: UseCaseContext, organisation: Organisation, person: Person, card: GrowthCardKind, checkInId?: string): Promise<GrowthCardState> {
  const actor = { person, organisation };
  const view = await loadGrowth(ctx, actor, person.id);
  const org = scopeOf(actor);
  let checkIn: GrowthCardState['checkIn'];
  let logEntry: GrowthLogEntry | null = null;
  if (card === 'growth-log' && checkInId) {
    const found = await ctx.repos.checkIns.get(org, checkInId);
    if (found && found.personId === person.id) {
      const event = await ctx.repos.scheduleEvents.get(org, found.eventId);
      checkIn = { id: found.id, title: event?.title ?? organisation.policy.vocabulary.checkIn };
      logEntry = view.log.find((e) => e.checkInId === found.id) ?? null;
    }
  }
  const events = await ctx.repos.scheduleEvents.list(org, view.cycle.id);
  const suggestedCheckInDates = events.filter((e) => e.kind === 'check-in' && e.status === 'scheduled').map((e) => e.window.opens.slice(0, 10)).sort();
  return {
    card,
    organisation,
    person,
    coachName: view.coach?.displayName,
    cycle: view.cycle,
    standard: view.standard,
    selfReflection: view.selfReflection,
    plan: view.plan,
    suggestedCheckInDates,
    commitments: view.commitments,
    endReflection: view.endReflection,
    logCount: view.log.length,
    checkIn,
    logEntry,
  };
}

export interface GrowthSummary {
  cycle: Cycle;
  people: number;
  selfReflections: number;
  plans: number;
  growthLogEntries: number;
  endReflections: number;
  /** Person-terms that ended without feedback (seed 002 §11.3), and per term. */
  termsWithoutFeedback: number;
  byTerm: Array<{ key: string; label: string; withoutFeedback: number }>;
}

/** PG admins: counts only, never anyone's content (seed 002 §14.2). */
export async function growthSummary(ctx: UseCaseContext, actor: Actor): Promise<GrowthSummary> {
  const rules = growthRulesOf(actor.organisation);
  if (!permittedRoleForCompletion(actor)) throw new DomainError('forbidden', 'Only PG administrators can see these figures.');
  const cycle = await growthCycle(ctx, actor.organisation);
  const org = scopeOf(actor);
  const [people, selfReflections, plans, growthLogEntries, endReflections, gaps] = await Promise.all([
    ctx.repos.people.listActive(org),
    ctx.repos.growth.countForCycle(org, cycle.id, 'self-reflection'),
    ctx.repos.growth.countForCycle(org, cycle.id, 'growth-plan'),
    ctx.repos.growth.countForCycle(org, cycle.id, 'growth-log'),
    ctx.repos.growth.countForCycle(org, cycle.id, 'end-reflection'),
    ctx.repos.growth.listForCycle(org, cycle.id, 'feedback-gap'),
  ]);
  const byTerm = rules.feedback.terms.map((t) => ({ key: t.key, label: t.label, withoutFeedback: gaps.filter((g) => g.termKey === t.key).length }));
  return { cycle, people: people.length, selfReflections, plans, growthLogEntries, endReflections, termsWithoutFeedback: gaps.length, byTerm };
}

function permittedRoleForCompletion(actor: Actor): boolean {
  return permittedRole(actor, 'completion', 'read') !== null;
}
