import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Text,
  Textarea,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../api/client';
import { acknowledgeCheckIn, getCheckIn, respondToCheckIn } from '../../api/endpoints';
import type { CheckIn, CheckInDetail } from '../../api/model';
import { toApiError, useQuery } from '../../api/useQuery';
import { capitalise, useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { fieldError } from '../common/fieldErrors';
import { ErrorMessage, LoadState } from '../common/LoadState';
import { Thread } from '../common/Thread';
import { anchorLabel } from './timelineText';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  subtitle: { ...typographyStyles.body1Strong, margin: 0 },
  answers: { margin: 0, display: 'grid', gridTemplateColumns: 'minmax(8rem, max-content) minmax(0, 1fr)', gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, '@media (max-width: 560px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  term: { ...typographyStyles.body1Strong },
  definition: { margin: 0, whiteSpace: 'pre-wrap' },
  muted: { color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start', maxWidth: '40rem' },
  stretch: { alignSelf: 'stretch' },
});

/** One check-in opened: the answers, the reviewer's acknowledgement and response, and the thread. */
export function CheckInPanel({ checkInId, onChanged }: { checkInId: string; onChanged?: (checkIn: CheckIn) => void }) {
  const detail = useQuery(`check-in:${checkInId}`, () => getCheckIn(checkInId));
  return (
    <LoadState state={detail.state} onRetry={detail.reload} label="Opening the check-in…">
      {(data) => (
        <CheckInBody
          detail={data}
          onChanged={(checkIn) => {
            detail.set((d) => ({ ...d, checkIn, canAcknowledge: d.canAcknowledge && !checkIn.acknowledgement }));
            onChanged?.(checkIn);
          }}
        />
      )}
    </LoadState>
  );
}

function CheckInBody({ detail, onChanged }: { detail: CheckInDetail; onChanged: (checkIn: CheckIn) => void }) {
  const styles = useStyles();
  const dates = useDates();
  const me = useMe();
  const { checkIn, person } = detail;
  const mine = person.id === me.person.id;
  const rockTitles = new Map(checkIn.answers.rockProgress.map((p) => [p.rockId, p.rockTitle]));
  const title = detail.event?.title ?? capitalise(me.vocabulary.checkIn);
  const headingId = `check-in-${checkIn.id}`;
  const answers: Array<[string, string]> = [
    ['What went well', checkIn.answers.www],
    ['Even better if', checkIn.answers.ebi],
    ['What’s next', checkIn.answers.whatsNext],
    ...checkIn.answers.rockProgress.map((p): [string, string] => [`Progress: ${p.rockTitle}`, p.progress]),
  ];

  return (
    <article className={styles.root} aria-labelledby={headingId} data-check-in-id={checkIn.id}>
      <div>
        <h3 id={headingId} className={styles.title}>
          {mine ? title : `${person.displayName}: ${title}`}
        </h3>
        <Text size={200} className={styles.muted}>
          Submitted {dates.time(checkIn.submittedAt)} · {checkIn.timeliness === 'on-time' ? 'on time' : 'late'}
          {checkIn.editedAt ? ` · edited ${dates.time(checkIn.editedAt)}` : ''}
        </Text>
      </div>
      <dl className={styles.answers}>
        {answers.map(([term, text]) => (
          <div key={term} style={{ display: 'contents' }}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.definition}>{text || <span className={styles.muted}>Not answered</span>}</dd>
          </div>
        ))}
        <dt className={styles.term}>Score</dt>
        <dd className={styles.definition}>{checkIn.answers.score !== undefined ? `${checkIn.answers.score} out of 10` : <span className={styles.muted}>Not given</span>}</dd>
        {checkIn.praise.length > 0 && (
          <>
            <dt className={styles.term}>Praise</dt>
            <dd className={styles.definition}>
              {checkIn.praise.map((p) => p.displayName).join(', ')}
              {checkIn.praiseMessage ? `: “${checkIn.praiseMessage}”` : ''}
            </dd>
          </>
        )}
      </dl>

      <section aria-label={`${capitalise(me.vocabulary.reviewer)}’s response`}>
        {checkIn.acknowledgement ? (
          <Text as="p" className={styles.muted} style={{ margin: 0 }}>
            Acknowledged by {checkIn.acknowledgement.byName ?? `your ${me.vocabulary.reviewer}`} on {dates.time(checkIn.acknowledgement.at)}
          </Text>
        ) : (
          <Text as="p" className={styles.muted} style={{ margin: 0 }}>
            Not acknowledged yet{checkIn.reviewer ? ` by ${checkIn.reviewer.displayName}` : ''}.
          </Text>
        )}
        {checkIn.reviewerResponse && (
          <MessageBar intent="info" layout="multiline" style={{ marginTop: tokens.spacingVerticalS }}>
            <MessageBarBody>
              <MessageBarTitle>
                {checkIn.reviewerResponse.byName ?? capitalise(me.vocabulary.reviewer)} on {anchorLabel(checkIn.reviewerResponse.anchor, rockTitles)}
              </MessageBarTitle>
              {checkIn.reviewerResponse.text}
            </MessageBarBody>
          </MessageBar>
        )}
        {(detail.canAcknowledge || detail.canRespond) && (
          <ReviewerActions detail={detail} rockTitles={rockTitles} onChanged={onChanged} />
        )}
      </section>

      <div>
        <h4 className={styles.subtitle}>Feedback</h4>
        <Thread kind="check-in" subjectId={checkIn.id} label={`Feedback on ${title}`} />
      </div>
    </article>
  );
}

