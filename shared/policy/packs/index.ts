// Policy packs: one trust's policy and one cycle's dated events, shipped as JSON and validated here
// at import, so a bad pack stops the process at start-up with the field that is wrong.
import { DateTime, IANAZone } from 'luxon';
import { z } from 'zod';
import { cycleDefinitionSchema, policySchema } from '../../domain';
import { localDateTime } from '../windows';
import { rockRuleProblems } from '../rockWindows';
import tsat202324 from './tsat-2023-24.json';
import tsfe202526 from './tsfe-2025-26.json';
import truroPenwith202627 from './truro-penwith-2026-27.json';
import tsfe202627 from './tsfe-2026-27.json';
import stour202526 from './stour-2025-26.json';
import stour202627 from './stour-2026-27.json';

export const policyPackSchema = z
  .object({
    /** Decisions taken where a seed is silent or ambiguous (e.g. how long a TSFE window stays open). */
    notes: z.array(z.string()).default([]),
    policy: policySchema,
    cycle: cycleDefinitionSchema,
  })
  .strict()
  .superRefine((pack, ctx) => {
    const { policy, cycle } = pack;
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });

    if (!IANAZone.isValidZone(policy.timezone)) issue(['policy', 'timezone'], `"${policy.timezone}" is not an IANA time zone (e.g. Europe/London)`);
    if (cycle.startsOn > cycle.endsOn) issue(['cycle', 'endsOn'], 'the cycle must end after it starts');

    const duplicates = (values: string[], path: (i: number) => PropertyKey[], what: string) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        if (seen.has(v)) issue(path(i), `${what} "${v}" is used twice`);
        seen.add(v);
      });
    };
    duplicates(policy.rocks.slots.map((s) => s.id), (i) => ['policy', 'rocks', 'slots', i, 'id'], 'slot id');
    duplicates(policy.rocks.windows.map((w) => w.id), (i) => ['policy', 'rocks', 'windows', i, 'id'], 'rock window id');
    duplicates(policy.alignment.options.map((o) => o.code), (i) => ['policy', 'alignment', 'options', i, 'code'], 'alignment code');
    duplicates(cycle.events.map((e) => e.key), (i) => ['cycle', 'events', i, 'key'], 'event key');

    policy.rocks.windows.forEach((w, i) => {
      if (w.startsOn > w.endsOn) issue(['policy', 'rocks', 'windows', i, 'endsOn'], 'a rock window must end after it starts');
      if (w.setBy !== undefined && w.setBy > w.endsOn) issue(['policy', 'rocks', 'windows', i, 'setBy'], 'rocks must be set before their window ends');
    });

    for (const problem of rockRuleProblems(policy)) issue(['policy', ...problem.path], problem.message);
    duplicates((cycle.rockWindows ?? []).map((w) => w.id), (i) => ['cycle', 'rockWindows', i, 'id'], 'rock window id');
    (cycle.rockWindows ?? []).forEach((w, i) => {
      if (w.startsOn > w.endsOn) issue(['cycle', 'rockWindows', i, 'endsOn'], 'a rock window must end after it starts');
      if (w.setBy !== undefined && w.setBy > w.endsOn) issue(['cycle', 'rockWindows', i, 'setBy'], 'rocks must be set before their window ends');
    });

    const numbers = new Set<number>();
    cycle.events.forEach((e, i) => {
      const at = (field: string) => ['cycle', 'events', i, field];
      if (e.kind === 'check-in') {
        if (e.number === undefined) issue(at('number'), 'a check-in needs its number (Check in 1, 2, …)');
        else if (numbers.has(e.number)) issue(at('number'), `check-in number ${e.number} is used twice`);
        else numbers.add(e.number);
      } else if (e.number !== undefined) {
        issue(at('number'), `only check-ins are numbered, not ${e.kind}`);
      }
      if (e.date < cycle.startsOn || e.date > cycle.endsOn) issue(at('date'), `${e.date} is outside the cycle (${cycle.startsOn} to ${cycle.endsOn})`);
      if (e.date < e.window.opens.slice(0, 10) || e.date > e.window.closes.slice(0, 10)) {
        issue(at('date'), `${e.date} is outside its own window (${e.window.opens} to ${e.window.closes})`);
      }
      if (IANAZone.isValidZone(policy.timezone)) {
        for (const end of ['opens', 'closes'] as const) {
          try {
            localDateTime(e.window[end], policy.timezone);
          } catch (err) {
            ctx.addIssue({ code: 'custom', path: ['cycle', 'events', i, 'window', end], message: (err as Error).message });
          }
        }
      }
    });
    checkGrowthRules(pack, issue);
  });

