// The talent pool and 9-box grid (seed 000 §11.4, Appendix 4: the impact review's "Flag
// individual on talent 9 box", the career conversation's routes). Performance comes from the
// end-of-year outcome once decided, else the March impact review; potential from the career
// route (an "unsure" route falls back on the aspiration survey's promotion answer).
//
// Who sees it: the roles policy.talent.viewers names (access.ts 'talent'), never the person
// themselves (unless showOwnPlacement, and then only their own box). PG admins and recruitment see
// the whole trust; an SMT lead sees their own school only (seed 000 §3: SMT Team Leads lead a
// school). Every read is audited: talent data is sensitive.
import type { CareerConversation, Cycle, Organisation, Person, ReviewOption, ReviewStage, SurveyResponse } from '../../shared/domain';
import { audit, hasLeft, permittedRole, rolesOf, scopeOf, type Actor, type Role } from './access';
import type { UseCaseContext } from './context';
import { currentCycle } from './currentCycle';
import { DomainError } from './errors';
import { stageOf } from './yearReviewAccess';

export type TalentLevel = 'high' | 'medium' | 'low';
export const TALENT_LEVELS: readonly TalentLevel[] = ['high', 'medium', 'low'];

export interface TalentProgramme {
  name: string;
  description: string;
}

export interface TalentPlacement {
  person: Person;
  /** Flagged by the impact review, the end-of-year outcome or a career route: in the pool. */
  flagged: boolean;
  /** Placed on the grid: has both a review outcome and a career route. */
  onGrid: boolean;
  performance?: TalentLevel;
  potential?: TalentLevel;
  reasons: string[];
  programmes: TalentProgramme[];
}

export interface TalentScope {
  cycle: Cycle;
  /** The school shown; undefined = the whole trust. */
  school?: string;
  /** The schools the caller may choose between. */
  schools: string[];
}

export interface TalentView extends TalentScope {
  placements: TalentPlacement[];
}

const sameSchool = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The role the caller reads the grid as (403 otherwise: staff never see the grid). */
export function talentViewerRole(actor: Actor): Role | null {
  const role = permittedRole(actor, 'talent', 'read');
  // An SMT lead who is also in recruitment sees the trust, as recruitment does.
  const viewers = actor.organisation.policy.talent?.viewers ?? { recruitment: true };
  if (role === 'smt' && viewers.recruitment && rolesOf(actor).has('recruitment')) return 'recruitment';
  return role;
}

/** The cycle asked for (404 if not this organisation's), else the current one. */
export async function cycleAskedFor(ctx: UseCaseContext, organisation: Organisation, cycleId: string | undefined): Promise<Cycle> {
  const cycle = cycleId ? await ctx.repos.cycles.get({ organisationId: organisation.id }, cycleId) : await currentCycle(ctx, organisation);
  if (!cycle) throw new DomainError(cycleId ? 'notFound' : 'conflict', cycleId ? undefined : 'There is no current cycle, so there is no talent grid yet. Choose a cycle.');
  return cycle;
}

/**
 * Which school the caller sees: SMT their own only (asking for another is 403), PG admins and
 * recruitment any school, or the whole trust when none is named.
 */
export function schoolScope(actor: Actor, role: Role, asked: string | undefined, allSchools: string[]): { school?: string; schools: string[] } {
  const wanted = asked?.trim() || undefined;
  if (role !== 'smt') return { ...(wanted ? { school: allSchools.find((s) => sameSchool(s, wanted)) ?? wanted } : {}), schools: allSchools };
  const own = actor.person.school.trim();
  if (!own) throw new DomainError('forbidden', 'Your directory entry names no school, so there is no school for you to see. Ask your PG administrator.');
  if (wanted && !sameSchool(wanted, own)) throw new DomainError('forbidden', `As a senior leader you see your own school only (${own}).`);
  return { school: own, schools: [own] };
}

interface Evidence {
  impact: Map<string, ReviewOption>;
  endOfYear: Map<string, ReviewOption>;
  conversations: Map<string, CareerConversation>;
  survey: Map<string, SurveyResponse>;
  impactStage: ReviewStage | null;
  endStage: ReviewStage | null;
}

function outcomesByPerson(records: ReadonlyArray<{ personId: string; outcome: string; submittedAt?: Date }>, stage: ReviewStage | null): Map<string, ReviewOption> {
  const found = new Map<string, ReviewOption>();
  for (const r of records) {
    const option = r.submittedAt ? stage?.outcomes.find((o) => o.key === r.outcome) : undefined;
    if (option) found.set(r.personId, option);
  }
  return found;
}

