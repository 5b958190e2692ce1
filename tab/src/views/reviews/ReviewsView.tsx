import {
  Badge,
  Link,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Tab,
  TabList,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { YearReviewProgressResponse, YearReviewSummaryDto } from '../../../../shared/api';
import { useQuery } from '../../api/useQuery';
import { formatHash } from '../../routing/routes';
import { useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';
import { ReviewDetail } from './ReviewDetail';
import { getReviewProgress, getYearReviews } from './reviewsApi';
import { statusText } from './reviewText';

const useStyles = makeStyles({
  section: { marginTop: tokens.spacingVerticalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  name: { ...typographyStyles.body1Strong },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: { minWidth: '48rem' },
  outcomesCell: { minWidth: '14rem' },
  outcomes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** `#/reviews` lists the reviews; `#/reviews/<id>` opens one. */
export default function ReviewsView({ itemId }: { itemId?: string }) {
  if (itemId) return <ReviewDetail reviewId={itemId} />;
  return <ReviewList />;
}

function ReviewList() {
  const styles = useStyles();
  const me = useMe();
  const list = useQuery('year-reviews', getYearReviews);
  const pgAdmin = me.roles.includes('pg-admin');
  return (
    <>
      <ViewHeading>Reviews</ViewHeading>
      <Text as="p" block className={styles.muted}>
        The year&apos;s reviews: your own, the ones waiting for you as {me.vocabulary.reviewer} or decider, and your team&apos;s.
      </Text>
      <LoadState state={list.state} onRetry={list.reload} label="Loading reviews…">
        {(data) => (
          <>
            <ReviewGroup id="mine" title="My reviews" items={data.mine} empty="No review is open for you yet. It opens on the date in the schedule." showPerson={false} />
            {(data.needsMe.length > 0 || me.isReviewer) && (
              <ReviewGroup id="needs-me" title="Needs me" items={data.needsMe} empty="Nothing is waiting for you." showPerson />
            )}
            {(data.myTeam.length > 0 || me.isReviewer) && (
              <ReviewGroup id="my-team" title="My team" items={data.myTeam} empty="None of your team's reviews is open." showPerson />
            )}
          </>
        )}
      </LoadState>
      {pgAdmin && <Progress />}
    </>
  );
}

function ReviewGroup({ id, title, items, empty, showPerson }: { id: string; title: string; items: YearReviewSummaryDto[]; empty: string; showPerson: boolean }) {
  const styles = useStyles();
  const dates = useDates();
  return (
    <section className={styles.section} aria-labelledby={`reviews-${id}`}>
      <h3 id={`reviews-${id}`} className={styles.title}>
        {title}
      </h3>
      {items.length === 0 ? (
        <Text className={styles.muted}>{empty}</Text>
      ) : (
        <ul className={styles.list} aria-labelledby={`reviews-${id}`}>
          {items.map((r) => (
            <li key={r.id} className={styles.item}>
              <Link href={formatHash({ view: 'reviews', itemId: r.id })} className={styles.name}>
                {showPerson ? `${r.person.displayName} · ${r.label}` : r.label}
              </Link>
              <Badge appearance="tint" color={r.status === 'complete' ? 'success' : r.overdue ? 'danger' : 'informative'}>
                {r.overdue && r.status !== 'complete' ? `Overdue · ${statusText(r.status)}` : statusText(r.status)}
              </Badge>
              <Text size={200}>
                Due <time dateTime={dueOf(r)}>{dates.day(dueOf(r))}</time>
              </Text>
              {r.myNextStep && (
                <Text size={200} weight="semibold">
                  Next: {r.myNextStep}
                </Text>
              )}
              {r.outcomeLabel && <Text size={200}>Outcome: {r.outcomeLabel}</Text>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The deadline of whoever's turn it is: the reflection, the reviewer's part or the decision. */
function dueOf(r: YearReviewSummaryDto): string {
  if (r.status === 'waiting-for-reviewer') return r.reviewerDueAt;
  if (r.status === 'waiting-for-decider') return r.decisionDueAt ?? r.reviewerDueAt;
  return r.dueAt;
}

/** PG administrators: how far each school is through the stage, and the outcomes so far. */
function Progress() {
  const styles = useStyles();
  const progress = useQuery('review-progress', () => getReviewProgress());
  return (
    <section className={styles.section} aria-labelledby="reviews-progress">
      <h3 id="reviews-progress" className={styles.title}>
        Progress by school (PG administrators)
      </h3>
      <LoadState state={progress.state} onRetry={progress.reload} label="Loading progress…">
        {(data) => <ProgressStages data={data} />}
      </LoadState>
    </section>
  );
}

const stageNames = { 'end-of-year': 'End of year', impact: 'Impact review' } as const;

/** One table per stage the trust's reviews are in; a choice of stage only where there are two. */
function ProgressStages({ data }: { data: YearReviewProgressResponse }) {
  const stages = (['impact', 'end-of-year'] as const).filter((s) => data.rows.some((r) => r.stage === s));
  const [chosen, setChosen] = useState<'impact' | 'end-of-year'>();
  const stage = chosen && stages.includes(chosen) ? chosen : (stages[stages.length - 1] ?? 'end-of-year');
  return (
    <>
      {stages.length > 1 && (
        <TabList selectedValue={stage} onTabSelect={(_, d) => setChosen(d.value as typeof stage)} aria-label="Review stage" size="small">
          {stages.map((s) => (
            <Tab key={s} value={s}>
              {stageNames[s]}
            </Tab>
          ))}
        </TabList>
      )}
      <ProgressTable data={data} stage={stage} />
    </>
  );
}

function ProgressTable({ data, stage }: { data: YearReviewProgressResponse; stage: 'impact' | 'end-of-year' }) {
  const styles = useStyles();
  const rows = data.rows.filter((r) => r.stage === stage);
  if (rows.length === 0) {
    return (
      <EmptyState icon="📋" title="No reviews open yet">
        Reviews open on their date in the schedule; each school&apos;s counts appear here.
      </EmptyState>
    );
  }
  const impact = stage === 'impact';
  return (
    <>
      <div className={styles.scroll} role="region" aria-label="Progress by school" tabIndex={0}>
        <Table className={styles.table} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>School</TableHeaderCell>
              <TableHeaderCell>Open</TableHeaderCell>
              {impact ? (
                <TableHeaderCell>Outcome recorded</TableHeaderCell>
              ) : (
                <>
                  <TableHeaderCell>Reflections sent</TableHeaderCell>
                  <TableHeaderCell>Statements</TableHeaderCell>
                  <TableHeaderCell>Decided</TableHeaderCell>
                </>
              )}
              <TableHeaderCell>Comments</TableHeaderCell>
              <TableHeaderCell>Complete</TableHeaderCell>
              <TableHeaderCell>Overdue</TableHeaderCell>
              <TableHeaderCell className={styles.outcomesCell}>Outcomes</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.school}>
                <TableCell>{r.school || '—'}</TableCell>
                <TableCell>{r.opened}</TableCell>
                {impact ? (
                  <TableCell>{r.outcomeRecorded}</TableCell>
                ) : (
                  <>
                    <TableCell>{r.reflectionsSubmitted}</TableCell>
                    <TableCell>{r.statements}</TableCell>
                    <TableCell>{r.finalDecisions}</TableCell>
                  </>
                )}
                <TableCell>{r.staffComments}</TableCell>
                <TableCell>{r.complete}</TableCell>
                <TableCell>{r.overdue}</TableCell>
                <TableCell>
                  {Object.keys(r.outcomes).length === 0 ? (
                    '—'
                  ) : (
                    <ul className={styles.outcomes}>
                      {Object.entries(r.outcomes).map(([label, count]) => (
                        <li key={label}>
                          {label}: {count}
                        </li>
                      ))}
                    </ul>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {(impact || data.supportPlans.open + data.supportPlans.succeeded + data.supportPlans.unsuccessful > 0) && (
        <Text size={200} className={styles.muted}>
          Support plans: {data.supportPlans.open} open · {data.supportPlans.succeeded} succeeded · {data.supportPlans.unsuccessful} unsuccessful
        </Text>
      )}
    </>
  );
}
