import { makeStyles, mergeClasses, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { CheckmarkCircleFilled, CircleRegular, RecordRegular } from '@fluentui/react-icons';
import type { Me, Rock } from '../../api/model';
import { capitalise } from '../../shell/me';
import { nextStep, stageOf, stepsDone, type Stage } from './rockText';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { ...typographyStyles.subtitle2, margin: 0 },
  next: { ...typographyStyles.body1Strong },
  rows: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
  },
  theme: { minWidth: '9rem', overflowWrap: 'anywhere' },
  steps: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    padding: 0,
    listStyle: 'none',
  },
  step: {
    position: 'relative',
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    color: tokens.colorNeutralForeground2,
  },
  done: { color: tokens.colorPaletteGreenForeground1 },
  current: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
  },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

const stepNames = ['Write', 'Propose', 'Agreed'] as const;

/** What the current step is called at this stage, for the one step in progress. */
const currentWords: Partial<Record<Stage, string>> = {
  revise: 'Revise and propose again',
  waiting: 'Waiting to be agreed',
  respond: 'Changes to accept',
  deciding: 'With a manager to decide',
};

/**
 * The page's guide: how many of this period's rocks are agreed, the one thing to do next, and
 * per slot where its rock stands on the way Write → Propose → Agreed.
 */
export function RockGuide({ me, rocks, required }: { me: Me; rocks: Rock[]; required: number }) {
  const styles = useStyles();
  const words = me.vocabulary;
  const slots = me.slots.map((slot) => ({
    theme: slot.theme,
    rock: rocks.find((r) => r.slotId === slot.id && r.status !== 'completed') ?? rocks.find((r) => r.slotId === slot.id),
  }));
  const agreed = Math.min(required, rocks.filter((r) => r.status === 'agreed' || r.status === 'completed').length);
  return (
    <section className={styles.root} aria-labelledby="rock-guide-heading">
      <h3 id="rock-guide-heading" className={styles.heading}>{`${agreed} of ${required} agreed`}</h3>
      <Text className={styles.next}>{`Next: ${nextStep(slots, words, me.reviewer?.displayName)}`}</Text>
      <ul className={styles.rows} aria-label={`Your ${words.rocks}, step by step`}>
        {slots.map(({ theme, rock }) => {
          const stage = stageOf(rock?.status);
          const done = stepsDone[stage];
          return (
            <li key={theme} className={styles.row}>
              <Text className={styles.theme} weight="semibold">
                {capitalise(theme)}
              </Text>
              <ol className={styles.steps}>
                {stepNames.map((name, i) => {
                  const isDone = i < done;
                  const isCurrent = i === done;
                  const text = isCurrent && currentWords[stage] ? currentWords[stage] : name;
                  return (
                    <li
                      key={name}
                      className={mergeClasses(styles.step, isDone && styles.done, isCurrent && styles.current)}
                      aria-current={isCurrent ? 'step' : undefined}
                    >
                      {isDone ? <CheckmarkCircleFilled aria-hidden /> : isCurrent ? <RecordRegular aria-hidden /> : <CircleRegular aria-hidden />}
                      <span>
                        {text}
                        <span className={styles.hidden}>{isDone ? ' (done)' : isCurrent ? ' (now)' : ' (to do)'}</span>
                      </span>
                    </li>
                  );
                })}
              </ol>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