async function gatherEvidence(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle): Promise<Evidence> {
  const org = { organisationId: organisation.id };
  const [impacts, statements, decisions, conversations, responses] = await Promise.all([
    ctx.repos.yearReviews.listRecordsForCycle(org, cycle.id, 'impact-outcome'),
    ctx.repos.yearReviews.listRecordsForCycle(org, cycle.id, 'statement'),
    ctx.repos.yearReviews.listRecordsForCycle(org, cycle.id, 'final-decision'),
    ctx.repos.talent.careerConversations.find(org, { cycleId: cycle.id }),
    ctx.repos.talent.surveyResponses.find(org, { cycleId: cycle.id }),
  ]);
  const impactStage = stageOf(organisation, 'impact');
  const endStage = stageOf(organisation, 'end-of-year');
  // The end-of-year outcome: the final decision where made, else the reviewer's statement.
  const endOfYear = outcomesByPerson(statements, endStage);
  for (const [personId, option] of outcomesByPerson(decisions, endStage)) endOfYear.set(personId, option);
  return {
    impact: outcomesByPerson(impacts, impactStage),
    endOfYear,
    conversations: new Map(conversations.map((c) => [c.personId, c])),
    survey: new Map(responses.map((r) => [r.personId, r])),
    impactStage,
    endStage,
  };
}

function performanceOf(option: ReviewOption): TalentLevel {
  if (option.effect === 'talent') return 'high';
  if (option.effect === 'none') return 'medium';
  return 'low';
}

/** The aspiration survey's promotion answer, where given: within 12 months → high, 2–3 years → medium, else low. */
function potentialFromSurvey(organisation: Organisation, response: SurveyResponse | undefined): { level: TalentLevel; reason: string } | null {
  const answer = response?.answers['promotion'];
  if (typeof answer !== 'string' || !answer) return null;
  const question = organisation.policy.aspirationSurvey?.questions.find((q) => q.key === 'promotion');
  const label = question?.options.find((o) => o.key === answer)?.label ?? answer;
  const level: TalentLevel = answer === 'within-12-months' ? 'high' : answer === 'in-2-3-years' ? 'medium' : 'low';
  return { level, reason: `Aspiration survey, interest in promotion: ${label}` };
}

function potentialOf(organisation: Organisation, conversation: CareerConversation | undefined, response: SurveyResponse | undefined): { level: TalentLevel; reasons: string[]; route?: { flagged: boolean } } {
  const route = conversation ? organisation.policy.career?.routes.find((r) => r.key === conversation.route) : undefined;
  if (!route) return { level: 'low', reasons: [] };
  if (route.potential !== 'unknown') return { level: route.potential, reasons: [route.label], route: { flagged: route.potential === 'high' || route.potential === 'medium' } };
  const fromSurvey = potentialFromSurvey(organisation, response);
  return { level: fromSurvey?.level ?? 'low', reasons: [route.label, ...(fromSurvey ? [fromSurvey.reason] : [])], route: { flagged: false } };
}

export function programmesFor(organisation: Organisation, box: string | undefined): TalentProgramme[] {
  if (!box) return [];
  return (organisation.policy.talent?.programmes ?? []).filter((p) => p.boxes.includes(box)).map((p) => ({ name: p.name, description: p.description }));
}

export function boxKey(performance: TalentLevel | undefined, potential: TalentLevel | undefined): string | undefined {
  return performance && potential ? `${performance}-${potential}` : undefined;
}

function placementOf(organisation: Organisation, person: Person, evidence: Evidence): TalentPlacement | null {
  const impact = evidence.impact.get(person.id);
  const endOfYear = evidence.endOfYear.get(person.id);
  const conversation = evidence.conversations.get(person.id);
  const potential = potentialOf(organisation, conversation, evidence.survey.get(person.id));
  const reasons: string[] = [];
  if (impact) reasons.push(`${impact.label} at the ${evidence.impactStage?.label ?? 'impact review'}`);
  if (endOfYear) reasons.push(`${endOfYear.label} at the ${evidence.endStage?.label ?? 'end-of-year review'}`);
  reasons.push(...potential.reasons);
  const flagged = impact?.effect === 'talent' || endOfYear?.effect === 'talent' || potential.route?.flagged === true;
  const outcome = endOfYear ?? impact;
  const onGrid = Boolean(outcome && potential.route);
  if (!flagged && !onGrid) return null;
  const performance = outcome ? performanceOf(outcome) : undefined;
  const level = performance ? potential.level : undefined;
  return { person, flagged, onGrid, performance, potential: level, reasons, programmes: programmesFor(organisation, boxKey(performance, level)) };
}

