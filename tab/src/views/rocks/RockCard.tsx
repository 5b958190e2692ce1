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
import { decideRock, rockAction, setCriterionDone, setRockPriority, type RockAction, type RockContentChange } from '../../api/endpoints';
import type { Me, Rock } from '../../api/model';
import { toApiError } from '../../api/useQuery';
import { capitalise } from '../../shell/me';
import { useDates } from '../common/dates';
import { fieldError } from '../common/fieldErrors';
import { ErrorMessage } from '../common/LoadState';
import { CheckmarkCircleFilled } from '@fluentui/react-icons';
import { GrowingTextarea } from '../common/GrowingTextarea';
import { RockFeedback } from './RockFeedback';
import { alignmentText, describeChange, editable, isAgreed, proposable, reviewerStatusLabel, statusColour, statusLabel } from './rockText';

type Asking = 'amend' | 'complete' | 'agree' | 'send-back' | 'escalate' | 'accept' | 'decide-agree' | 'decide-revise';

/** What the comment box asks for, and whether it must be filled in. */
const ASK: Record<Asking, { label: string; required: boolean }> = {
  amend: { label: 'What did you change, and why? (required)', required: true },
  agree: { label: 'Comment (optional)', required: false },
  complete: { label: 'How did it go? (optional)', required: false },
  'send-back': { label: 'What needs revising, and why? (required)', required: true },
  escalate: { label: 'Why you and your reviewer could not agree (required)', required: true },
  accept: { label: 'Anything to add? (optional)', required: false },
  'decide-agree': { label: 'Your decision, for both of them (required)', required: true },
  'decide-revise': { label: 'What needs revising, for both of them (required)', required: true },
};

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
  // Draft, proposed or with the reviewer: the words to read and agree, in the body text colour.
  readList: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  readItem: { overflowWrap: 'anywhere' },
  doneMark: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, color: tokens.colorPaletteGreenForeground1, marginLeft: tokens.spacingHorizontalS },
  criterionText: { display: 'flex', flexDirection: 'column', color: tokens.colorNeutralForeground1 },
  done: { textDecorationLine: 'line-through', color: tokens.colorNeutralForeground2 },
  alignment: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', alignItems: 'center' },
  history: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  confirm: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '36rem' },
});

/**
 * One rock: its words, criteria, state and history. The owner edits, proposes, accepts an
 * amendment, revises, escalates, ticks off criteria, completes it and marks priorities; a reviewer
 * (`reviewing`) agrees, amends or sends it back; the reviewer's manager (`deciding`) settles it.
 */
