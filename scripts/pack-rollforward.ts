// `npm run pack:rollforward -- tsfe-2025-26`: writes the next year's pack (shared/policy/packs/
// tsfe-2026-27.json) by rolling the named pack's cycle forward — the same code a PG admin's
// "cycle next" uses — with notes saying what was done and what to check. Register the new file in
// shared/policy/packs/index.ts afterwards.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { getPolicyPack, nextYearText, parsePolicyPack, rockWindowsOf, rollCycleForward } from '../shared/policy';

function main(argv: string[]): void {
  const [fromId, ...rest] = argv.filter((a) => a !== '--');
  if (!fromId || rest.length > 0) {
    console.error('usage: npm run pack:rollforward -- <pack id>   (e.g. tsfe-2025-26)');
    process.exit(2);
  }
  const from = getPolicyPack(fromId);
  const rolled = rollCycleForward(from.cycle, from.cycle.events, rockWindowsOf(from.policy, from.cycle), from.policy.timezone);
  const id = nextYearText(from.policy.id);
  if (id === from.policy.id) throw new Error(`cannot tell next year's id from "${from.policy.id}": it names no year`);
  const notes = [
    `Rolled forward from ${from.policy.id} by \`npm run pack:rollforward -- ${from.policy.id}\`: every event moved ${rolled.weeks} weeks (same weekday, same fortnightly spacing), the cycle and its rock windows by a calendar year (${rolled.cycle.startsOn} to ${rolled.cycle.endsOn}); deadline events still open at the start of the year.`,
    "Not yet confirmed by the trust: a PG admin should check the dates against next year's term dates and INSET days, bank holidays, the rock-setting deadlines and the directed-time allowances, and correct them with the schedule commands (schedule, Move/Edit/Cancel) after starting the cycle.",
    ...rolled.warnings.map((w) => `Check: ${w}`),
    ...from.notes.map((n) => `From ${from.policy.id}: ${n}`),
  ];
  const pack = {
    notes,
    policy: { ...from.policy, id, name: nextYearText(from.policy.name), rocks: { ...from.policy.rocks, windows: rolled.cycle.rockWindows } },
    cycle: rolled.cycle,
  };
  parsePolicyPack(pack, `${id}.json`);
  const file = path.join(__dirname, '..', 'shared', 'policy', 'packs', `${id}.json`);
  writeFileSync(file, `${JSON.stringify(pack, null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), file)}: ${rolled.cycle.events.length} events, ${rolled.warnings.length} to check`);
}

main(process.argv.slice(2));
