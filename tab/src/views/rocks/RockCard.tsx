import {
  Badge,
  Button,
  Checkbox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  Text,
  Textarea,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/client';
import { rockAction, setCriterionDone, type RockAction } from '../../api/endpoints';
import type { Me, Rock } from '../../api/model';
import { toApiError } from '../../api/useQuery';
import { capitalise } from '../../shell/me';
import { useDates } from '../common/dates';
import { fieldError } from '../common/fieldErrors';
import { ErrorMessage } from '../common/LoadState';
import { describeChange, editable, isAgreed, proposable, statusColour, statusLabel } from './rockText';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    scrollMarginTop: tokens.spacingVerticalXXL,
  },
  highlighted: { outline: `${tokens.strokeWidthThick} solid ${tokens.colorBrandStroke1}` },
  header: { display: 'flex', alignItems: 'baseline', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  criteria: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' },
  criterionText: { display: 'flex', flexDirection: 'column' },
  done: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground2 },
  alignment: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  history: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  confirm: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '36rem' },
});

/**
 * One rock: its words, criteria, state and history. The owner edits, proposes, ticks off
 * criteria and completes it; a reviewer (`reviewing`) agrees it or asks for changes with a comment.
 */
export function RockCard({
  me,
  rock,
  themeLabel,
  reviewing = false,
  highlighted = false,
  ownerName,
  onEdit,
  onChanged,
  onConflict,
}: {
  me: Me;
  rock: Rock;
  themeLabel: string;
  reviewing?: boolean;
  highlighted?: boolean;
  ownerName?: string;
  onEdit?: () => void;
  onChanged: (rock: Rock) => void;
  onConflict: () => void;
}) {
  const styles = useStyles();
  const dates = useDates();
  const word = me.vocabulary.rock;
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [showHistory, setShowHistory] = useState(highlighted);
  const [asking, setAsking] = useState<'amend' | 'complete' | 'agree'>();
  const [comment, setComment] = useState('');
  const ref = useRef<HTMLElement>(null);
  const alignmentLabels = new Map(me.alignment.options.map((o) => [o.code, o.label]));

  useEffect(() => {
    if (highlighted) ref.current?.scrollIntoView({ block: 'start' });
  }, [highlighted]);

  const run = async (label: string, call: () => Promise<Rock>) => {
    setBusy(label);
    setError(undefined);
    try {
      onChanged(await call());
      setAsking(undefined);
      setComment('');
    } catch (cause) {
      const apiError = toApiError(cause);
      setError(apiError);
      if (apiError.status === 409) onConflict();
    } finally {
      setBusy(undefined);
    }
  };
  const act = (action: RockAction) => run(action, () => rockAction(rock.id, action, rock.version, comment.trim()));

  const headingId = `rock-${rock.id}-title`;
  const canTick = !reviewing && isAgreed(rock.status);

  return (
    <article
      ref={ref}
      className={mergeClasses(styles.card, highlighted && styles.highlighted)}
      aria-labelledby={headingId}
      data-rock-id={rock.id}
    >
      <div className={styles.header}>
        <Text size={200} className={styles.muted}>
          {ownerName ? `${ownerName} · ` : ''}
          {themeLabel}
        </Text>
        <Badge appearance="tint" color={statusColour[rock.status]}>
          {statusLabel[rock.status]}
        </Badge>
      </div>
      <h3 id={headingId} className={styles.title}>
        {rock.title}
      </h3>
      {rock.description && <Text>{rock.description}</Text>}
      {rock.alignment.length > 0 && (
        <div>
          <Text weight="semibold">{me.alignment.label}</Text>
          <ul className={styles.alignment}>
            {rock.alignment.map((code) => (
              <li key={code}>
                <Text size={200}>
                  <strong>{code}</strong> {alignmentLabels.get(code) ?? ''}
                </Text>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <Text weight="semibold">Success criteria</Text>
        {rock.successCriteria.length === 0 ? (
          <Text as="p" className={styles.muted}>
            None yet.
          </Text>
        ) : (
          <ul className={styles.criteria}>
            {rock.successCriteria.map((c) => {
              const label = (
                <span className={styles.criterionText}>
                  <span className={c.done ? styles.done : undefined}>{c.text}</span>
                  <Text size={200} className={styles.muted}>
                    {c.targetDate ? `Target ${dates.day(c.targetDate)}` : 'No target date'}
                    {c.done && c.doneAt ? ` · done ${dates.day(c.doneAt)}` : ''}
                  </Text>
                </span>
              );
              return (
                <li key={c.id}>
                  {canTick ? (
                    <Checkbox
                      checked={c.done}
                      disabled={busy !== undefined}
                      label={label}
                      onChange={(_, d) =>
                        void run(`tick-${c.id}`, () => setCriterionDone(rock.id, c.id, d.checked === true, rock.version))
                      }
                    />
                  ) : (
                    <Checkbox checked={c.done} disabled label={label} />
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </div>
      {rock.reviewerNote && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{capitalise(me.vocabulary.reviewer)}’s comment</MessageBarTitle>
            {rock.reviewerNote}
          </MessageBarBody>
        </MessageBar>
      )}
      {error && <ErrorMessage error={error} title={error.status === 409 ? `This ${word} has changed; it has been reloaded` : undefined} />}

      {asking && (
        <div className={styles.confirm}>
          <Field
            label={
              asking === 'amend'
                ? 'What did you change, and why? (required)'
                : asking === 'agree'
                  ? 'Comment (optional)'
                  : 'How did it go? (optional)'
            }
            validationState={fieldError(error, 'comment') ? 'error' : 'none'}
            validationMessage={fieldError(error, 'comment')}
          >
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} maxLength={2000} resize="vertical" />
          </Field>
          <div className={styles.actions}>
            <Button
              appearance="primary"
              disabled={busy !== undefined || (asking === 'amend' && comment.trim() === '')}
              onClick={() => void act(asking)}
            >
              {asking === 'amend' ? `Agree as amended` : asking === 'agree' ? `Agree ${word}` : `Mark ${word} complete`}
            </Button>
            <Button onClick={() => setAsking(undefined)} disabled={busy !== undefined}>
              Cancel
            </Button>
          </div>
        </div>
      )}

      {!asking && (
        <div className={styles.actions}>
          {!reviewing && editable(rock.status) && onEdit && <Button onClick={onEdit}>Edit</Button>}
          {!reviewing && proposable(rock.status) && (
            <Button appearance="primary" disabled={busy !== undefined} onClick={() => void act('propose')}>
              {busy === 'propose' ? 'Proposing…' : `Propose to your ${me.vocabulary.reviewer}`}
            </Button>
          )}
          {!reviewing && isAgreed(rock.status) && (
            <Button onClick={() => setAsking('complete')}>Mark complete early</Button>
          )}
          {reviewing && rock.status === 'proposed' && (
            <>
              <Button appearance="primary" onClick={() => setAsking('agree')}>
                Agree
              </Button>
              <Button onClick={() => setAsking('amend')}>Amend with a comment</Button>
            </>
          )}
          <Button appearance="subtle" aria-expanded={showHistory} onClick={() => setShowHistory((s) => !s)}>
            {showHistory ? 'Hide history' : `History (${rock.history.length})`}
          </Button>
        </div>
      )}

      {showHistory && (
        <section aria-label={`History of ${rock.title}`}>
          {rock.history.length === 0 ? (
            <Text className={styles.muted}>No changes recorded yet.</Text>
          ) : (
            <ol className={styles.history}>
              {[...rock.history].reverse().map((change, i) => (
                <li key={`${change.at}-${i}`}>
                  <Text size={200}>
                    <strong>{describeChange(change)}</strong> · {dates.time(change.at)}
                    {change.byName ? ` · ${change.byName}` : ''}
                  </Text>
                  {change.note && (
                    <Text as="p" size={200} className={styles.muted} style={{ margin: 0 }}>
                      “{change.note}”
                    </Text>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
      )}
    </article>
  );
}