/** Everyone with evidence this cycle, for the scope; the viewer's own placement left out unless policy shows it. */
async function placementsIn(ctx: UseCaseContext, actor: Actor, cycle: Cycle, school: string | undefined, includeSelf: boolean): Promise<TalentPlacement[]> {
  const evidence = await gatherEvidence(ctx, actor.organisation, cycle);
  const ids = new Set([...evidence.impact.keys(), ...evidence.endOfYear.keys(), ...evidence.conversations.keys()]);
  const people = await ctx.repos.people.getMany(scopeOf(actor), [...ids]);
  return people
    .filter((p) => !hasLeft(p) && (includeSelf || p.id !== actor.person.id) && (!school || sameSchool(p.school, school)))
    .map((p) => placementOf(actor.organisation, p, evidence))
    .filter((p): p is TalentPlacement => p !== null)
    .sort((a, b) => a.person.displayName.localeCompare(b.person.displayName));
}

async function schoolsOf(ctx: UseCaseContext, actor: Actor): Promise<string[]> {
  const people = await ctx.repos.people.listActive(scopeOf(actor));
  const seen = new Map<string, string>();
  for (const p of people) if (p.school.trim()) seen.set(p.school.trim().toLowerCase(), p.school.trim());
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

/** The grid or the pool for the caller (403 unless a talent viewer), audited. */
export async function loadTalent(ctx: UseCaseContext, actor: Actor, which: 'pool' | 'grid', query: { school?: string; cycleId?: string }): Promise<TalentView> {
  const role = talentViewerRole(actor);
  if (!role) throw new DomainError('forbidden', 'The talent pool and grid are for senior leaders, PG administrators and recruitment only.');
  const cycle = await cycleAskedFor(ctx, actor.organisation, query.cycleId);
  const scope = schoolScope(actor, role, query.school, role === 'smt' ? [] : await schoolsOf(ctx, actor));
  const includeSelf = actor.organisation.policy.talent?.showOwnPlacement === true;
  const all = await placementsIn(ctx, actor, cycle, scope.school, includeSelf);
  const placements = all.filter((p) => (which === 'pool' ? p.flagged : p.onGrid));
  await audit(ctx, actor, `talent.${which}.read`, { kind: 'talent', id: cycle.id }, { cycleId: cycle.id, school: scope.school ?? null, as: role, people: placements.length });
  return { cycle, ...scope, placements };
}

/** The caller's own box, only where policy.talent.showOwnPlacement (404 otherwise), audited. */
export async function loadMyPlacement(ctx: UseCaseContext, actor: Actor, cycleId?: string): Promise<TalentPlacement | null> {
  if (actor.organisation.policy.talent?.showOwnPlacement !== true) throw new DomainError('notFound');
  const cycle = await cycleAskedFor(ctx, actor.organisation, cycleId);
  const evidence = await gatherEvidence(ctx, actor.organisation, cycle);
  const placement = placementOf(actor.organisation, actor.person, evidence);
  await audit(ctx, actor, 'talent.ownPlacement.read', { kind: 'talent', id: cycle.id }, { cycleId: cycle.id });
  return placement?.onGrid ? placement : null;
}

/** For the simulator and figures (no person reading, so not audited): how many are in the pool and on the grid. */
export async function talentCounts(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle): Promise<{ pool: number; grid: number; byBox: Record<string, number> }> {
  const evidence = await gatherEvidence(ctx, organisation, cycle);
  const ids = new Set([...evidence.impact.keys(), ...evidence.endOfYear.keys(), ...evidence.conversations.keys()]);
  const people = await ctx.repos.people.getMany({ organisationId: organisation.id }, [...ids]);
  const placements = people.filter((p) => !hasLeft(p)).flatMap((p) => placementOf(organisation, p, evidence) ?? []);
  const byBox: Record<string, number> = {};
  for (const p of placements) {
    const key = p.onGrid ? boxKey(p.performance, p.potential) : undefined;
    if (key) byBox[key] = (byBox[key] ?? 0) + 1;
  }
  return { pool: placements.filter((p) => p.flagged).length, grid: placements.filter((p) => p.onGrid).length, byBox };
}
