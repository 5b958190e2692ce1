// STUB created by the impact helper so the shared review verbs (open, refresh, comment) can route an
// end-of-year review here; OWNED BY the eoy helper, whose version replaces this file on merge.
import { adaptiveCard, heading, paragraph, type AdaptiveCard } from '../../cards';
import type { ActionTurn, PersonTurn } from '../registry';

export async function endOfYearAction(_turn: ActionTurn & PersonTurn): Promise<AdaptiveCard> {
  return adaptiveCard([heading('End-of-year review'), paragraph('Open the tab to see your end-of-year review.')]);
}
