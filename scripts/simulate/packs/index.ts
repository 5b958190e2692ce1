// Per-pack behaviour for `npm run simulate -- --year --policy <id>`.
//
// The year simulation plays what every pack shares: check-ins (prompt, closing-day reminder, on
// time / late / missed submits, praise, reviewer acknowledge and respond, digests), optional
// check-ins, rock-setting windows (propose, agree, deadline) and reaching every other event. A
// pack whose trust does more adds a file `scripts/simulate/packs/<policyId>.ts` (the pack's
// policy id, e.g. `stour-2025-26.ts`) whose default export is a `PackHooks`:
//
//   const hooks: PackHooks = {
//     // Extra steps when an event of a kind is reached, merged into the timeline in date order
//     // (e.g. Stour: post the group session card to each team and let members post; Truro: a growth
//     // log entry after each check-in). `event` is the stored schedule event.
//     momentsFor: { 'check-in': (sim, event) => [{ at, label, run: async () => { ... } }] },
//     // Extra steps not tied to one event (e.g. Truro: the end of each term, feedback check).
//     moments: (sim) => [...],
//     // Counted at the end from the stand-ins and the database; merged into the JSON line, e.g.
//     // { groupSessions: 12, groupPosts: 340 }. Any problem listed makes the run fail.
//     report: async (sim) => ({ counters: { ... }, problems: [] }),
//   };
//   export default hooks;
//
// When the policy's checkIns.mode is 'group', the core plays no individual check-ins (no prompts
// are expected, `checkIns.perEvent` is empty): the pack's momentsFor['check-in'] plays them.
//
// A step's `run` uses `sim` only: `sim.world` (the pack, the people and the model of who reviews
// whom and who is eligible when: modelReviewer / modelEligible in ../year/world.ts), `sim.poster`
// (activities to /api/messages), `sim.api` (/api/v1 as a person), `sim.harness` (the runtime, the
// Bot Connector and Graph stand-ins, the clock), `sim.random` (seeded) and `sim.settle(label)`
// (one scheduler tick, then the outbox worker drains everything due). The clock is already set to
// the step's `at` when `run` starts; a step must leave the outbox settled. Non-2xx answers from
// our endpoints are counted as errors by the poster and the API client themselves.
import fs from 'node:fs';
import path from 'node:path';
import type { ScheduleEvent, ScheduleEventKind } from '../../../shared/domain';
import type { Harness, Poster } from '../common';
import type { Api } from '../year/api';
import type { World } from '../year/world';

export interface YearSim {
  world: World;
  harness: Harness;
  poster: Poster;
  api: Api;
  random: () => number;
  /** One scheduler tick, then waits until the outbox worker has nothing due. */
  settle(label: string): Promise<void>;
}

export interface Moment {
  at: Date;
  label: string;
  run(): Promise<void>;
}

export interface PackReport {
  counters: Record<string, unknown>;
  /** Why the run does not reconcile; empty when it does. */
  problems: string[];
}

export interface PackHooks {
  momentsFor?: Partial<Record<ScheduleEventKind, (sim: YearSim, event: ScheduleEvent) => Moment[]>>;
  moments?: (sim: YearSim) => Moment[];
  report?: (sim: YearSim) => Promise<PackReport>;
}

/** The pack's hooks, or none when it ships no file of its own. */
export async function loadPackHooks(policyId: string): Promise<PackHooks> {
  if (!/^[a-z0-9-]+$/.test(policyId)) return {};
  const file = path.join(__dirname, `${policyId}.ts`);
  if (!fs.existsSync(file)) return {};
  const loaded = (await import(file)) as { default?: PackHooks };
  return loaded.default ?? {};
}
