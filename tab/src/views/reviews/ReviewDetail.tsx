import { Badge, Button, Link, makeStaticStyles, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { YearReviewDto } from '../../../../shared/api';
import { useQuery } from '../../api/useQuery';
import { formatHash } from '../../routing/routes';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { ViewHeading } from '../ViewHeading';
import { FeedbackPanel } from './FeedbackPanel';
import { CheckInsBeside, CommentPart, DecisionPart, ImpactPart, StatementPart, SupportParts } from './ReviewerParts';
import { ReflectionPart } from './ReflectionForm';
import { getYearReview } from './reviewsApi';
import { SummaryPart } from './SummaryPart';
import { statusText } from './reviewText';
import { useReviewStyles } from './styles';

// Printing a review: only the review itself, in black on white, without navigation or buttons.
const usePrintStyles = makeStaticStyles(`
@media print {
  header, nav, button, .pg-noprint { display: none !important; }
  html, body, #root, .fui-FluentProvider { background: #fff !important; color: #000 !important; }
  main { padding: 0 !important; }
  .pg-review, .pg-review * { background: transparent !important; color: #000 !important; border-color: #999 !important; box-shadow: none !important; }
  .pg-review section { break-inside: avoid-page; }
  .pg-review svg path, .pg-review svg circle { stroke: #000 !important; }
  .pg-review svg circle { fill: #000 !important; }
  a { text-decoration: none !important; }
}
`);

const useStyles = makeStyles({
  feedback: { marginTop: tokens.spacingVerticalL },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}` },
});

export function ReviewDetail({ reviewId }: { reviewId: string }) {
  const query = useQuery(`year-review-${reviewId}`, () => getYearReview(reviewId));
  return (
    <LoadState state={query.state} onRetry={query.reload} label="Loading the review…">
      {(review) => <ReviewPage review={review} reload={query.reload} />}
    </LoadState>
  );
}

function ReviewPage({ review, reload }: { review: YearReviewDto; reload: () => void }) {
  usePrintStyles();
  const styles = useStyles();
  const common = useReviewStyles();
  const dates = useDates();
  const whose = review.as.reviewee ? review.label : `${review.label}: ${review.person.displayName}`;
  const endOfYear = review.stage === 'end-of-year';
  const reviewerSide = review.as.reviewer || review.as.decider || review.as.pgAdmin;
  return (
    <div className="pg-review">
      <Link href={formatHash({ view: 'reviews' })} className="pg-noprint">
        All reviews
      </Link>
      <ViewHeading>{whose}</ViewHeading>
      <div className={styles.top}>
        <Badge appearance="tint" color={review.status === 'complete' ? 'success' : review.overdue ? 'danger' : 'informative'}>
          {review.overdue && review.status !== 'complete' ? `Overdue · ${statusText(review.status)}` : statusText(review.status)}
        </Badge>
        <Text size={200}>
          {review.person.displayName}
          {review.reviewer ? ` · reviewer ${review.reviewer.displayName}` : ''}
          {review.decider ? ` · final decision ${review.decider.displayName}` : ''}
          {review.school ? ` · ${review.school}` : ''}
        </Text>
        <Text size={200}>
          {endOfYear ? 'Reflection due' : 'Meeting by'} <time dateTime={review.dueAt}>{dates.day(review.dueAt)}</time>
          {' · '}
          {endOfYear ? 'statement due' : 'outcome due'} <time dateTime={review.reviewerDueAt}>{dates.day(review.reviewerDueAt)}</time>
          {review.decisionDueAt && (
            <>
              {' · '}decision due <time dateTime={review.decisionDueAt}>{dates.day(review.decisionDueAt)}</time>
            </>
          )}
        </Text>
        <Button className="pg-noprint" size="small" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      {review.myNextStep && (
        <Text as="p" block weight="semibold">
          Your next step: {review.myNextStep}
        </Text>
      )}
      {endOfYear ? (
        <>
          {reviewerSide ? (
            // The reflection beside the year's check-ins (one column on a phone).
            <div className={common.columns}>
              <ReflectionPart review={review} reload={reload} />
              <CheckInsBeside review={review} />
            </div>
          ) : (
            <ReflectionPart review={review} reload={reload} />
          )}
          <StatementPart review={review} reload={reload} />
          <DecisionPart review={review} reload={reload} />
        </>
      ) : (
        <>
          <ImpactPart review={review} reload={reload} />
          <SupportParts review={review} reload={reload} />
        </>
      )}
      <SummaryPart review={review} />
      <CommentPart review={review} reload={reload} />
      {review.as.reviewee && (
        <div className={`pg-noprint ${styles.feedback}`}>
          <FeedbackPanel />
        </div>
      )}
    </div>
  );
}
