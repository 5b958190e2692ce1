// OWNED BY the review-view helper: one review as the caller may see it (GET /reviews/:id), the
// reflection pre-filled from the year, and the written summary released at the end.
import type { Organisation, Person, ReflectionContent, WrittenSummary, YearReview, YearReviewRecord } from '../../shared/domain';
import type { YearReviewDto } from '../../shared/api';
import type { Actor } from './access';
import type { UseCaseContext } from './context';
import { DomainError } from './errors';

/** The review as the caller may see it; 404 unless they play a part (yearReviewAccess.ts). */
export async function loadYearReviewView(_ctx: UseCaseContext, _actor: Actor, _reviewId: string): Promise<YearReviewDto> {
  throw new DomainError('notFound');
}

/** seed 001's reflection pre-filled from the year: praise received, check-in answers, rock progress. */
export async function prefillReflection(_ctx: UseCaseContext, _organisation: Organisation, _review: YearReview, _person: Person): Promise<ReflectionContent> {
  return { recognition: '', www: '', ebi: '', whatNext: '', rocks: [], anythingElse: '', supportReceived: '' };
}

/** seed 000 §10: the written summary and the new-year summary, fixed when released. */
export async function buildWrittenSummary(_ctx: UseCaseContext, _organisation: Organisation, _review: YearReview, _person: Person, _records: readonly YearReviewRecord[]): Promise<WrittenSummary> {
  return { rocks: [], rolePerformance: '', supportingInformation: [], statement: '', outcomeLabel: '', nextYear: { rocks: [], standards: '', growthPlan: '' } };
}
