// The year as each member of staff sees it in the tab: their check-in timeline (GET
// /api/v1/people/:id/check-ins) must show as missed exactly the check-ins they were asked for and
// did not answer, count as due only those, and never show an optional check-in as missed.
import { inBatches, log } from '../common';
import type { YearSim } from '../packs';
import type { CheckInPlan } from './checkIns';

interface Entry {
  eventId: string;
  kind: string;
  state: string;
}

export async function checkTimelines(sim: YearSim, plans: CheckInPlan[]): Promise<string[]> {
  const { world, api } = sim;
  const wrong: string[] = [];
  const people = world.people.filter((p) => !p.excluded);
  await inBatches(people, 10, async (p) => {
    const { status, body } = await api.call(p, 'GET', `/people/${encodeURIComponent(p.personId!)}/check-ins`);
    if (status !== 200) return;
    const entries = body.entries as Entry[];
    const asked = plans.filter((plan) => !plan.optional && plan.eligible.includes(p));
    const missed = asked.filter((plan) => !plan.onTime.includes(p) && !plan.afterReminder.includes(p) && !plan.late.includes(p)).length;
    const shownMissed = entries.filter((e) => e.kind === 'check-in' && e.state === 'missed').length;
    const optionalMissed = entries.filter((e) => e.kind === 'optional-check-in' && e.state === 'missed').length;
    if (shownMissed !== missed || body.onTime.due !== asked.length || optionalMissed > 0) {
      wrong.push(`${p.name}${p.startedOn ? ` (started ${p.startedOn})` : ''}: shows ${shownMissed} missed of ${body.onTime.due} due${optionalMissed ? ` and ${optionalMissed} optional missed` : ''}; missed ${missed} of ${asked.length}`);
    }
  });
  for (const w of wrong) log(`timeline: ${w}`);
  return wrong.length === 0 ? [] : [`${wrong.length} staff see a timeline that is not their year, e.g. ${wrong.slice(0, 3).join('; ')}`];
}
