// Issue 13's part of the year's JSON line: what our endpoints answered as the simulated staff
// answered the aspiration survey, recorded career conversations and closed follow-ups (plan.answered),
// set against the database (survey responses, conversations, follow-ups, the messages queued and
// sent), the PG administrator's survey analysis and talent pool (GET /talent/pool against the
// use case's talentCounts), and the simulation's own model. Every mismatch is a problem.
import { DateTime } from 'luxon';
import { loadOrganisation } from '../../../bot/usecases/checkIns';
import { talentCounts } from '../../../bot/usecases/talent';
import { TALENT_VERBS } from '../../../shared/verbs';
import type { YearSim } from '../packs';
import { ownersLook, type TalentPlan } from './talent';
import { modelEligible, TENANT, type YearPerson } from './world';

type Doc = Record<string, unknown>;
const add = (m: Record<string, number>, k: string, n = 1) => void (m[k] = (m[k] ?? 0) + n);
const sorted = (m: Record<string, number>) => JSON.stringify(Object.fromEntries(Object.entries(m).sort(([a], [b]) => a.localeCompare(b))));

/** The issue-13 messages in the outbox: by kind:reason, recipients of each, and any not done. */
async function messages(sim: YearSim) {
  const jobs = (await sim.harness.runtime.db.collection('outboxJobs').find({ organisationId: TENANT, kind: 'bot-message' }).toArray()) as Doc[];
  const byReason: Record<string, number> = {};
  const recipients = new Map<string, Set<string>>();
  let notSent = 0;
  for (const job of jobs) {
    const payload = (job.payload ?? {}) as Doc;
    const message = (payload.message ?? {}) as Doc;
    if (!['aspiration-survey', 'career-conversation', 'follow-up'].includes(String(message.kind))) continue;
    const key = `${String(message.kind)}:${String(message.reason)}${message.audience ? `:${String(message.audience)}` : ''}`;
    add(byReason, key);
    recipients.set(key, (recipients.get(key) ?? new Set()).add(String(payload.recipientPersonId)));
    if (job.state !== 'done') notSent += 1;
  }
  return { byReason, recipients, notSent };
}

/** Survey and career cards sent twice to the same chat (the same activity, new messages only). */
function duplicateCards(sim: YearSim): number {
  const verbs = Object.values(TALENT_VERBS).filter((v) => !v.startsWith('sample.'));
  const seen = new Set<string>();
  let duplicates = 0;
  for (const send of sim.harness.connector.sent) {
    if (send.kind === 'update') continue;
    const json = JSON.stringify(send.activity);
    if (!verbs.some((v) => json.includes(`"${v}"`))) continue;
    const key = `${send.conversationId}|${json}`;
    if (seen.has(key)) duplicates += 1;
    seen.add(key);
  }
  return duplicates;
}

/** The analysis's rule in the model: schools under the minimum combined, or hidden if still too few. */
function expectedGroups(respondents: YearPerson[], min: number): { merged: number; suppressed: number } {
  const bySchool: Record<string, number> = {};
  for (const p of respondents) add(bySchool, p.school);
  const small = Object.values(bySchool).filter((n) => n < min);
  if (small.length === 0) return { merged: 0, suppressed: 0 };
  const combined = small.reduce((a, b) => a + b, 0);
  return combined >= min ? { merged: small.length, suppressed: 0 } : { merged: 0, suppressed: small.length };
}