/** seed 001: the reviewer acknowledges every check-in and comments on at least one answer. */
function ReviewerActions({
  detail,
  rockTitles,
  onChanged,
}: {
  detail: CheckInDetail;
  rockTitles: Map<string, string>;
  onChanged: (checkIn: CheckIn) => void;
}) {
  const styles = useStyles();
  const { checkIn } = detail;
  const [text, setText] = useState('');
  const [anchor, setAnchor] = useState('general');
  const [busy, setBusy] = useState<'acknowledge' | 'respond'>();
  const [error, setError] = useState<ApiError>();
  const anchors = ['general', 'www', 'ebi', 'whatsNext', 'score', ...checkIn.answers.rockProgress.map((p) => `rock:${p.rockId}`)];

  const run = async (which: 'acknowledge' | 'respond', call: () => Promise<CheckIn>) => {
    setBusy(which);
    setError(undefined);
    try {
      onChanged(await call());
      if (which === 'respond') setText('');
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setBusy(undefined);
    }
  };
  const onRespond = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() !== '') void run('respond', () => respondToCheckIn(checkIn.id, text.trim(), anchor));
  };

  return (
    <div className={styles.form} style={{ marginTop: tokens.spacingVerticalM }}>
      {error && error.errors.length === 0 && <ErrorMessage error={error} />}
      {detail.canAcknowledge && !checkIn.acknowledgement && (
        <Button appearance="primary" disabled={busy !== undefined} onClick={() => void run('acknowledge', () => acknowledgeCheckIn(checkIn.id))}>
          {busy === 'acknowledge' ? 'Acknowledging…' : 'Acknowledge'}
        </Button>
      )}
      {detail.canRespond && (
        <form className={styles.form} onSubmit={onRespond} noValidate style={{ alignSelf: 'stretch' }}>
          <Field label="Which answer is it about?" validationState={fieldError(error, 'anchor') ? 'error' : 'none'} validationMessage={fieldError(error, 'anchor')}>
            <Select value={anchor} onChange={(_, d) => setAnchor(d.value)}>
              {anchors.map((a) => (
                <option key={a} value={a}>
                  {anchorLabel(a, rockTitles)}
                </option>
              ))}
            </Select>
          </Field>
          <Field
            className={styles.stretch}
            label={checkIn.reviewerResponse ? 'Update your response' : 'Your response'}
            validationState={fieldError(error, 'text') ? 'error' : 'none'}
            validationMessage={fieldError(error, 'text')}
          >
            <Textarea value={text} onChange={(_, d) => setText(d.value)} maxLength={2000} resize="vertical" />
          </Field>
          <Button type="submit" disabled={busy !== undefined || text.trim() === ''}>
            {busy === 'respond' ? 'Sending…' : 'Send response'}
          </Button>
        </form>
      )}
    </div>
  );
}
