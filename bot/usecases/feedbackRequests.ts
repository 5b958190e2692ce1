// OWNED BY the 360-feedback helper: seed 000 §8 / §11.2 feedback from named colleagues.
import type { Organisation } from '../../shared/domain';
import type { UseCaseContext } from './context';

export interface SupportingFeedback {
  /** The giver's name, or null where the policy makes 360 feedback anonymous. */
  from: string | null;
  text: string;
  rockId?: string;
  at: Date;
}

/** The answered 360 feedback a person asked for in a cycle: their supporting information. */
export async function supportingFeedback(_ctx: UseCaseContext, _organisation: Organisation, _personId: string, _cycleId: string): Promise<SupportingFeedback[]> {
  return [];
}
