// The growth card a person sees (seed 002): built from their current records, for the bot's
// commands, the scheduler's stage prompts and the growth-log prompt after a check-in.
import { randomUUID } from 'node:crypto';
import type { Organisation, Person } from '../../shared/domain';
import { buildGrowthCard, buildNoGrowthCard, type AdaptiveCard, type GrowthCardName } from '../cards';
import type { UseCaseContext } from '../usecases/context';
import { growthCardState } from '../usecases/growth';

export interface GrowthCardOptions {
  tabUrl: string;
  checkInId?: string;
  saved?: string;
  error?: string;
  draft?: Record<string, string>;
}

export async function growthCard(ctx: UseCaseContext, organisation: Organisation, person: Person, card: GrowthCardName, options: GrowthCardOptions): Promise<AdaptiveCard> {
  if (!organisation.policy.growth) return buildNoGrowthCard(organisation.policy.name);
  const state = await growthCardState(ctx, organisation, person, card, options.checkInId);
  return buildGrowthCard({
    card,
    vocabulary: organisation.policy.vocabulary,
    personName: person.displayName,
    coachName: state.coachName,
    cycleLabel: state.cycle.label,
    standard: state.standard,
    selfReflection: state.selfReflection,
    plan: state.plan,
    suggestedCheckInDates: state.suggestedCheckInDates,
    commitments: state.commitments,
    endReflection: state.endReflection,
    logCount: state.logCount,
    checkIn: state.checkIn,
    logEntry: state.logEntry,
    newEntryId: randomUUID(),
    tabUrl: options.tabUrl,
    saved: options.saved,
    error: options.error,
    draft: options.draft,
  });
}
