// Issue 13 through /api/v1 and the cards, as each person does it (none of it for a pack without
// policy.aspirationSurvey and policy.career):
//
//   aspiration survey (TSFE: 6–12 Feb): about 80% of the staff asked answer (GET /aspiration-survey
//     for the event, PUT /aspiration-survey/:eventId/response; one in four from the card in their
//     chat), half on the first day, most of the rest mid-week, a few after the reminder; about one
//     in six changes an answer a day or two later. Answers vary: promotion within 12 months / in
//     2–3 years / not now / unsure, and about one in six considering leaving (maybe or yes). After
//     it closes the PG administrator reads the analysis by school and by role.
//   career conversation (TSFE: 27 Mar – 2 Apr): each reviewer reads their reviewee's answers
//     (GET /people/:id/aspiration-survey) and records the 1:1 for every reviewee the scheduler
//     asked them about (PUT /people/:id/career-conversation, or the card's Record), with a route
//     that follows the answers: considering leaving → mostly "unsure", promotion within 12 months →
//     ready, 2–3 years → working towards, not now → not looking; no answers → drawn.
//   follow-ups: each route's tasks go to their owners (the reviewer, or the directory's recruitment
//     person); owners find them in GET /follow-ups and close about 70% with a note
//     (POST /follow-ups/:id/close, or the card's Close), the dated ones before they are due and the
//     end-of-cycle ones in July.
//
// Planned before the year runs with its own seeded randomness (the check-ins' and reviews' draws
// stay the same). Counted from our endpoints' answers; talentReport.ts sets them against the
// database and the PG administrator's analysis and talent pool.
import { DateTime } from 'luxon';
import type { CareerRoute, ScheduleEvent } from '../../../shared/domain';
import { careerConversationId } from '../../../shared/domain';
import { windowInstants } from '../../../shared/policy';
import { cycleIdFor } from '../../../bot/usecases/organisations';
import { TALENT_VERBS } from '../../../shared/verbs';
import { arg, inBatches, log, mulberry32 } from '../common';
import type { Moment, YearSim } from '../packs';
import { modelEligible, modelReviewer, TENANT, type World, type YearPerson } from './world';

type Answers = Record<string, string | string[]>;

export interface Respondent {
  person: YearPerson;
  answers: Answers;
  at: Date;
  /** A changed answer, a day or two later (still inside the window). */
  edit?: { at: Date; answers: Answers };
  done: { answered?: boolean; edited?: boolean };
}

export interface PlannedFollowUp {
  id: string;
  key: string;
  owner: YearPerson;
  ownerRole: string;
  stayInterview: boolean;
  atEndOfCycle: boolean;
  /** When its owner closes it; never, for about three in ten. */
  closeAt?: Date;
  closed?: boolean;
}

export interface Conversation {
  person: YearPerson;
  reviewer: YearPerson;
  route: CareerRoute;
  at: Date;
  followUps: PlannedFollowUp[];
  done?: boolean;
}

