import { createTenantWindow } from '../../../bot/delivery/tenantWindow';
import { createManualClock } from './manualClock';

describe('tenant window', () => {
  it('lets no more than the limit start in any second plus the margin', async () => {
    const clock = createManualClock();
    const window = createTenantWindow({ max: 3, marginMs: 25, warmUpMs: 0, idleMs: Infinity, clock });
    for (let i = 0; i < 3; i += 1) {
      expect(window.delay()).toBe(0);
      window.record();
    }
    expect(window.delay()).toBe(1_025);
    await clock.advance(1_025);
    expect(window.delay()).toBe(0);
  });

  it('leaves more room after a 429, and less again once Teams stops refusing', async () => {
    const clock = createManualClock();
    const window = createTenantWindow({ max: 1, marginMs: 25, widenByMs: 25, narrowAfterMs: 20_000, warmUpMs: 0, idleMs: Infinity, clock });
    window.record();
    window.widen();
    window.widen();
    expect(window.marginMs).toBe(75);
    expect(window.delay()).toBe(1_075);
    await clock.advance(20_000);
    expect(window.marginMs).toBe(50);
    await clock.advance(60_000);
    expect(window.marginMs).toBe(25);
  });

  it('leaves more room for the first seconds after an idle spell, while connections are new', async () => {
    const clock = createManualClock();
    const window = createTenantWindow({ max: 1, marginMs: 25, warmUpMs: 3_000, warmUpMarginMs: 100, idleMs: 5_000, clock });
    window.record();
    expect(window.delay()).toBe(1_100);
    await clock.advance(3_000);
    window.record();
    expect(window.delay()).toBe(1_025);
    // Quiet for longer than the idle spell: the next run warms up again.
    await clock.advance(6_000);
    window.record();
    expect(window.delay()).toBe(1_100);
  });
});
