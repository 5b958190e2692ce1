import { Text } from '@fluentui/react-components';
import type { YearReviewDto } from '../../../../shared/api';
import { capitalise, useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { useReviewStyles } from './styles';

/** Seed 000 §10: the written summary as released, and the new-year summary; printable. */
export function SummaryPart({ review }: { review: YearReviewDto }) {
  const styles = useReviewStyles();
  const me = useMe();
  const dates = useDates();
  const s = review.summary;
  if (!s) return null;
  const rock = capitalise(me.vocabulary.rocks);
  return (
    <>
      <section className={styles.section} aria-labelledby="review-summary">
        <h3 id="review-summary" className={styles.title}>
          Written summary
        </h3>
        <Text size={200} className={styles.muted}>
          {review.person.displayName} · {review.label} · released <time dateTime={s.releasedAt}>{dates.day(s.releasedAt)}</time>
        </Text>
        <h4 className={styles.subtitle}>{rock}</h4>
        {s.rocks.length === 0 ? (
          <Text className={styles.muted}>None recorded.</Text>
        ) : (
          <ul className={styles.list}>
            {s.rocks.map((r) => (
              <li key={r.rockId}>
                <Text block weight="semibold">{r.title}</Text>
                <Text as="p" block className={styles.pre}>
                  {r.progress || '—'}
                  {r.completed ? `\nCompleted: ${r.completed}` : ''}
                </Text>
              </li>
            ))}
          </ul>
        )}
        <h4 className={styles.subtitle}>Performance of the role</h4>
        <Text as="p" block className={styles.pre}>
          {s.rolePerformance || '—'}
        </Text>
        {s.supportingInformation.length > 0 && (
          <>
            <h4 className={styles.subtitle}>Supporting information</h4>
            <ul>
              {s.supportingInformation.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </>
        )}
        <h4 className={styles.subtitle}>Review statement</h4>
        <Text as="p" block className={styles.pre}>
          {s.statement || '—'}
        </Text>
        <h4 className={styles.subtitle}>Outcome</h4>
        <Text as="p" block>{s.outcomeLabel}</Text>
      </section>
      <section className={styles.section} aria-labelledby="review-new-year">
        <h3 id="review-new-year" className={styles.title}>
          New-year summary
        </h3>
        <h4 className={styles.subtitle}>Next year&apos;s {me.vocabulary.rocks}</h4>
        {s.nextYear.rocks.length === 0 ? (
          <Text className={styles.muted}>Not set yet.</Text>
        ) : (
          <ul className={styles.list}>
            {s.nextYear.rocks.map((r, i) => (
              <li key={i}>
                <Text block weight="semibold">{r.title}</Text>
                {r.successCriteria.length > 0 && (
                  <ul>
                    {r.successCriteria.map((c, j) => (
                      <li key={j}>{c}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
        <h4 className={styles.subtitle}>Supporting standards</h4>
        <Text as="p" block className={styles.pre}>
          {s.nextYear.standards || '—'}
        </Text>
        <h4 className={styles.subtitle}>Growth plan</h4>
        <Text as="p" block className={styles.pre}>
          {s.nextYear.growthPlan || '—'}
        </Text>
      </section>
    </>
  );
}
