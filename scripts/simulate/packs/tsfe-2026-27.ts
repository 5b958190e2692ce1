// TSFE 2026-27 (issue 14, "the next year"): the pack was made by rolling TSFE 2025-26 forward, and
// a trust reaches it the same way, so its organisation keeps the policy it had: rocks.windows still
// name 2025-26's dates and labels, while the 2026-27 cycle carries its own windows. Before the year
// starts this hook puts last year's windows back into the organisation's policy, as a rolled-forward
// organisation has them; everything the year does must then answer from the cycle. Checked: on the
// first day of each window a few people's /me names the cycle's windows and that one as current,
// and no message of the year (rock cards, deadline prompts, reminders, overdue flags) names a window
// by last year's label. Counted: rockWindowChecks (/me reads), rockCardsWithWindow (proposed /
// agreed rock cards whose "For" names a 2026-27 window) and deadlineCardsWithWindow (setting prompts,
// reminders and overdue flags naming one).
import { DateTime } from 'luxon';
import { getPolicyPack, rockWindowsOf } from '../../../shared/policy';
import { TENANT } from '../year/world';
import type { Moment, PackHooks, YearSim } from '.';

const LAST_YEAR = getPolicyPack('tsfe-2025-26').policy.rocks.windows;
const checked = { reads: 0, problems: [] as string[] };

function windowsOfCycle(sim: YearSim) {
  return rockWindowsOf(sim.world.policy, sim.world.pack.cycle);
}

/** The organisation as a trust on TSFE since 2025-26 has it after `cycle next`: last year's rock windows in its policy. */
async function asRolledForward(sim: YearSim): Promise<void> {
  const { repos } = sim.harness.runtime;
  const organisation = (await repos.organisations.get(TENANT))!;
  await repos.organisations.upsert({ ...organisation, policy: { ...organisation.policy, rocks: { ...organisation.policy.rocks, windows: LAST_YEAR } } });
}

/** A few people's /me on a window's first day: the cycle's windows, and that one current. */
async function readMe(sim: YearSim, windowId: string): Promise<void> {
  const expected = windowsOfCycle(sim).map((w) => w.label);
  for (const p of sim.world.people.filter((x) => !x.excluded && !x.startedOn).slice(0, 5)) {
    const me = await sim.api.call(p, 'GET', '/me');
    checked.reads += 1;
    const labels = ((me.body?.rockWindows ?? []) as Array<{ label: string }>).map((w) => w.label);
    if (JSON.stringify(labels) !== JSON.stringify(expected)) checked.problems.push(`${p.name}'s /me on ${windowId}'s first day lists rock windows ${labels.join(' | ') || 'none'}`);
    if (me.body?.currentRockWindowId !== windowId) checked.problems.push(`${p.name}'s /me on ${windowId}'s first day has current window ${String(me.body?.currentRockWindowId)}`);
  }
}

const hooks: PackHooks = {
  moments: (sim): Moment[] => {
    const tz = sim.world.tz;
    const start = DateTime.fromISO(sim.world.pack.cycle.startsOn, { zone: tz });
    return [
      { at: start.minus({ days: 6 }).set({ hour: 9 }).toJSDate(), label: 'the organisation rolled forward from 2025-26 (its policy keeps last year’s rock windows)', run: () => asRolledForward(sim) },
      ...windowsOfCycle(sim).map((w) => ({
        at: DateTime.fromISO(w.startsOn, { zone: tz }).set({ hour: 9, minute: 30 }).toJSDate(),
        label: `rocks ${w.id}: /me on the window's first day`,
        run: () => readMe(sim, w.id),
      })),
    ];
  },
  report: async (sim) => {
    const problems = [...checked.problems];
    const thisYear = windowsOfCycle(sim).map((w) => w.label);
    const stale = LAST_YEAR.map((w) => w.label).filter((l) => !thisYear.includes(l));
    // A rock card says which window in its "For" fact; a deadline card in its title ("… rocks for <label> are due …").
    const inJson = (label: string) => JSON.stringify(label).slice(1, -1);
    let rockCardsWithWindow = 0;
    let deadlineCardsWithWindow = 0;
    const staleSeen = new Map<string, number>();
    for (const send of sim.harness.connector.sent) {
      if (send.kind === 'update') continue;
      const json = JSON.stringify(send.activity);
      for (const label of stale) if (json.includes(inJson(label))) staleSeen.set(label, (staleSeen.get(label) ?? 0) + 1);
      if (thisYear.some((l) => json.includes(`"title":"For","value":"${inJson(l)}"`))) rockCardsWithWindow += 1;
      if (thisYear.some((l) => json.includes(` for ${inJson(l)}`))) deadlineCardsWithWindow += 1;
    }
    for (const [label, n] of staleSeen) problems.push(`${n} messages name last year's rock window "${label}"`);
    const rocks = sim.harness.runtime.db.collection('rocks');
    const ids = windowsOfCycle(sim).map((w) => w.id);
    const outside = await rocks.countDocuments({ organisationId: TENANT, rockWindowId: { $nin: ids } });
    if (outside > 0) problems.push(`${outside} rocks in a window that is not the 2026-27 cycle's`);
    if (rockCardsWithWindow === 0) problems.push('no rock card named its window');
    if (deadlineCardsWithWindow === 0) problems.push('no rock deadline card named its window');
    return { counters: { rockWindowChecks: checked.reads, rockCardsWithWindow, deadlineCardsWithWindow }, problems };
  },
};

export default hooks;
