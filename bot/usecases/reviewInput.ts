// Input checks the year's review parts share (impact outcome, support plan, comment): the content
// schema as a 422 naming each field, real calendar dates, "today" in the trust's time zone, and
// whether the review's cycle is still the current one (what is recorded on an earlier year's
// review is history and stays as it was).
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Organisation, YearReview } from '../../shared/domain';
import { invalidFields } from './access';
import type { UseCaseContext } from './context';
import { currentCycle } from './currentCycle';
import { DomainError } from './errors';

/** The zod result as a 422 naming each field, or the parsed value. */
export function parseReviewInput<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw invalidFields(result.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })));
}

/** A YYYY-MM-DD that is a day in the calendar (2026-02-30 is not), or a 422 on `field`. */
export function requireCalendarDate(value: string, field: string): string {
  if (!DateTime.fromISO(value).isValid) throw invalidFields([{ path: field, message: `${value} is not a date in the calendar` }]);
  return value;
}

/** Today's date where the trust is. */
export function todayFor(ctx: UseCaseContext, organisation: Organisation): string {
  return DateTime.fromJSDate(ctx.now(), { zone: organisation.policy.timezone }).toISODate()!;
}

/** Refuses (409) a change to a review of a cycle that is no longer the current one. */
export async function requireCurrentCycle(ctx: UseCaseContext, organisation: Organisation, review: YearReview): Promise<void> {
  const cycle = await currentCycle(ctx, organisation);
  if (cycle?.id !== review.cycleId) throw new DomainError('conflict', `${review.label} belongs to a year that has ended, so it can no longer be changed.`);
}
