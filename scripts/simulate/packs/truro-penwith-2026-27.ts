// Truro and Penwith (seed 002, coach-led): after each check-in has been read by the coach, the
// member of staff writes a growth-log entry for it through /api/v1/growth/log (three in ten record
// feedback someone gave them); after each term of the policy's growth.feedback.terms ends, the
// scheduler flags everyone with no feedback that term. Counted: growthLogEntries (stored, against
// written) and termsWithoutFeedback (flagged by the app, against the feedback the database holds
// for each eligible person in the term: coach responses and growth-log feedback; the simulation
// writes no thread comments). Only endpoint paths and collection names are used, so this file
// does not depend on the growth feature's types.
import { DateTime } from 'luxon';
import { windowInstants } from '../../../shared/policy';
import { inBatches } from '../common';
import { modelEligible, TENANT, type YearPerson } from '../year/world';
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
    return { counters: { growthLogEntries, termsWithoutFeedback, termsChecked: written.termsChecked.length }, problems };
  },
};

export default hooks;
