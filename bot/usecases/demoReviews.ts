// The demo organisation's reviews (`npm start`, DEMO=on): whatever the date, the Playground's
// person has one of each step of the year's reviews to try. Megan Bowen writes her own end-of-year
// reflection (Patti Fernandez reviews it), records Alex Wilber's March impact review, and writes
// the statement on Adele Vance's reflection, which Adele has already sent. Fixed ids (the ids the
// scheduler would give them), so a restart adds nothing and keeps what was written.
import type { Cycle, Organisation, Person, ReviewStage, ScheduleEvent, YearReview } from '../../shared/domain';
import { reflectionContentSchema, yearReviewId, yearReviewRecordId } from '../../shared/domain';
import { reviewerOf } from '../../shared/policy';
import type { UseCaseContext } from './context';
import { prefillReflection } from './yearReviewView';

const DAY_MS = 24 * 60 * 60 * 1000;

interface DemoReviewPeople {
  me: Person;
  reviewee: Person;
  /** A second reviewee of mine, whose reflection is waiting for my statement. */
  second?: Person;
}

function demoReview(organisation: Organisation, cycle: Cycle, stage: ReviewStage, event: ScheduleEvent, person: Person, now: Date): YearReview {
  return {
    id: yearReviewId(stage.kind, cycle.id, person.id),
    organisationId: organisation.id,
    cycleId: cycle.id,
    coversCycleId: cycle.id,
    personId: person.id,
    stage: stage.kind,
    label: stage.label,
    eventId: event.id,
    reviewerId: reviewerOf(person, organisation.policy),
    school: person.school,
    roleCategory: person.roleCategory,
    opensAt: now,
    dueAt: new Date(now.getTime() + 14 * DAY_MS),
    reviewerDueAt: new Date(now.getTime() + 21 * DAY_MS),
    createdAt: now,
  };
}

/** Opens the demo's reviews where the policy has the stages; returns how many were opened now. */
export async function ensureDemoReviews(ctx: UseCaseContext, organisation: Organisation, cycle: Cycle, events: readonly ScheduleEvent[], people: DemoReviewPeople): Promise<number> {
  const org = { organisationId: organisation.id };
  const now = ctx.now();
  const stages = organisation.policy.reviews?.stages ?? [];
  const eventOf = (stage: ReviewStage) => events.find((e) => e.key === stage.eventKey);
  const impact = stages.find((s) => s.kind === 'impact');
  const endOfYear = stages.find((s) => s.kind === 'end-of-year');
  const openings: Array<{ stage: ReviewStage; person: Person }> = [];
  if (endOfYear) openings.push({ stage: endOfYear, person: people.me });
  if (impact) openings.push({ stage: impact, person: people.reviewee });
  if (endOfYear && people.second) openings.push({ stage: endOfYear, person: people.second });
  let opened = 0;
  for (const { stage, person } of openings) {
    const event = eventOf(stage);
    if (!event) continue;
    const review = demoReview(organisation, cycle, stage, event, person, now);
    if (!(await ctx.repos.yearReviews.open(org, review))) continue;
    opened += 1;
    if (person.id === people.second?.id) await sendDemoReflection(ctx, organisation, review, person);
  }
  return opened;
}

/** Adele's reflection, pre-filled from her year and sent, so her reviewer has a statement to write. */
async function sendDemoReflection(ctx: UseCaseContext, organisation: Organisation, review: YearReview, person: Person): Promise<void> {
  const prefill = await prefillReflection(ctx, organisation, review, person);
  const selfAssessment = review.stage === 'end-of-year' ? organisation.policy.reviews?.stages.find((s) => s.kind === 'end-of-year')?.selfAssessment[1]?.key : undefined;
  const content = reflectionContentSchema.parse({
    ...prefill,
    www: prefill.www || 'Reorganised the front office so visitors are seen within five minutes.',
    ebi: prefill.ebi || 'Started the new filing system earlier in the year.',
    whatNext: prefill.whatNext || 'Train a colleague to cover the reception rota.',
    score: 7,
    onTime: 'often',
    jobDescription: 'majority',
    ...(selfAssessment ? { selfAssessment } : {}),
  });
  const now = ctx.now();
  await ctx.repos.yearReviews.putRecord(
    { organisationId: organisation.id },
    { id: yearReviewRecordId('reflection', review.id), organisationId: organisation.id, reviewId: review.id, cycleId: review.cycleId, personId: person.id, authorId: person.id, kind: 'reflection', ...content, createdAt: now, updatedAt: now, submittedAt: now },
  );
}