export interface TalentPlan {
  cycleId: string;
  survey: { event: ScheduleEvent; opensAt: Date; closesAt: Date; asked: YearPerson[]; respondents: Respondent[] } | null;
  career: { event: ScheduleEvent; opensAt: Date; eligible: YearPerson[]; conversations: Conversation[] } | null;
  recruitment?: YearPerson;
  answered: {
    surveyAnswers: number;
    surveyEdits: number;
    surveyByCard: number;
    /** Survey answers the reviewer read that were not what was saved. */
    answersSeenWrong: number;
    conversations: Record<string, number>;
    conversationsByCard: number;
    followUpsClosed: number;
    followUpsClosedByCard: number;
    /** GET /follow-ups as each owner: the ids seen (stay interviews among them). */
    followUpsSeen: Set<string>;
    stayInterviewsSeen: Set<string>;
    analysis?: Record<string, { eligible: number; responded: number; groups: number; mergedGroups: number; suppressedGroups: number }>;
  };
  problems: string[];
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function localAt(world: World, at: Date, days: number, time: string): Date {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return DateTime.fromJSDate(at, { zone: world.tz }).plus({ days }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

const isoDay = (world: World, at: Date) => DateTime.fromJSDate(at, { zone: world.tz }).toISODate()!;
const byCard = (p: YearPerson) => p.index % 4 === 1;

function eventFor(world: World, key: string | undefined, kind: string): ScheduleEvent | undefined {
  return world.events.find((e) => e.key === key && e.status === 'scheduled') ?? world.events.find((e) => e.kind === kind && e.status === 'scheduled');
}

/** Varied answers to the policy's questions (only the options it offers; text sometimes). */
function answersFor(world: World, random: () => number): Answers {
  const out: Answers = {};
  for (const q of world.policy.aspirationSurvey!.questions) {
    if (random() < 0.05) continue; // every question is optional
    const keys = q.options.map((o) => o.key);
    if (q.kind === 'text') {
      if (random() < 0.3) out[q.key] = 'Curriculum design and leading a small team.';
    } else if (q.kind === 'multi-choice') {
      out[q.key] = [...new Set([pick(random, keys), pick(random, keys)])];
    } else if (q.key === 'promotion') {
      const r = random();
      out[q.key] = keys[r < 0.2 ? 0 : r < 0.45 ? 1 : r < 0.85 ? 2 : 3] ?? pick(random, keys);
    } else if (q.key === 'considering-leaving') {
      const r = random();
      out[q.key] = keys[r < 0.8 ? 0 : r < 0.92 ? 1 : r < 0.97 ? 2 : 3] ?? pick(random, keys);
    } else out[q.key] = pick(random, keys);
  }
  return out;
}

/** The route a reviewer chooses, following the answers. */
function routeFor(routes: readonly CareerRoute[], answers: Answers | undefined, random: () => number): CareerRoute {
  const by = (potential: string) => routes.find((r) => r.potential === potential) ?? routes[0]!;
  const leaving = answers?.['considering-leaving'];
  if ((leaving === 'maybe' || leaving === 'yes') && random() < 0.85) return by('unknown');
  switch (answers?.['promotion']) {
    case 'within-12-months':
      return by('high');
    case 'in-2-3-years':
      return by('medium');
    case 'not-now':
      return by('low');
    case 'unsure':
      return by('unknown');
    default:
      return pick(random, routes);
  }
}

/** The directory's recruitment person (world.ts gives one where the policy has career conversations). */
export function recruitmentPerson(world: World): YearPerson | undefined {
  return world.people.find((p) => p.recruitment);
}

export function planTalent(sim: YearSim): TalentPlan | null {
  const { world } = sim;
  const rules = world.policy.career;
  if (!world.policy.aspirationSurvey || !rules) return null;
  const random = mulberry32(Number(arg('seed', '7')) * 37 + 13);
  const plan: TalentPlan = {
    cycleId: cycleIdFor(TENANT, world.pack.cycle.key),
    survey: null,
    career: null,
    recruitment: recruitmentPerson(world),
    answered: { surveyAnswers: 0, surveyEdits: 0, surveyByCard: 0, answersSeenWrong: 0, conversations: {}, conversationsByCard: 0, followUpsClosed: 0, followUpsClosedByCard: 0, followUpsSeen: new Set(), stayInterviewsSeen: new Set() },
    problems: [],
  };
  const surveyEvent = eventFor(world, world.policy.aspirationSurvey.eventKey, 'aspiration-survey');
  const answersOf = new Map<YearPerson, Answers>();
  if (surveyEvent) {
    const { opensAt, closesAt } = windowInstants(surveyEvent, world.tz);
    const asked = world.people.filter((p) => modelEligible(world, p, opensAt));
    const respondents: Respondent[] = [];
    for (const person of asked) {
      if (random() >= 0.8) continue;
      const when = random();
      const at = when < 0.5 ? localAt(world, opensAt, 0, '16:00') : when < 0.9 ? localAt(world, opensAt, 3, '19:00') : localAt(world, closesAt, -1, '20:00');
      const answers = answersFor(world, random);
      answersOf.set(person, answers);
      const r: Respondent = { person, answers, at, done: {} };
      if (random() < 0.17 && at < localAt(world, closesAt, -2, '12:00')) {
        const changed = { ...answers, promotion: answers['promotion'] === 'within-12-months' ? 'in-2-3-years' : 'within-12-months' };
        r.edit = { at: localAt(world, at, 1, '21:00'), answers: changed };
        answersOf.set(person, changed);
      }
      respondents.push(r);
    }
    plan.survey = { event: surveyEvent, opensAt, closesAt, asked, respondents };
  }
  const careerEvent = eventFor(world, rules.eventKey, 'career-conversation');
  if (careerEvent) {
    const { opensAt } = windowInstants(careerEvent, world.tz);
    const eligible = world.people.filter((p) => modelEligible(world, p, opensAt) && modelReviewer(world, p));
    const conversations: Conversation[] = eligible.map((person) => {
      const reviewer = modelReviewer(world, person)!;
      const route = routeFor(rules.routes, answersOf.get(person), random);
      const at = random() < 0.6 ? localAt(world, opensAt, 0, '12:00') : localAt(world, opensAt, 4, '12:00');
      const id = careerConversationId(plan.cycleId, person.personId!);
      const followUps = route.followUps.flatMap((step): PlannedFollowUp[] => {
        const owner = step.owner === 'reviewer' ? reviewer : step.owner === 'reviewee' ? person : step.owner === 'recruitment' ? (plan.recruitment ?? world.admin) : world.admin;
        const closeAt = random() < 0.7 ? (step.atEndOfCycle ? localAt(world, opensAt, 105, '11:00') : localAt(world, at, Math.max(1, Math.min(10, step.dueDays - 2)), '11:00')) : undefined;
        return [{ id: `${id}:${step.key}`, key: step.key, owner, ownerRole: step.owner, stayInterview: step.stayInterview, atEndOfCycle: step.atEndOfCycle, closeAt }];
      });
      return { person, reviewer, route, at, followUps };
    });
    plan.career = { event: careerEvent, opensAt, eligible, conversations };
  }
  return plan;
}


export function talentMoments(sim: YearSim, plan: TalentPlan): Moment[] {
  const { world } = sim;
  const moments: Moment[] = [];
  const s = plan.survey;
  if (s) {
    const times = [...new Set(s.respondents.map((r) => r.at.getTime()))].sort((a, b) => a - b);
    for (const t of times) {
      const who = s.respondents.filter((r) => r.at.getTime() === t);
      moments.push({ at: new Date(t), label: `aspiration survey: ${who.length} answer`, run: () => answer(sim, plan, who, false) });
    }
    const edits = [...new Set(s.respondents.filter((r) => r.edit).map((r) => r.edit!.at.getTime()))].sort((a, b) => a - b);
    for (const t of edits) {
      const who = s.respondents.filter((r) => r.edit?.at.getTime() === t);
      moments.push({ at: new Date(t), label: `aspiration survey: ${who.length} change their answers`, run: () => answer(sim, plan, who, true) });
    }
    moments.push({ at: localAt(world, s.closesAt, 1, '10:00'), label: 'aspiration survey: the analysis', run: () => analysis(sim, plan) });
  }
  const c = plan.career;
  if (c) {
    const times = [...new Set(c.conversations.map((x) => x.at.getTime()))].sort((a, b) => a - b);
    for (const t of times) {
      const who = c.conversations.filter((x) => x.at.getTime() === t);
      moments.push({ at: new Date(t), label: `career conversations: ${who.length} recorded`, run: () => record(sim, plan, who) });
    }
    const closes = [...new Set(c.conversations.flatMap((x) => x.followUps.filter((f) => f.closeAt).map((f) => f.closeAt!.getTime())))].sort((a, b) => a - b);
    for (const t of closes) {
      moments.push({ at: new Date(t), label: 'follow-ups: owners close theirs', run: () => closeFollowUps(sim, plan, new Date(t)) });
    }
  }
  return moments;
}

// ── What each person does ────────────────────────────────────────────────────────────────────

/** The answers as the card's inputs: q_<key>, a multi-select as "a,b". */
function cardInputs(answers: Answers): Record<string, string> {
  return Object.fromEntries(Object.entries(answers).map(([k, v]) => [`q_${k}`, Array.isArray(v) ? v.join(',') : v]));
}

async function answer(sim: YearSim, plan: TalentPlan, who: Respondent[], edit: boolean): Promise<void> {
  await sim.settle('aspiration survey: tick');
  await inBatches(who, 20, async (r) => {
    if (edit && !r.done.answered) return;
    const answers = edit ? r.edit!.answers : r.answers;
    // The tab: the open survey and my answers so far.
    const mine = await sim.api.call(r.person, 'GET', '/aspiration-survey');
    if (mine.status !== 200) return;
    const eventId = mine.body.survey?.eventId as string | undefined;
    if (!eventId || !mine.body.canEdit) {
      plan.problems.push(`aspiration survey: ${r.person.name} cannot answer (${String(mine.body.notice ?? 'no open survey')})`);
      return;
    }
    if (edit !== Boolean(mine.body.mine)) plan.problems.push(`aspiration survey: ${r.person.name}'s saved answers are ${mine.body.mine ? 'there' : 'missing'} before ${edit ? 'changing' : 'answering'}`);
    let ok = false;
    if (byCard(r.person)) {
      const res = await sim.poster.invoke(r.person, TALENT_VERBS.answerSurvey, { eventId, ...cardInputs(answers) });
      const json = JSON.stringify(res.body ?? '');
      ok = res.status === 200 && json.includes('Saved') && !json.includes('Please check');
      if (!ok) {
        sim.poster.errors += 1;
        log(`error: survey card as ${r.person.name} → ${res.status} ${json.slice(0, 300)}`);
      } else if (!edit) plan.answered.surveyByCard += 1;
    } else {
      const res = await sim.api.call(r.person, 'PUT', `/aspiration-survey/${encodeURIComponent(eventId)}/response`, { answers });
      ok = res.status === (edit ? 200 : 201);
      if ((res.status === 200 || res.status === 201) && !ok) plan.problems.push(`aspiration survey: ${r.person.name}'s ${edit ? 'change' : 'first answer'} answered ${res.status}`);
    }
    if (!ok) return;
    if (edit) {
      r.done.edited = true;
      plan.answered.surveyEdits += 1;
    } else {
      r.done.answered = true;
      plan.answered.surveyAnswers += 1;
    }
  });
  await sim.settle('aspiration survey: answers');
}

async function analysis(sim: YearSim, plan: TalentPlan): Promise<void> {
  await sim.settle('aspiration survey: closed');
  plan.answered.analysis = {};
  for (const by of ['school', 'roleCategory']) {
    const res = await sim.api.call(sim.world.admin, 'GET', `/aspiration-survey/analysis?by=${by}&eventId=${encodeURIComponent(plan.survey!.event.id)}`);
    if (res.status !== 200) continue;
    const b = res.body;
    plan.answered.analysis[by] = { eligible: b.trust.eligible, responded: b.trust.responded, groups: b.groups.length, mergedGroups: b.mergedGroups, suppressedGroups: b.suppressedGroups };
  }
}

async function record(sim: YearSim, plan: TalentPlan, who: Conversation[]): Promise<void> {
  await sim.settle('career conversations: tick');
  const today = isoDay(sim.world, sim.harness.clock.now);
  const answersOf = new Map((plan.survey?.respondents ?? []).filter((r) => r.done.answered).map((r) => [r.person, r.done.edited ? r.edit!.answers : r.answers]));
  await inBatches(who, 10, async (x) => {
    const pid = encodeURIComponent(x.person.personId!);
    // The reviewer reads the survey answers before the 1:1, as the tab shows them.
    const seen = await sim.api.call(x.reviewer, 'GET', `/people/${pid}/aspiration-survey`);
    if (seen.status === 200) {
      const saved = answersOf.get(x.person);
      const got = seen.body.answers?.answers as Answers | undefined;
      if (JSON.stringify(saved ?? null) !== JSON.stringify(got ?? null) && !sameAnswers(saved, got)) plan.answered.answersSeenWrong += 1;
    }
    const view = await sim.api.call(x.reviewer, 'GET', `/people/${pid}/career-conversation`);
    if (view.status !== 200) return;
    if (!view.body.canRecord) plan.problems.push(`career: ${x.reviewer.name} may not record ${x.person.name}'s conversation`);
    const content = { route: x.route.key, meetingOn: today, notes: `Talked through ${x.person.name}'s next steps.` };
    let ok = false;
    if (byCard(x.person)) {
      const res = await sim.poster.invoke(x.reviewer, TALENT_VERBS.recordCareer, { personId: x.person.personId!, cycleId: plan.cycleId, card: 'reviewer', ...content });
      const json = JSON.stringify(res.body ?? '');
      ok = res.status === 200 && json.includes('Recorded: ') && !json.includes('Please check');
      if (!ok) {
        sim.poster.errors += 1;
        log(`error: career card for ${x.person.name} as ${x.reviewer.name} → ${res.status} ${json.slice(0, 300)}`);
      } else plan.answered.conversationsByCard += 1;
    } else ok = (await sim.api.call(x.reviewer, 'PUT', `/people/${pid}/career-conversation`, content)).status === 200;
    if (!ok) return;
    x.done = true;
    plan.answered.conversations[x.route.key] = (plan.answered.conversations[x.route.key] ?? 0) + 1;
  });
  await sim.settle('career conversations: recorded');
}

function sameAnswers(a: Answers | undefined, b: Answers | undefined): boolean {
  if (!a || !b) return !a && !b;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => JSON.stringify([a[k]].flat().sort()) === JSON.stringify([b[k]].flat().sort()));
}

/** Each owner with a task to close now opens their list, then closes those with a note. */
async function closeFollowUps(sim: YearSim, plan: TalentPlan, at: Date): Promise<void> {
  await sim.settle('follow-ups: tick');
  const due = plan.career!.conversations.filter((x) => x.done).flatMap((x) => x.followUps.filter((f) => f.closeAt?.getTime() === at.getTime() && !f.closed));
  const byOwner = new Map<YearPerson, PlannedFollowUp[]>();
  for (const f of due) byOwner.set(f.owner, [...(byOwner.get(f.owner) ?? []), f]);
  await inBatches([...byOwner.entries()], 10, async ([owner, theirs]) => {
    const list = await sim.api.call(owner, 'GET', '/follow-ups');
    if (list.status !== 200) return;
    const open = new Map<string, { canClose: boolean; status: string; stayInterview: boolean }>((list.body.followUps as Array<{ id: string; canClose: boolean; status: string; stayInterview: boolean }>).map((f) => [f.id, f]));
    for (const f of theirs) {
      const shown = open.get(f.id);
      if (!shown || shown.status !== 'open' || !shown.canClose) {
        plan.problems.push(`follow-ups: ${owner.name}'s list ${shown ? `shows ${f.id} ${shown.status}, canClose ${shown.canClose}` : `lacks ${f.id}`}`);
        continue;
      }
      const note = f.stayInterview ? 'Stay interview held; actions agreed.' : 'Done: discussed and booked.';
      let ok = false;
      if (byCard(owner)) {
        const res = await sim.poster.invoke(owner, TALENT_VERBS.closeFollowUp, { followUpId: f.id, card: 'follow-up', note });
        const json = JSON.stringify(res.body ?? '');
        ok = res.status === 200 && json.includes('Closed. Thank you.');
        if (!ok) {
          sim.poster.errors += 1;
          log(`error: follow-up card ${f.id} as ${owner.name} → ${res.status} ${json.slice(0, 300)}`);
        } else plan.answered.followUpsClosedByCard += 1;
      } else ok = (await sim.api.call(owner, 'POST', `/follow-ups/${encodeURIComponent(f.id)}/close`, { note })).status === 200;
      if (!ok) continue;
      f.closed = true;
      plan.answered.followUpsClosed += 1;
    }
  });
  await sim.settle('follow-ups: closed');
}

/** At the end: every owner's GET /follow-ups (what they see, and the stay interviews flagged). */
export async function ownersLook(sim: YearSim, plan: TalentPlan): Promise<void> {
  const owners = [...new Set((plan.career?.conversations ?? []).flatMap((x) => x.followUps.map((f) => f.owner)))];
  await inBatches(owners, 10, async (owner) => {
    const list = await sim.api.call(owner, 'GET', '/follow-ups');
    if (list.status !== 200) return;
    for (const f of list.body.followUps as Array<{ id: string; stayInterview: boolean }>) {
      plan.answered.followUpsSeen.add(f.id);
      if (f.stayInterview) plan.answered.stayInterviewsSeen.add(f.id);
    }
  });
}
