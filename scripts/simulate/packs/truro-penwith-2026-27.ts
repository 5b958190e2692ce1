// Truro and Penwith (seed 002, coach-led): after each check-in has been read by the coach, the
// member of staff writes a growth-log entry for it through /api/v1/growth/log (three in ten record
// feedback someone gave them); after each term of the policy's growth.feedback.terms ends, the
// scheduler flags everyone with no feedback that term. Counted: growthLogEntries (stored, against
// written) and termsWithoutFeedback (flagged by the app, against the feedback the database holds
// for each eligible person in the term: coach responses and growth-log feedback; the simulation
// writes no thread comments), and coachesTold (one chat message per term to each coach of someone
// flagged, naming them: the coach, not the line manager). Only endpoint paths and collection names
// are used, so this file does not depend on the growth feature's types.
import { DateTime } from 'luxon';
import { windowInstants } from '../../../shared/policy';
import { inBatches } from '../common';
import { modelEligible, modelReviewer, TENANT, type YearPerson } from '../year/world';
import type { Moment, PackHooks, YearSim } from '.';

interface Term {
  key: string;
  label: string;
  startsOn: string;
  endsOn: string;
}

const written = { entries: 0, termsChecked: [] as Array<{ term: Term; at: Date }> };

function termsOf(sim: YearSim): Term[] {
  const growth = (sim.world.policy as unknown as { growth?: { feedback?: { terms?: Term[] } } }).growth;
  return growth?.feedback?.terms ?? [];
}

function termRange(term: Term, tz: string): { from: Date; to: Date } {
  return { from: DateTime.fromISO(term.startsOn, { zone: tz }).startOf('day').toJSDate(), to: DateTime.fromISO(term.endsOn, { zone: tz }).plus({ days: 1 }).startOf('day').toJSDate() };
}

async function writeGrowthLogs(sim: YearSim, eventId: string): Promise<void> {
  const { world, harness, api, random } = sim;
  const stored = await harness.runtime.db.collection('checkIns').find({ organisationId: TENANT, eventId }).toArray();
  const logged = new Set((await harness.runtime.db.collection('growthRecords').find({ organisationId: TENANT, kind: 'growth-log' }).toArray()).map((r) => String(r.checkInId)));
  const todo = stored.filter((c) => !logged.has(String(c._id)));
  await inBatches(todo, 10, async (c) => {
    const p = world.byPersonId.get(String(c.personId)) as YearPerson | undefined;
    if (!p) return;
    const feedback = random() < 0.3;
    const res = await api.call(p, 'POST', '/growth/log', {
      checkInId: String(c._id),
      whatIDid: 'Tried the new questioning routine with Year 9.',
      whatILearned: 'Wait time matters more than the question.',
      next: 'Film one lesson and watch it with my coach.',
      ...(feedback ? { feedback: 'Observed the lesson: the pause worked.', feedbackFrom: 'Head of department' } : {}),
    });
    if (res.status === 201) written.entries += 1;
  });
  await sim.settle('growth log');
}

/**
 * Seed 002: a term without feedback is flagged to the coach. Each flagged person's coach is the one
 * the model names (the coach, who may not be the line manager), and each coach with flagged coachees
 * got one chat message per term naming exactly them. Returns how many (term, coach) messages went.
 */