async function surveyPart(sim: YearSim, plan: TalentPlan, msgs: Awaited<ReturnType<typeof messages>>, problems: string[]) {
  const s = plan.survey!;
  const { world } = sim;
  const org = { organisationId: TENANT };
  const problem = (t: string) => problems.push(`aspiration survey: ${t}`);
  const stored = await sim.harness.runtime.repos.talent.surveyResponses.find(org, { eventId: s.event.id });
  const answered = s.respondents.filter((r) => r.done.answered);
  const duplicates = stored.length - new Set(stored.map((r) => r.personId)).size;
  if (stored.length !== plan.answered.surveyAnswers) problem(`${stored.length} responses stored, ${plan.answered.surveyAnswers} answered`);
  const byPerson = new Map(stored.map((r) => [r.personId, r]));
  const wrong = answered.filter((r) => {
    const got = byPerson.get(r.person.personId!)?.answers ?? {};
    const want = r.done.edited ? r.edit!.answers : r.answers;
    return JSON.stringify(Object.keys(got).sort().map((k) => [k, got[k]])) !== JSON.stringify(Object.keys(want).sort().map((k) => [k, want[k]]));
  }).length;
  if (wrong) problem(`${wrong} stored responses differ from the answers given`);
  if (plan.answered.answersSeenWrong) problem(`${plan.answered.answersSeenWrong} reviewers saw answers that differ from those saved`);
  const edited = stored.filter((r) => r.updatedAt.getTime() !== r.createdAt.getTime()).length;
  if (edited !== plan.answered.surveyEdits) problem(`${edited} responses changed in the database, ${plan.answered.surveyEdits} changes answered`);
  // Messages: everyone asked when it opened had the card; the reminder went to those asked who had not answered by 09:00 on its day.
  const openedTo = msgs.recipients.get('aspiration-survey:opened') ?? new Set<string>();
  const missing = s.asked.filter((p) => !openedTo.has(p.personId!)).length;
  if (missing) problem(`${missing} of the ${s.asked.length} people asked had no survey card`);
  const closesDay = DateTime.fromJSDate(s.closesAt, { zone: world.tz }).toISODate()!;
  const remindAt = DateTime.fromISO(closesDay, { zone: world.tz }).minus({ days: world.policy.aspirationSurvey!.reminderDaysBefore }).set({ hour: 9 }).toJSDate();
  const answeredBefore = new Set(answered.filter((r) => r.at < remindAt).map((r) => r.person));
  const expectedReminders = remindAt > s.opensAt ? world.people.filter((p) => modelEligible(world, p, remindAt) && !answeredBefore.has(p)).length : 0;
  const reminded = msgs.byReason['aspiration-survey:reminder'] ?? 0;
  if (reminded !== expectedReminders) problem(`${reminded} reminders, the model expects ${expectedReminders}`);
  // The analysis (as the PG administrator read it the day after it closed).
  const a = plan.answered.analysis?.school;
  const eligibleAtClose = new Set([...world.people.filter((p) => modelEligible(world, p, s.closesAt)), ...answered.map((r) => r.person)]).size;
  const min = world.policy.reports?.minGroupSize ?? 5;
  const want = expectedGroups(answered.map((r) => r.person), min);
  if (!a) problem('the PG administrator could not read the analysis');
  else {
    if (a.responded !== answered.length) problem(`the analysis counts ${a.responded} responses, ${answered.length} answered`);
    if (a.eligible !== eligibleAtClose) problem(`the analysis counts ${a.eligible} eligible, the model ${eligibleAtClose}`);
    if (a.suppressedGroups !== want.suppressed || a.mergedGroups !== want.merged) problem(`the analysis merged ${a.mergedGroups} and hid ${a.suppressedGroups} schools; the model expects ${want.merged} and ${want.suppressed}`);
    const roles = plan.answered.analysis?.roleCategory;
    if (roles && roles.responded !== answered.length) problem(`the analysis by role counts ${roles.responded} responses`);
  }
  return {
    counters: {
      aspirationResponses: { asked: s.asked.length, answered: plan.answered.surveyAnswers, edited: plan.answered.surveyEdits, byCard: plan.answered.surveyByCard, reminded, stored: stored.length },
      suppressedGroups: a?.suppressedGroups ?? null,
      mergedGroups: a?.mergedGroups ?? null,
    },
    duplicates,
  };
}

