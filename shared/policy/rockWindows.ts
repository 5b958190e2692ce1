// Rock windows are dated (seed 000: Sep–Dec, Jan–Mar, Apr–Aug of one year), so each cycle may carry
// its own; a cycle without them uses the policy's.
import type { Cycle, CycleDefinition, Policy, RockWindow } from '../domain';

/** The rock windows of this cycle: its own when it has them, else the policy's. */
export function rockWindowsOf(policy: Pick<Policy, 'rocks'>, cycle: Pick<Cycle | CycleDefinition, 'rockWindows'> | null | undefined): RockWindow[] {
  return cycle?.rockWindows ?? policy.rocks.windows;
}
