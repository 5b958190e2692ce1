// OWNED BY the impact-review helper: seed 000 §12 / Appendix 4's support pause and plan.
import type { Organisation, Person, YearReview } from '../../shared/domain';
import type { UseCaseContext } from './context';

/**
 * An outcome with effect `support` (impact review "support recommended", end of year "did not meet
 * – commence support"): pause the person's professional growth (no check-in prompts), tell them
 * plainly and kindly, and ask the reviewer for the support plan. Idempotent.
 */
export async function beginSupportPause(_ctx: UseCaseContext, _organisation: Organisation, _review: YearReview, _person: Person, _by: Person): Promise<void> {
  // built by the impact-review helper
}