async function careerPart(sim: YearSim, plan: TalentPlan, msgs: Awaited<ReturnType<typeof messages>>, problems: string[]) {
  const c = plan.career!;
  const org = { organisationId: TENANT };
  const problem = (t: string) => problems.push(`career: ${t}`);
  const { talent } = sim.harness.runtime.repos;
  const stored = await talent.careerConversations.find(org, { cycleId: plan.cycleId });
  const byRoute: Record<string, number> = {};
  for (const x of stored) add(byRoute, x.route);
  if (sorted(byRoute) !== sorted(plan.answered.conversations)) problem(`conversations by route ${sorted(byRoute)} stored, ${sorted(plan.answered.conversations)} recorded`);
  const done = c.conversations.filter((x) => x.done);
  if (done.length !== c.conversations.length) problem(`${c.conversations.length - done.length} of ${c.conversations.length} conversations not recorded`);
  const wrongRoute = done.filter((x) => stored.find((s) => s.personId === x.person.personId)?.route !== x.route.key).length;
  if (wrongRoute) problem(`${wrongRoute} conversations stored with another route`);
  const asked = msgs.recipients.get('career-conversation:opened:reviewer')?.size ?? 0;
  const cards = msgs.byReason['career-conversation:opened:reviewer'] ?? 0;
  if (cards !== c.conversations.length) problem(`${cards} reviewer cards (to ${asked} reviewers), the model expects one per eligible reviewee: ${c.conversations.length}`);
  const told = msgs.byReason['career-conversation:recorded:reviewee'] ?? 0;
  if (told !== done.length) problem(`${told} reviewees told of their record, ${done.length} recorded`);
  // Follow-ups.
  const followUps = await talent.followUps.find(org, { cycleId: plan.cycleId });
  const planned = done.flatMap((x) => x.followUps);
  const duplicates = followUps.length - new Set(followUps.map((f) => `${f.conversationId}|${f.key}`)).size + (stored.length - new Set(stored.map((s) => s.personId)).size);
  if (followUps.length !== planned.length) problem(`${followUps.length} follow-ups stored, the routes recorded set ${planned.length} going`);
  const closed = followUps.filter((f) => f.status === 'closed');
  if (closed.length !== plan.answered.followUpsClosed) problem(`${closed.length} follow-ups closed in the database, ${plan.answered.followUpsClosed} closed by their owners`);
  const noNote = closed.filter((f) => !f.closedNote || !f.closedById).length;
  if (noNote) problem(`${noNote} closed follow-ups without a note or who closed them`);
  const byOwnerRole: Record<string, number> = {};
  for (const f of followUps) add(byOwnerRole, f.ownerRole);
  const recruitmentTo = msgs.recipients.get('follow-up:assigned');
  const recruiter = plan.recruitment;
  if (byOwnerRole.recruitment && recruiter && !recruitmentTo?.has(recruiter.personId!)) problem(`the recruitment person ${recruiter.name} was not told of a recruitment task`);
  await ownersLook(sim, plan);
  const unseen = followUps.filter((f) => !plan.answered.followUpsSeen.has(f.id)).length;
  if (unseen) problem(`${unseen} follow-ups not in their owners' GET /follow-ups`);
  const stay = followUps.filter((f) => f.stayInterview);
  const stayModel = planned.filter((f) => f.stayInterview).length;
  if (stay.length !== stayModel || plan.answered.stayInterviewsSeen.size !== stay.length) problem(`${stay.length} stay interviews stored, ${stayModel} in the model, ${plan.answered.stayInterviewsSeen.size} flagged in the owners' lists`);
  return {
    counters: {
      careerConversations: { ...byRoute, byCard: plan.answered.conversationsByCard },
      followUps: { opened: followUps.length, closed: closed.length, closedByCard: plan.answered.followUpsClosedByCard, byOwner: byOwnerRole, reminders: msgs.byReason['follow-up:reminder'] ?? 0 },
      stayInterviews: stay.length,
      stayInterviewsClosed: stay.filter((f) => f.status === 'closed').length,
    },
    duplicates,
  };
}

/** The talent pool as the PG administrator reads it, against the use case's own count and the routes recorded. */
async function poolPart(sim: YearSim, plan: TalentPlan, problems: string[]) {
  const { runtime } = sim.harness;
  const organisation = await loadOrganisation(runtime.ctx, TENANT);
  const cycle = (await runtime.repos.cycles.get({ organisationId: TENANT }, plan.cycleId))!;
  const counts = await talentCounts(runtime.ctx, organisation, cycle);
  const res = await sim.api.call(sim.world.admin, 'GET', `/talent/pool?cycleId=${encodeURIComponent(plan.cycleId)}`);
  const ids = new Set(res.status === 200 ? (res.body.people as Array<{ id: string }>).map((p) => p.id) : []);
  if (res.status === 200 && ids.size !== counts.pool) problems.push(`talent: GET /talent/pool lists ${ids.size}, the pool holds ${counts.pool}`);
  const flaggedByRoute = (plan.career?.conversations ?? []).filter((x) => x.done && (x.route.potential === 'high' || x.route.potential === 'medium'));
  const absent = flaggedByRoute.filter((x) => !ids.has(x.person.personId!)).length;
  if (absent) problems.push(`talent: ${absent} of the ${flaggedByRoute.length} people on a high- or medium-potential route are not in the pool`);
  return { talentPool: ids.size, talentGrid: counts.grid };
}

export async function talentReport(sim: YearSim, plan: TalentPlan): Promise<{ counters: Record<string, unknown>; problems: string[]; duplicates: number }> {
  const problems = [...plan.problems];
  const msgs = await messages(sim);
  if (msgs.notSent) problems.push(`${msgs.notSent} survey/career messages not sent`);
  const survey = plan.survey ? await surveyPart(sim, plan, msgs, problems) : { counters: {}, duplicates: 0 };
  const career = plan.career ? await careerPart(sim, plan, msgs, problems) : { counters: {}, duplicates: 0 };
  const pool = await poolPart(sim, plan, problems);
  return { counters: { ...survey.counters, ...career.counters, ...pool }, problems, duplicates: survey.duplicates + career.duplicates + duplicateCards(sim) };
}
