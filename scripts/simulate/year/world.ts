// The simulated trust for a year: a directory shaped by the policy pack (line managers who review;
// coaches too where the pack's reviewer rule names coaches; a few people the policy leaves out, e.g.
// ECTs; two starters who join mid-year, one on a check-in's opening day, one during a window), set up through the same use cases `npm start` uses, and
// the simulation's own model of who should be prompted when, kept apart from the app's rules so
// that the two can be compared.
import { DateTime } from 'luxon';
import type { Harness, SimPerson } from '../common';
import { inBatches, log, Poster } from '../common';
import { windowInstants, type PolicyPack } from '../../../shared/policy';
import type { Policy, ScheduleEvent } from '../../../shared/domain';
import { cycleIdFor, ensureOrganisation } from '../../../bot/usecases/organisations';
import { importDirectory, parseDirectoryFile } from '../../../bot/usecases/directory';

export const TENANT = 'sim-tenant-0000-0000-000000000002';

export interface YearPerson extends SimPerson {
  coachIndex?: number;
  /** Left out of the process by the policy (an excluded role category, or status excluded). */
  excluded: boolean;
  roleCategory: string;
  /** A starter: not prompted before this calendar date (policy time zone). */
  startedOn?: string;
  school: string;
  /** A member of their school's senior management team (the TSFE end-of-year decider). */
  smt: boolean;
  /**
   * When the simulated year pauses their professional growth (a support plan, issue 12): from the
   * moment the reviewer records the outcome to the moment the plan is recorded as a success (no
   * end: paused to the end of the year). Planned before the year runs (year/reviews.ts).
   */
  pauses: Array<{ from: Date; to?: Date }>;
  /** Holds the 'recruitment' role (issue 13: the career routes' talent-mapping tasks go to them). */
  recruitment?: boolean;
}

export interface World {
  pack: PolicyPack;
  policy: Policy;
  tz: string;
  people: YearPerson[];
  admin: YearPerson;
  byPersonId: Map<string, YearPerson>;
  /** The organisation's events as stored, in opening order. */
  events: ScheduleEvent[];
}

/** Who reviews `p` under the pack's rule, in the simulation's own model. */
export function modelReviewer(world: Pick<World, 'policy' | 'people'>, p: YearPerson): YearPerson | undefined {
  const rule = world.policy.reviewers.reviewedBy;
  const index = rule === 'line-manager' ? p.reviewerIndex : rule === 'coach' ? p.coachIndex : (p.coachIndex ?? p.reviewerIndex);
  return index === undefined || index === p.index ? undefined : world.people[index];
}

/** Whether the model expects `p` to take part at `at`: not left out, and started by that date. */
export function modelEligible(world: Pick<World, 'tz'>, p: YearPerson, at: Date): boolean {
  if (p.excluded) return false;
  if (p.pauses.some((pause) => at >= pause.from && (!pause.to || at < pause.to))) return false;
  if (!p.startedOn) return true;
  return DateTime.fromJSDate(at, { zone: world.tz }).toISODate()! >= p.startedOn;
}

export function usesCoaches(policy: Policy): boolean {
  return policy.reviewers.reviewedBy !== 'line-manager';
}

/**
 * One in ten reviews (line managers, reporting to person 0); where the rule names coaches, another
 * one in ten coaches, never their coachee's line manager. One in 25 of the rest is left out (the
 * policy's first excluded role category, e.g. ECT); the last two people start on `startersOn`.
 * Four schools by index (School 0..3). Where the policy has reviews (issue 12): each school has an
 * SMT member (a line manager where one is in that school, who reviews only some of its staff), and
 * three people just before the starters work in a small fifth school of their own (School 4, no
 * SMT), as a trust's tiny school does (issue 13's groups too small to report).
 */
export function yearDirectory(staff: number, policy: Policy, startersOn: readonly string[]): YearPerson[] {
  const leaders = Math.max(1, Math.round(staff / 10));
  const coaches = usesCoaches(policy) ? leaders : 0;
  const excludedCategory = policy.exclusions.roleCategories[0];
  const people: YearPerson[] = [];
  for (let i = 0; i < staff; i++) {
    const ordinary = i >= leaders + coaches;
    const excluded = ordinary && (i - leaders - coaches) % 25 === 12;
    people.push({
      index: i,
      name: `Staff Member ${String(i).padStart(4, '0')}`,
      email: `staff${i}@trust.example`,
      oid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      teamsUserId: `29:sim-${i}`,
      reviewerIndex: i === 0 ? undefined : i < leaders ? 0 : i % leaders,
      coachIndex: coachOf(i, leaders, coaches),
      excluded,
      roleCategory: excluded && excludedCategory ? excludedCategory : i < leaders ? 'leader' : 'teacher',
      startedOn: ordinary && !excluded && i >= staff - startersOn.length ? startersOn[staff - 1 - i] : undefined,
      school: `School ${i % 4}`,
      smt: false,
      pauses: [],
    });
  }
  if (policy.reviews) withSchoolLeadsAndASmallSchool(people, leaders);
  // Issue 13: one person in the recruitment team, an ordinary member of staff.
  const recruiter = policy.career ? people.find((p) => p.index >= leaders + coaches && !p.excluded && !p.startedOn && !p.smt && p.school !== 'School 4') : undefined;
  if (recruiter) recruiter.recruitment = true;
  return people;
}