async function checkCoachesTold(sim: YearSim, problems: string[]): Promise<number> {
  const { world, harness } = sim;
  const gaps = await harness.runtime.db.collection('growthRecords').find({ organisationId: TENANT, kind: 'feedback-gap' }).toArray();
  const expected = new Map<string, string[]>(); // `${termKey}|${coachId}` → coachee names
  for (const gap of gaps) {
    const p = world.byPersonId.get(String(gap.personId));
    const coach = p ? modelReviewer(world, p) : undefined;
    if (!p || String(gap.coachId ?? '') !== (coach?.personId ?? '')) {
      problems.push(`feedback gap for ${p?.name ?? String(gap.personId)} names coach ${String(gap.coachId ?? 'none')}, the model's is ${coach?.personId ?? 'none'}`);
    }
    if (p && coach) expected.set(`${String(gap.termKey)}|${coach.personId}`, [...(expected.get(`${String(gap.termKey)}|${coach.personId}`) ?? []), p.name].sort());
  }
  const personOf = new Map(world.people.map((p) => [`a:${p.teamsUserId}`, p.personId!]));
  const told = new Map<string, number>();
  for (const send of harness.connector.sent) {
    if (send.kind === 'update') continue;
    const text = String((send.activity as { text?: string }).text ?? '');
    for (const term of termsOf(sim)) {
      const prefix = `${term.label} has ended without feedback for `;
      if (!text.startsWith(prefix)) continue;
      const key = `${term.key}|${personOf.get(send.conversationId) ?? send.conversationId}`;
      told.set(key, (told.get(key) ?? 0) + 1);
      const names = expected.get(key);
      if (!names) problems.push(`${term.label}: a coach with no flagged coachees was told (${send.conversationId})`);
      else if (!names.every((n) => text.includes(n))) problems.push(`${term.label}: the message to ${send.conversationId} does not name all of ${names.join(', ')}`);
    }
  }
  for (const [key, n] of told) if (n > 1) problems.push(`${key}: the coach was told ${n} times`);
  for (const key of expected.keys()) if (!told.has(key)) problems.push(`${key}: the coach was not told`);
  return told.size;
}

const hooks: PackHooks = {
  momentsFor: {
    'check-in': (sim, event) => [
      {
        // After the coaches have read the rest (the close + 12 h): seed 002's log after each check-in.
        at: new Date(windowInstants(event, sim.world.tz).closesAt.getTime() + 13 * 3_600_000),
        label: `${event.key}: growth-log entries`,
        run: () => writeGrowthLogs(sim, event.id),
      },
    ],
  },
  moments: (sim): Moment[] =>
    termsOf(sim).map((term) => {
      const at = new Date(termRange(term, sim.world.tz).to.getTime() + 30 * 60_000);
      return {
        at,
        label: `${term.label} ended: feedback check`,
        run: async () => {
          await sim.settle(`${term.key} feedback`);
          written.termsChecked.push({ term, at });
        },
      };
    }),
  report: async (sim) => {
    const { world, harness } = sim;
    const records = harness.runtime.db.collection('growthRecords');
    const growthLogEntries = await records.countDocuments({ organisationId: TENANT, kind: 'growth-log' });
    const termsWithoutFeedback = await records.countDocuments({ organisationId: TENANT, kind: 'feedback-gap' });
    const problems: string[] = [];
    if (growthLogEntries !== written.entries) problems.push(`${growthLogEntries} growth-log entries stored, ${written.entries} written`);
    // What the database holds, term by term, for everyone eligible when the term was checked.
    const checkIns = await harness.runtime.db.collection('checkIns').find({ organisationId: TENANT }).toArray();
    const logs = await records.find({ organisationId: TENANT, kind: 'growth-log' }).toArray();
    let expected = 0;
    for (const { term, at } of written.termsChecked) {
      const { from, to } = termRange(term, world.tz);
      const inTerm = (d: unknown) => d instanceof Date && d >= from && d < to;
      for (const p of world.people.filter((x) => modelEligible(world, x, at))) {
        const responses = checkIns.filter((c) => String(c.personId) === p.personId && inTerm((c.reviewerResponse as { at?: Date } | undefined)?.at)).length;
        const logged = logs.filter((l) => String(l.personId) === p.personId && String(l.feedback ?? '').trim() !== '' && inTerm(l.createdAt)).length;
        if (responses + logged === 0) expected += 1;
      }
    }
    if (termsWithoutFeedback !== expected) problems.push(`${termsWithoutFeedback} terms without feedback flagged, ${expected} in the database`);
    const coachesTold = await checkCoachesTold(sim, problems);
    return { counters: { growthLogEntries, termsWithoutFeedback, termsChecked: written.termsChecked.length, coachesTold }, problems };
  },
};

export default hooks;