export function RockCard({
  me,
  rock,
  themeLabel,
  reviewing = false,
  deciding = false,
  canPrioritise = false,
  highlighted = false,
  ownerName,
  showFeedback = true,
  onEdit,
  onChanged,
  onConflict,
}: {
  me: Me;
  rock: Rock;
  themeLabel: string;
  reviewing?: boolean;
  /** The reviewer's manager, deciding an escalated rock (seed 001 FAQ). */
  deciding?: boolean;
  /** The owner holds more than the policy's priorities: they mark which are for review. */
  canPrioritise?: boolean;
  highlighted?: boolean;
  ownerName?: string;
  /** The rock's feedback thread ("Feedback (3)"), shared by the owner and their reviewer. On unless turned off. */
  showFeedback?: boolean;
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
  const [asking, setAsking] = useState<Asking>();
  const [comment, setComment] = useState('');
  const [content, setContent] = useState<RockContentChange>();
  const ref = useRef<HTMLElement>(null);
  const alignmentLabels = new Map(me.alignment.options.map((o) => [o.code, alignmentText(o)]));

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
      setContent(undefined);
    } catch (cause) {
      const apiError = toApiError(cause);
      setError(apiError);
      if (apiError.status === 409) onConflict();
    } finally {
      setBusy(undefined);
    }
  };
  const act = (action: RockAction) => run(action, () => rockAction(rock.id, action, rock.version, comment.trim(), content));
  const submit = (what: Asking) => {
    if (what === 'decide-agree' || what === 'decide-revise') {
      const outcome = what === 'decide-agree' ? 'agreed' : 'revise';
      return run(what, () => decideRock(rock.id, { version: rock.version, outcome, comment: comment.trim(), ...(outcome === 'agreed' ? content : {}) }));
    }
    return act(what);
  };
  /** Amending and deciding may change the words: start from the rock as it stands. */
  const ask = (what: Asking) => {
    setAsking(what);
    setContent(
      what === 'amend' || what === 'decide-agree'
        ? { title: rock.title, description: rock.description, successCriteria: rock.successCriteria.map((c) => ({ id: c.id, text: c.text, ...(c.targetDate ? { targetDate: c.targetDate } : {}) })) }
        : undefined,
    );
  };

  const headingId = `rock-${rock.id}-title`;
  const owner = !reviewing && !deciding;
  const canTick = owner && isAgreed(rock.status);
  const label = owner ? statusLabel[rock.status] : reviewerStatusLabel[rock.status];
  const askSubmitText: Record<Asking, string> = {
    amend: 'Send the amended version',
    agree: `Agree ${word}`,
    complete: `Mark ${word} complete`,
    'send-back': 'Send back to revise',
    escalate: 'Ask for a decision',
    accept: 'Accept the changes',
    'decide-agree': 'Agree this final version',
    'decide-revise': 'Send back to revise',
  };

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
          {label}
        </Badge>
        {rock.priority && (
          <Badge appearance="filled" color="brand">
            Priority for review
          </Badge>
        )}
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
                <Text size={200}>{alignmentLabels.get(code) ?? 'An option your organisation no longer lists'}</Text>
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
        ) : !canTick ? (
          <ul className={styles.readList}>
            {rock.successCriteria.map((c) => (
              <li key={c.id} className={styles.readItem}>
                <Text>{c.text}</Text>
                {c.done && (
                  <Text size={200} weight="semibold" className={styles.doneMark}>
                    <CheckmarkCircleFilled aria-hidden />
                    Done
                  </Text>
                )}
                <br />
                <Text size={200} className={styles.muted}>
                  {c.targetDate ? `Target ${dates.day(c.targetDate)}` : 'No target date'}
                  {c.done && c.doneAt ? ` · done ${dates.day(c.doneAt)}` : ''}
                </Text>
              </li>
            ))}
          </ul>
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
                  <Checkbox
                    checked={c.done}
                    disabled={busy !== undefined}
                    label={label}
                    onChange={(_, d) => void run(`tick-${c.id}`, () => setCriterionDone(rock.id, c.id, d.checked === true, rock.version))}
                  />
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
      {rock.escalation && (
        <MessageBar intent={rock.escalation.outcome ? 'info' : 'warning'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>
              {rock.escalation.outcome
                ? `Decided by ${rock.escalation.toName ?? 'the manager'}: ${rock.escalation.outcome === 'agreed' ? 'agreed' : 'revise'}`
                : `Taken to ${rock.escalation.toName ?? `the ${me.vocabulary.reviewer}’s manager`} to decide`}
            </MessageBarTitle>
            {rock.escalation.reason}
          </MessageBarBody>
        </MessageBar>
      )}
      {error && <ErrorMessage error={error} title={error.status === 409 ? `This ${word} has changed; it has been reloaded` : undefined} />}

      {asking && (
        <div className={styles.confirm}>
          {content && (
            <>
              <Field label="Title" validationState={fieldError(error, 'title') ? 'error' : 'none'} validationMessage={fieldError(error, 'title')}>
                <GrowingTextarea singleLine value={content.title ?? ''} maxLength={200} onChange={(_, d) => setContent({ ...content, title: d.value })} />
              </Field>
              <Field label="Description">
                <GrowingTextarea value={content.description ?? ''} maxLength={2000} onChange={(_, d) => setContent({ ...content, description: d.value })} />
              </Field>
              {(content.successCriteria ?? []).map((c, i) => (
                <Field
                  key={c.id ?? i}
                  label={`Success criterion ${i + 1}`}
                  validationState={fieldError(error, `successCriteria.${i}.text`) ? 'error' : 'none'}
                  validationMessage={fieldError(error, `successCriteria.${i}.text`)}
                >
                  <GrowingTextarea
                    singleLine
                    value={c.text}
                    maxLength={500}
                    onChange={(_, d) => setContent({ ...content, successCriteria: (content.successCriteria ?? []).map((x, j) => (j === i ? { ...x, text: d.value } : x)) })}
                  />
                </Field>
              ))}
            </>
          )}
          <Field
            label={ASK[asking].label}
            validationState={fieldError(error, 'comment') || fieldError(error, 'reason') ? 'error' : 'none'}
            validationMessage={fieldError(error, 'comment') ?? fieldError(error, 'reason')}
          >
            <Textarea value={comment} onChange={(_, d) => setComment(d.value)} maxLength={2000} resize="vertical" />
          </Field>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={busy !== undefined || (ASK[asking].required && comment.trim() === '')} onClick={() => void submit(asking)}>
              {askSubmitText[asking]}
            </Button>
            <Button onClick={() => setAsking(undefined)} disabled={busy !== undefined}>
              Cancel
            </Button>
          </div>
        </div>
      )}

      {!asking && (
        <div className={styles.actions}>
          {owner && rock.status === 'amended' && (
            <Button appearance="primary" onClick={() => ask('accept')}>
              Accept the changes
            </Button>
          )}
          {owner && editable(rock.status) && onEdit && (
            <Button onClick={onEdit}>{rock.status === 'amended' || rock.status === 'revise' ? 'Revise' : 'Edit'}</Button>
          )}
          {owner && proposable(rock.status) && (
            <Button appearance="primary" disabled={busy !== undefined} onClick={() => void act('propose')}>
              {busy === 'propose' ? 'Proposing…' : rock.status === 'revise' ? `Propose again` : `Propose to ${me.reviewer?.displayName ?? `your ${me.vocabulary.reviewer}`}`}
            </Button>
          )}
          {owner && (rock.status === 'amended' || rock.status === 'revise') && (
            <Button onClick={() => ask('escalate')}>{`Take it to your ${me.vocabulary.reviewer}’s manager`}</Button>
          )}
          {owner && isAgreed(rock.status) && <Button onClick={() => ask('complete')}>Mark complete early</Button>}
          {owner && canPrioritise && rock.status !== 'completed' && (
            <Checkbox
              checked={rock.priority === true}
              disabled={busy !== undefined}
              label="Priority for review"
              onChange={(_, d) => void run('priority', () => setRockPriority(rock.id, d.checked === true, rock.version))}
            />
          )}
          {reviewing && rock.status === 'proposed' && (
            <>
              <Button appearance="primary" onClick={() => ask('agree')}>
                Agree
              </Button>
              <Button onClick={() => ask('amend')}>Amend</Button>
              <Button onClick={() => ask('send-back')}>Not agreed — revise</Button>
            </>
          )}
          {deciding && rock.status === 'escalated' && (
            <>
              <Button appearance="primary" onClick={() => ask('decide-agree')}>
                Agree a final version
              </Button>
              <Button onClick={() => ask('decide-revise')}>Send back to revise</Button>
            </>
          )}
          <Button appearance="subtle" aria-expanded={showHistory} onClick={() => setShowHistory((s) => !s)}>
            {showHistory ? 'Hide history' : `History (${rock.history.length})`}
          </Button>
        </div>
      )}

      {showFeedback && <RockFeedback rockId={rock.id} title={rock.title} count={rock.commentCount} open={highlighted} />}

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