function withSchoolLeadsAndASmallSchool(people: YearPerson[], leaders: number): void {
  const ordinary = (p: YearPerson) => p.index > 0 && !p.excluded && !p.startedOn;
  for (let school = 0; school < 4; school++) {
    const inSchool = people.filter((p) => ordinary(p) && p.index % 4 === school);
    const lead = inSchool.find((p) => p.index < leaders) ?? inSchool[0];
    if (lead) lead.smt = true;
  }
  const small = people.filter((p) => ordinary(p) && !p.smt && p.index >= leaders).slice(-3);
  if (small.length === 3) for (const p of small) p.school = 'School 4';
}

/** Coaches are people leaders..leaders+coaches-1; a coach is coached by the next coach along. */
function coachOf(i: number, leaders: number, coaches: number): number | undefined {
  if (coaches === 0) return undefined;
  const coach = leaders + (i % coaches);
  return coach === i ? leaders + ((i + 1) % coaches) : coach;
}

function directoryCsv(people: YearPerson[], policy: Policy): string {
  const excludedCategory = policy.exclusions.roleCategories[0];
  const email = (i: number | undefined) => (i === undefined ? '' : people[i]!.email);
  const rows = people.map((p) => {
    // Without an excluded role category in the policy, the left-out people are marked excluded.
    const status = p.excluded && !excludedCategory ? 'excluded' : '';
    const roles = [p.index === 0 ? 'pg-admin' : '', p.smt ? 'smt' : '', p.recruitment ? 'recruitment' : ''].filter(Boolean).join(';');
    return [p.name, p.email, p.oid, p.school, p.roleCategory, email(p.reviewerIndex), email(p.coachIndex), roles, status].join(',');
  });
  return ['name,email,entraObjectId,school,role,reviewer,coach,roles,status', ...rows].join('\n');
}

/**
 * Two starters: one joins the day the middle numbered check-in opens (so is asked for it), one the
 * day after the next one opens (so is not asked for that one, only for those after it).
 */
export function starterDates(pack: PolicyPack): string[] {
  const checkIns = pack.cycle.events.filter((e) => e.kind === 'check-in').sort((a, b) => a.window.opens.localeCompare(b.window.opens));
  const middle = Math.floor(checkIns.length / 2);
  const opening = (i: number) => (checkIns[Math.min(i, checkIns.length - 1)] ?? pack.cycle.events[0]!).window.opens.slice(0, 10);
  return [opening(middle), DateTime.fromISO(opening(middle + 1)).plus({ days: 1 }).toISODate()!];
}

/** The organisation from the pack, its directory, the starter's date, and everyone's install. */
export async function setUpWorld(harness: Harness, poster: Poster, pack: PolicyPack, staff: number): Promise<World> {
  const { runtime } = harness;
  const org = { organisationId: TENANT };
  await ensureOrganisation(runtime.ctx, { organisationId: TENANT, policyId: pack.policy.id, adminObjectIds: [] });
  const people = yearDirectory(staff, pack.policy, starterDates(pack));
  await importDirectory(runtime.ctx, TENANT, parseDirectoryFile(directoryCsv(people, pack.policy), 'csv'));
  for (const p of people) p.personId = (await runtime.repos.people.findByEntraObjectId(org, p.oid))!.id;
  // The directory file carries no start date (yet): the starters' are set as HR would have them.
  for (const p of people.filter((x) => x.startedOn)) {
    const stored = (await runtime.repos.people.get(org, p.personId!))!;
    await runtime.repos.people.upsertMany(org, [{ ...stored, startedOn: p.startedOn, updatedAt: runtime.ctx.now() }]);
  }
  await inBatches(people, 20, (p) => poster.post(p, { type: 'installationUpdate', action: 'add' }));
  // The pack's cycle, by its id (which cycle is current is the app's business, by date).
  const cycle = await runtime.repos.cycles.get(org, cycleIdFor(TENANT, pack.cycle.key));
  if (!cycle) throw new Error(`the ${pack.policy.id} organisation has no ${pack.cycle.key} cycle`);
  const events = (await runtime.repos.scheduleEvents.list(org, cycle.id)).sort(
    (a, b) => windowInstants(a, pack.policy.timezone).opensAt.getTime() - windowInstants(b, pack.policy.timezone).opensAt.getTime(),
  );
  const excluded = people.filter((p) => p.excluded).length;
  log(`${pack.policy.id}: ${staff} staff (${excluded} left out by the policy, starters on ${starterDates(pack).join(' and ')}) installed; ${events.length} events from ${cycle.startsOn} to ${cycle.endsOn}`);
  return { pack, policy: pack.policy, tz: pack.policy.timezone, people, admin: people[0]!, byPersonId: new Map(people.map((p) => [p.personId!, p])), events };
}
