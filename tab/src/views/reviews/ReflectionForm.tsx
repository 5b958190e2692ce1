import { Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Text, Textarea } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import type { ReflectionRequest, YearReviewDto } from '../../../../shared/api';
import { toApiError } from '../../api/useQuery';
import { capitalise, useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { saveReviewPart } from './reviewsApi';
import { choiceLabel, jobDescriptionChoices, measuredOnTime, onTimeChoices, optionLabel } from './reviewText';
import { useReviewStyles } from './styles';
import { useFieldErrors } from './useFieldErrors';

type Reflection = NonNullable<YearReviewDto['reflection']>;
type TextKey = 'recognition' | 'www' | 'ebi' | 'whatNext' | 'anythingElse' | 'supportReceived';
type RockTextKey = 'progress' | 'challenges' | 'takeForward' | 'comments' | 'supportReceived';

interface RockDraft {
  rockId: string;
  progress: string;
  challenges: string;
  takeForward: string;
  completed?: 'yes' | 'no';
  percentComplete: string;
  comments: string;
  supportReceived: string;
}

interface Draft {
  recognition: string;
  www: string;
  ebi: string;
  whatNext: string;
  rocks: RockDraft[];
  anythingElse: string;
  supportReceived: string;
  score?: number;
  onTime?: Reflection['onTime'];
  jobDescription?: Reflection['jobDescription'];
  selfAssessment?: string;
}

// Seed 001 "Thinking Back", in the booklet's order and words.
const openingFields: Array<{ key: TextKey; label: string; hint?: string }> = [
  { key: 'recognition', label: 'Recognition you have received over the last school year', hint: 'Add any feedback you have received, and from whom.' },
  { key: 'www', label: 'What have been your biggest achievements this year? (What Went Well)' },
  { key: 'ebi', label: 'What could have gone better? (Even Better If)', hint: 'Explain any barriers to your success.' },
  { key: 'whatNext', label: 'What plans went ahead? What next?', hint: 'What would you like to continue to practise and carry into next year?' },
];
const closingFields: Array<{ key: TextKey; label: string }> = [
  { key: 'anythingElse', label: 'Reflecting on your objectives and progress this year, is there anything further you wish your reviewer to consider?' },
  { key: 'supportReceived', label: 'Professional support you received, or actions you took, to enable you to be successful' },
];
const rockFields: Array<{ key: RockTextKey; label: string }> = [
  { key: 'progress', label: 'What progress was made since the start of the cycle, or since the mid-year review?' },
  { key: 'challenges', label: 'Minus: what challenges did you face? Is there anything you would have liked to do further?' },
  { key: 'takeForward', label: 'Interesting: what will you take from this work into your practice next year?' },
];

function initialDraft(review: YearReviewDto): Draft {
  const r = review.reflection;
  const saved = new Map((r?.rocks ?? []).map((x) => [x.rockId, x]));
  const rockIds = [...review.rocks.map((x) => x.id), ...(r?.rocks ?? []).map((x) => x.rockId).filter((id) => !review.rocks.some((x) => x.id === id))];
  return {
    recognition: r?.recognition ?? '',
    www: r?.www ?? '',
    ebi: r?.ebi ?? '',
    whatNext: r?.whatNext ?? '',
    rocks: rockIds.map((rockId) => {
      const s = saved.get(rockId);
      return {
        rockId,
        progress: s?.progress ?? '',
        challenges: s?.challenges ?? '',
        takeForward: s?.takeForward ?? '',
        completed: s?.completed,
        percentComplete: s?.percentComplete === undefined ? '' : String(s.percentComplete),
        comments: s?.comments ?? '',
        supportReceived: s?.supportReceived ?? '',
      };
    }),
    anythingElse: r?.anythingElse ?? '',
    supportReceived: r?.supportReceived ?? '',
    score: r?.score,
    onTime: r?.onTime,
    jobDescription: r?.jobDescription,
    selfAssessment: r?.selfAssessment,
  };
}

function toRequest(draft: Draft, submit: boolean): ReflectionRequest {
  const { rocks, ...rest } = draft;
  return {
    ...rest,
    rocks: rocks.map(({ percentComplete, ...rock }) => {
      // An empty box is no answer; a number out of range is sent as typed, for the server to say why.
      const pct = percentComplete.trim() === '' ? undefined : Number(percentComplete);
      return { ...rock, percentComplete: pct !== undefined && Number.isFinite(pct) ? pct : undefined };
    }),
    submit,
  };
}

type SaveState = { kind: 'idle' } | { kind: 'earlier'; at: Date } | { kind: 'pending' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'failed'; message: string };

/** The end-of-year reflection: the reviewee's form (saved as they type), or what they sent, for everyone else. */
export function ReflectionPart({ review, reload }: { review: YearReviewDto; reload: () => void }) {
  const styles = useReviewStyles();
  const reflection = review.reflection;
  const editable = review.as.reviewee && review.canEdit.reflection;
  return (
    <section className={styles.section} aria-labelledby="reflection-title">
      <h3 id="reflection-title" className={styles.title}>
        {review.as.reviewee ? 'Your reflection' : `${review.person.displayName}'s reflection`}
      </h3>
      {editable ? (
        <ReflectionForm review={review} reload={reload} />
      ) : reflection && (reflection.submittedAt || review.as.reviewee) ? (
        <ReflectionRead review={review} reflection={reflection} />
      ) : (
        <Text className={styles.muted}>{review.person.displayName} has not sent their reflection yet.</Text>
      )}
    </section>
  );
}

function ReflectionForm({ review, reload }: { review: YearReviewDto; reload: () => void }) {
  const styles = useReviewStyles();
  const me = useMe();
  const dates = useDates();
  const [draft, setDraft] = useState<Draft>(() => initialDraft(review));
  const latest = useRef(draft);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const chain = useRef<Promise<unknown>>(Promise.resolve());
  const [save, setSave] = useState<SaveState>(() => (review.reflection && !review.reflection.prefilled ? { kind: 'earlier', at: new Date(review.reflection.updatedAt) } : { kind: 'idle' }));
  const [sending, setSending] = useState(false);
  const submitted = Boolean(review.reflection?.submittedAt);
  const fields = ['recognition', 'www', 'ebi', 'whatNext', 'rocks', 'anythingElse', 'supportReceived', 'score', 'onTime', 'jobDescription', 'selfAssessment'];
  const errors = useFieldErrors(fields);

  const persist = (submit: boolean) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    const body = toRequest(latest.current, submit);
    const run = chain.current.then(() => saveReviewPart(review.id, 'reflection', body));
    chain.current = run.catch(() => undefined);
    return run;
  };
  const saveDraft = async () => {
    setSave({ kind: 'saving' });
    try {
      await persist(false);
      // Typed again while this was saving: that change is still to be saved.
      setSave(timer.current ? { kind: 'pending' } : { kind: 'saved', at: new Date() });
    } catch (cause) {
      const error = toApiError(cause);
      errors.setError(error);
      setSave({ kind: 'failed', message: error.errors.length ? 'Not saved: see the marked answers.' : `Not saved: ${error.detail ?? error.title}` });
    }
  };
  // Leaving the page with a save waiting: send it now rather than lose what was typed.
  useEffect(
    () => () => {
      if (timer.current) void persist(false).catch(() => undefined);
    },
    [],
  );

  const change = (next: Draft, path: string) => {
    latest.current = next;
    setDraft(next);
    errors.clear(path);
    if (submitted) return; // once sent, changes go to the reviewer only when sent again
    if (timer.current) clearTimeout(timer.current);
    setSave({ kind: 'pending' });
    timer.current = setTimeout(() => void saveDraft(), 900);
  };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => change({ ...latest.current, [key]: value }, key);
  const setRock = (index: number, patch: Partial<RockDraft>, key: string) =>
    change({ ...latest.current, rocks: latest.current.rocks.map((r, i) => (i === index ? { ...r, ...patch } : r)) }, `rocks.${index}.${key}`);

  const send = async () => {
    setSending(true);
    try {
      await persist(true);
      errors.setError(undefined);
      reload();
    } catch (cause) {
      errors.setError(cause);
      setSave({ kind: 'failed', message: 'Not sent: see the marked answers.' });
    } finally {
      setSending(false);
    }
  };

  const onTimeMeasured = measuredOnTime(review.measured);
  const rockTitle = (id: string) => review.rocks.find((r) => r.id === id)?.title ?? capitalise(me.vocabulary.rock);
  return (
    <form className={styles.form} noValidate onSubmit={(e) => (e.preventDefault(), void send())}>
      {review.reflection?.prefilled && (
        <MessageBar intent="info">
          <MessageBarBody>Filled in from your year: the praise you received and your {me.vocabulary.rocks}. Change anything you like; it saves as you type.</MessageBarBody>
        </MessageBar>
      )}
      {submitted && review.reflection?.submittedAt && (
        <MessageBar intent="success">
          <MessageBarBody>Sent to your reviewer on {dates.time(review.reflection.submittedAt)}. Changes you make now reach them when you send again.</MessageBarBody>
        </MessageBar>
      )}
      {openingFields.map((f) => (
        <Field key={f.key} label={f.label} hint={f.hint} validationMessage={errors.errorFor(f.key)}>
          <Textarea value={draft[f.key]} resize="vertical" rows={3} onChange={(_, d) => set(f.key, d.value)} />
        </Field>
      ))}
      {draft.rocks.map((rock, i) => (
        <fieldset key={rock.rockId} className={styles.rock}>
          <legend>
            <h4 className={styles.subtitle}>
              {capitalise(me.vocabulary.rock)} reflection: {rockTitle(rock.rockId)}
            </h4>
          </legend>
          {rockFields.map((f) => (
            <Field key={f.key} label={f.label} validationMessage={errors.errorFor(`rocks.${i}.${f.key}`)}>
              <Textarea value={rock[f.key]} resize="vertical" rows={2} onChange={(_, d) => setRock(i, { [f.key]: d.value }, f.key)} />
            </Field>
          ))}
          <Field label={`Would you consider yourself to have completed this ${me.vocabulary.rock} fully?`} validationMessage={errors.errorFor(`rocks.${i}.completed`)}>
            <RadioGroup layout="horizontal" value={rock.completed ?? ''} onChange={(_, d) => setRock(i, { completed: d.value as 'yes' | 'no' }, 'completed')}>
              <Radio value="yes" label="Yes" />
              <Radio value="no" label="No" />
            </RadioGroup>
          </Field>
          {rock.completed === 'no' && (
            <Field label="If not, what % complete will you end the year on?" validationMessage={errors.errorFor(`rocks.${i}.percentComplete`)}>
              <Input type="number" min={0} max={100} inputMode="numeric" value={rock.percentComplete} onChange={(_, d) => setRock(i, { percentComplete: d.value }, 'percentComplete')} contentAfter={<span aria-hidden="true">%</span>} />
            </Field>
          )}
          <Field label="Comments" validationMessage={errors.errorFor(`rocks.${i}.comments`)}>
            <Textarea value={rock.comments} resize="vertical" rows={2} onChange={(_, d) => setRock(i, { comments: d.value }, 'comments')} />
          </Field>
          <Field label="Support you received with it" validationMessage={errors.errorFor(`rocks.${i}.supportReceived`)}>
            <Textarea value={rock.supportReceived} resize="vertical" rows={2} onChange={(_, d) => setRock(i, { supportReceived: d.value }, 'supportReceived')} />
          </Field>
        </fieldset>
      ))}
      {closingFields.map((f) => (
        <Field key={f.key} label={f.label} validationMessage={errors.errorFor(f.key)}>
          <Textarea value={draft[f.key]} resize="vertical" rows={3} onChange={(_, d) => set(f.key, d.value)} />
        </Field>
      ))}
      <Field label="From the Professional Growth Framework, what score would you give yourself at year end (1-10)?" validationMessage={errors.errorFor('score')}>
        <Select className={styles.select} value={draft.score === undefined ? '' : String(draft.score)} onChange={(_, d) => set('score', d.value ? Number(d.value) : undefined)}>
          <option value="">Choose a score</option>
          {Array.from({ length: 10 }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={`How often do you submit your ${me.vocabulary.checkIn}s on time?`} hint={onTimeMeasured} validationMessage={errors.errorFor('onTime')}>
        <RadioGroup layout="horizontal" value={draft.onTime ?? ''} onChange={(_, d) => set('onTime', d.value as Draft['onTime'])}>
          {onTimeChoices.map(([value, label]) => (
            <Radio key={value} value={value} label={label} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="How fully are you meeting the requirements in your job description?" validationMessage={errors.errorFor('jobDescription')}>
        <RadioGroup layout="horizontal" value={draft.jobDescription ?? ''} onChange={(_, d) => set('jobDescription', d.value as Draft['jobDescription'])}>
          {jobDescriptionChoices.map(([value, label]) => (
            <Radio key={value} value={value} label={label} />
          ))}
        </RadioGroup>
      </Field>
      {review.selfAssessment.length > 0 && (
        <Field label="Self-assessment: taking into account your progress, which of these have you met at year end?" validationMessage={errors.errorFor('selfAssessment')}>
          <RadioGroup value={draft.selfAssessment ?? ''} onChange={(_, d) => set('selfAssessment', d.value)}>
            {review.selfAssessment.map((o) => (
              <Radio key={o.key} value={o.key} label={o.label} />
            ))}
          </RadioGroup>
        </Field>
      )}
      {errors.other.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{errors.other.join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.row}>
        <Button appearance="primary" type="submit" disabled={sending}>
          {sending ? 'Sending…' : submitted ? 'Send the changes to your reviewer' : 'Send to reviewer'}
        </Button>
        <Text role="status" aria-live="polite" size={200} className={styles.muted}>
          {saveText(save, dates.time)}
        </Text>
      </div>
    </form>
  );
}

function saveText(save: SaveState, time: (d: Date) => string): string {
  switch (save.kind) {
    case 'idle':
      return '';
    case 'earlier':
      return `Last saved ${time(save.at)}`;
    case 'pending':
      return 'Unsaved changes…';
    case 'saving':
      return 'Saving…';
    case 'saved':
      return `Saved ${time(save.at)}`;
    case 'failed':
      return save.message;
  }
}

/** What the reviewee sent (or, for them, what they saved), read-only. */
export function ReflectionRead({ review, reflection }: { review: YearReviewDto; reflection: Reflection }) {
  const styles = useReviewStyles();
  const me = useMe();
  const dates = useDates();
  const answer = (label: string, text: string | undefined) => (
    <div key={label}>
      <Text block weight="semibold">{label}</Text>
      <Text as="p" block className={styles.pre}>
        {text?.trim() ? text : '—'}
      </Text>
    </div>
  );
  const measured = measuredOnTime(review.measured);
  return (
    <>
      <Text size={200} className={styles.muted}>
        {reflection.submittedAt ? `Sent ${dates.time(reflection.submittedAt)}` : `Draft, saved ${dates.time(reflection.updatedAt)}`}
      </Text>
      {openingFields.map((f) => answer(f.label, reflection[f.key]))}
      {reflection.rocks.map((rock) => (
        <div key={rock.rockId} className={styles.rock}>
          <h4 className={styles.subtitle}>
            {capitalise(me.vocabulary.rock)} reflection: {review.rocks.find((r) => r.id === rock.rockId)?.title ?? rock.rockId}
          </h4>
          {rockFields.map((f) => answer(f.label, rock[f.key]))}
          {answer('Completed fully', rock.completed === 'yes' ? 'Yes' : rock.completed === 'no' ? `No${rock.percentComplete !== undefined ? ` — ${rock.percentComplete} % complete` : ''}` : undefined)}
          {answer('Comments', rock.comments)}
          {answer('Support received', rock.supportReceived)}
        </div>
      ))}
      {closingFields.map((f) => answer(f.label, reflection[f.key]))}
      {answer('Score at year end (1-10)', reflection.score === undefined ? undefined : String(reflection.score))}
      {answer(`Submits ${me.vocabulary.checkIn}s on time`, `${choiceLabel(onTimeChoices, reflection.onTime)}${measured ? ` · ${measured}` : ''}`)}
      {answer('Meeting the requirements of the job description', choiceLabel(jobDescriptionChoices, reflection.jobDescription))}
      {review.selfAssessment.length > 0 && answer('Self-assessment', optionLabel(review.selfAssessment, reflection.selfAssessment))}
    </>
  );
}
