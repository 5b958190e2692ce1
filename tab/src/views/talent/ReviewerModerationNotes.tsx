import { makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { getMyRevieweesModerationNotes } from '../../api/talent';
import { useQuery } from '../../api/useQuery';
import { useMe } from '../../shell/me';
import { useDates } from '../common/dates';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2 },
});

/** The team view's moderation notes (seed 000 §6): what senior leaders noted on my reviewees' rocks. Hidden when there are none. */
export function ReviewerModerationNotes() {
  const styles = useStyles();
  const me = useMe();
  const dates = useDates();
  const notes = useQuery('moderation:notes-for-me', getMyRevieweesModerationNotes);
  const items = notes.state.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className={styles.root} aria-labelledby="reviewer-moderation-notes">
      <h3 id="reviewer-moderation-notes" className={styles.title}>
        Moderation notes
      </h3>
      <Text className={styles.muted}>Senior leaders&apos; notes on your team&apos;s {me.vocabulary.rocks}; the owners do not see them.</Text>
      <ul className={styles.list}>
        {items.map((n) => (
          <li key={n.id}>
            <Text weight="semibold">{`${n.owner.displayName}: ${n.rockTitle}`}</Text> — {n.text}{' '}
            <span className={styles.muted}>({n.author.displayName}, {dates.day(n.createdAt)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