/** seed 002: the stages name events of the cycle, and each term lies inside it. */
function checkGrowthRules(pack: { policy: z.output<typeof policySchema>; cycle: z.output<typeof cycleDefinitionSchema> }, issue: (path: PropertyKey[], message: string) => void): void {
  const growth = pack.policy.growth;
  if (!growth) return;
  const keys = new Set(pack.cycle.events.map((e) => e.key));
  for (const [stage, key] of Object.entries(growth.stages)) {
    if (key !== undefined && !keys.has(key)) issue(['policy', 'growth', 'stages', stage], `no event "${key}" in the cycle`);
  }
  growth.feedback.terms.forEach((t, i) => {
    if (t.startsOn > t.endsOn) issue(['policy', 'growth', 'feedback', 'terms', i, 'endsOn'], 'a term must end after it starts');
    if (t.startsOn < pack.cycle.startsOn || t.endsOn > pack.cycle.endsOn) issue(['policy', 'growth', 'feedback', 'terms', i], `${t.key} is outside the cycle (${pack.cycle.startsOn} to ${pack.cycle.endsOn})`);
  });
}

export type PolicyPackInput = z.input<typeof policyPackSchema>;
export type PolicyPack = z.output<typeof policyPackSchema>;

export class PolicyPackError extends Error {
  override readonly name = 'PolicyPackError';
}

/** "cycle.events[3] (check-in-6).date" — the field, and which event it is when the pack names it. */
export function describePath(path: readonly PropertyKey[], input: unknown): string {
  let out = '';
  let node: unknown = input;
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : `${out ? '.' : ''}${String(part)}`;
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[part] : undefined;
    if (typeof part === 'number' && node !== null && typeof node === 'object') {
      const named = (node as Record<string, unknown>).key ?? (node as Record<string, unknown>).id ?? (node as Record<string, unknown>).code;
      if (typeof named === 'string') out += ` (${named})`;
    }
  }
  return out || '(pack)';
}

/** Parses a pack; on failure the error lists every problem as "field: message". */
export function parsePolicyPack(input: unknown, source = 'policy pack'): PolicyPack {
  const result = policyPackSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `  ${describePath(i.path, input)}: ${i.message}`);
  throw new PolicyPackError(`${source} is not valid:\n${problems.join('\n')}`);
}

export const DEFAULT_POLICY_ID = 'tsfe-2025-26';

function byId(packs: readonly [string, unknown][]): Readonly<Record<string, PolicyPack>> {
  const out: Record<string, PolicyPack> = {};
  for (const [file, raw] of packs) {
    const pack = parsePolicyPack(raw, file);
    if (out[pack.policy.id]) throw new PolicyPackError(`${file}: policy id "${pack.policy.id}" is used by another pack`);
    out[pack.policy.id] = pack;
  }
  return Object.freeze(out);
}

export const POLICY_PACKS: Readonly<Record<string, PolicyPack>> = byId([
  ['tsfe-2025-26.json', tsfe202526],
  ['tsat-2023-24.json', tsat202324],
  ['truro-penwith-2026-27.json', truroPenwith202627],
  ['tsfe-2026-27.json', tsfe202627],
  ['stour-2025-26.json', stour202526],
  ['stour-2026-27.json', stour202627],
]);

export function getPolicyPack(id: string): PolicyPack {
  const pack = Object.hasOwn(POLICY_PACKS, id) ? POLICY_PACKS[id] : undefined;
  if (!pack) throw new PolicyPackError(`unknown policy pack "${id}"; known packs: ${Object.keys(POLICY_PACKS).join(', ')}`);
  return pack;
}

/** "tsfe-2025-26" → "tsfe": the packs of one trust's policy, a year each. */
function seriesOf(id: string): string {
  return id.replace(/-\d{4}-\d{2}$/, '');
}

/**
 * The pack a new organisation set up today starts from: the named one, or, when its cycle does not
 * cover `at`, the pack of the same series (same trust, another year) whose cycle does — so a trust
 * installing in December 2026 with the default `tsfe-2025-26` gets TSFE 2026-27, not a year that
 * has ended. With none covering `at`, the named pack (its admins are told to start the next cycle).
 */
export function packInForce(id: string, at: Date): PolicyPack {
  const named = getPolicyPack(id);
  const today = (pack: PolicyPack) => DateTime.fromJSDate(at, { zone: pack.policy.timezone }).toISODate() ?? '';
  const covers = (pack: PolicyPack) => pack.cycle.startsOn <= today(pack) && today(pack) <= pack.cycle.endsOn;
  if (covers(named)) return named;
  const series = seriesOf(named.policy.id);
  return Object.values(POLICY_PACKS).find((p) => p.policy.id !== named.policy.id && seriesOf(p.policy.id) === series && p.policy.trust === named.policy.trust && covers(p)) ?? named;
}
