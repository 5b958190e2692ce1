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
  // Each label above its answer: a long rock title as a label never squeezes the answers into a
  // narrow column, and nothing is wider than the panel on a phone.
  answers: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0, maxWidth: '48rem' },
  answer: { minWidth: 0 },
  term: { ...typographyStyles.body1Strong, overflowWrap: 'anywhere' },
  definition: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'flex-start', width: '100%', maxWidth: '40rem', minWidth: 0, boxSizing: 'border-box' },
  stretch: { alignSelf: 'stretch', minWidth: 0, maxWidth: '100%' },
  // A native select is as wide as its longest option: held to the form's width (option texts are shortened too).
  select: { minWidth: 0, maxWidth: '100%', width: '100%', '& select': { minWidth: 0, maxWidth: '100%', textOverflow: 'ellipsis' } },
});

/** An option's text, short enough for a phone (the full title is in the answer above). */
const shorten = (text: string, max = 48) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

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
  const awaiting = detail.canAcknowledge && !checkIn.acknowledgement;
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
          <div key={term} className={styles.answer}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.definition}>{text || <span className={styles.muted}>Not answered</span>}</dd>
          </div>
        ))}
        <div className={styles.answer}>
          <dt className={styles.term}>Score</dt>
          <dd className={styles.definition}>{checkIn.answers.score !== undefined ? `${checkIn.answers.score} out of 10` : <span className={styles.muted}>Not given</span>}</dd>
        </div>
        {checkIn.praise.length > 0 && (
          <div className={styles.answer}>
            <dt className={styles.term}>Praise</dt>
            <dd className={styles.definition}>
              {checkIn.praise.map((p) => p.displayName).join(', ')}
              {checkIn.praiseMessage ? `: “${checkIn.praiseMessage}”` : ''}
            </dd>
          </div>
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
        {awaiting && <AcknowledgeAndReply detail={detail} rockTitles={rockTitles} onChanged={onChanged} />}
      </section>

      <div>
        <h4 className={styles.subtitle}>Feedback</h4>
        {/* While the reviewer has not acknowledged, the one form above takes their reply; afterwards replies go here. */}
        <Thread kind="check-in" subjectId={checkIn.id} label={`Feedback on ${title}`} canReply={!awaiting} />
      </div>
    </article>
  );
}

/**
 * seed 001: the reviewer acknowledges every check-in and comments on at least one answer — one
 * form: an optional reply, optionally about one answer, and one button ("Acknowledge and reply",
 * or "Acknowledge" while the reply is empty). What is typed stays if the server refuses it.
 */
function AcknowledgeAndReply({
  detail,
  rockTitles,
  onChanged,
}: {
  detail: CheckInDetail;
  rockTitles: Map<string, string>;
  onChanged: (checkIn: CheckIn) => void;
}) {
  const styles = useStyles();
  const me = useMe();
  const { checkIn, person } = detail;
  const [text, setText] = useState('');
  const [anchor, setAnchor] = useState('general');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const anchors = ['general', 'www', 'ebi', 'whatsNext', 'score', ...checkIn.answers.rockProgress.map((p) => `rock:${p.rockId}`)];
  const reply = text.trim();
  const first = person.displayName.split(' ')[0] ?? person.displayName;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await (reply !== '' && detail.canRespond ? respondToCheckIn(checkIn.id, reply, anchor) : acknowledgeCheckIn(checkIn.id)));
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className={styles.form} onSubmit={(e) => void onSubmit(e)} noValidate style={{ marginTop: tokens.spacingVerticalM }} aria-label={`Acknowledge ${first}'s ${me.vocabulary.checkIn}`}>
      {error && error.errors.length === 0 && <ErrorMessage error={error} title="Not acknowledged yet" />}
      {detail.canRespond && (
        <>
          <Field
            className={styles.stretch}
            label={`Your reply to ${first} (optional)`}
            hint={`${first} sees it with your acknowledgement. Later replies go in the feedback below.`}
            validationState={fieldError(error, 'text') ? 'error' : 'none'}
            validationMessage={fieldError(error, 'text')}
          >
            <Textarea value={text} onChange={(_, d) => setText(d.value)} maxLength={2000} resize="vertical" />
          </Field>
          <Field
            className={styles.stretch}
            label="About which answer? (optional)"
            validationState={fieldError(error, 'anchor') ? 'error' : 'none'}
            validationMessage={fieldError(error, 'anchor')}
          >
            <Select className={styles.select} value={anchor} onChange={(_, d) => setAnchor(d.value)}>
              {anchors.map((a) => (
                <option key={a} value={a}>
                  {shorten(a.startsWith('rock:') ? `Progress: ${anchorLabel(a, rockTitles)}` : anchorLabel(a, rockTitles))}
                </option>
              ))}
            </Select>
          </Field>
        </>
      )}
      <Button type="submit" appearance="primary" disabled={busy}>
        {busy ? 'Acknowledging…' : reply !== '' ? 'Acknowledge and reply' : 'Acknowledge'}
      </Button>
    </form>
  );
}
