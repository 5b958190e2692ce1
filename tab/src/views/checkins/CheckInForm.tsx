import { Button, Field, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { submitCheckIn } from '../../api/endpoints';
import type { CheckIn, CurrentCheckIn } from '../../api/model';
import type { SubmitCheckInResponse } from '../../../../shared/api';
import { toApiError } from '../../api/useQuery';
import { capitalise, useMe } from '../../shell/me';
import { GrowingTextarea } from '../common/GrowingTextarea';
import { ThanksFields } from './ThanksFields';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '44rem', minWidth: 0 },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2 },
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { ...typographyStyles.subtitle2, padding: 0, marginBottom: tokens.spacingVerticalXS },
  score: { maxWidth: '14rem' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  count: { color: tokens.colorNeutralForeground2 },
});

type TextField = 'www' | 'ebi' | 'whatsNext';
const TEXT_FIELDS: TextField[] = ['www', 'ebi', 'whatsNext'];

export interface CheckInValues {
  www: string;
  ebi: string;
  whatsNext: string;
  rockProgress: Record<string, string>;
  score: string;
  praiseIds: string[];
  praiseMessage: string;
}

function initialValues(checkIn: CheckIn | undefined): CheckInValues {
  const answers = checkIn?.answers;
  return {
    www: answers?.www ?? '',
    ebi: answers?.ebi ?? '',
    whatsNext: answers?.whatsNext ?? '',
    rockProgress: Object.fromEntries((answers?.rockProgress ?? []).map((p) => [p.rockId, p.progress])),
    score: answers?.score !== undefined ? String(answers.score) : '',
    praiseIds: checkIn?.praise.map((p) => p.personId) ?? [],
    praiseMessage: checkIn?.praiseMessage ?? '',
  };
}

/** Which of the form's fields a server error path is about (paths from the schema or from the use case). */
function fieldOf(path: string, sentRockIds: readonly string[]): string {
  if (path === '' || path === 'form') return 'form';
  if (path === 'answers') return 'answers';
  if (path.startsWith('rock:')) return path;
  const rock = /^(?:body\.)?answers\.rockProgress\.(\d+)/.exec(path);
  if (rock) return `rock:${sentRockIds[Number(rock[1])] ?? ''}`;
  const last = path.split('.').pop() ?? path;
  return ['www', 'ebi', 'whatsNext', 'score', 'praiseIds', 'praiseMessage'].includes(last) ? last : path;
}

function Counter({ value, max }: { value: string; max: number | undefined }) {
  const styles = useStyles();
  if (max === undefined || value.length <= max * 0.8) return null;
  const length = value.trim().length;
  return (
    <Text size={200} className={styles.count}>
      {length > max ? `${length} characters: ${length - max} over the ${max} limit` : `${length} of ${max} characters`}
    </Text>
  );
}

/**
 * The check-in, in the tab: the card's questions and use case (POST /check-ins). Whatever happens
 * — a refusal, a lost connection, the window closing — what was typed stays; a field's error goes
 * as soon as that field is changed.
 */
export function CheckInForm({ data, onSaved, onClose }: { data: CurrentCheckIn; onSaved: (answer: SubmitCheckInResponse, outcome: 'created' | 'updated') => void; onClose: () => void }) {
  const styles = useStyles();
  const me = useMe();
  const [values, setValues] = useState<CheckInValues>(() => initialValues(data.checkIn));
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const sentRockIds = useRef<string[]>([]);
  const { questions } = data;
  const editing = data.checkIn !== undefined;
  const event = data.event;
  if (!event) return null;

  const errorsByField = new Map<string, string>();
  for (const e of error?.errors ?? []) {
    const field = fieldOf(e.path, sentRockIds.current);
    if (!errorsByField.has(field)) errorsByField.set(field, e.message);
  }
  const knownFields = new Set(['form', 'answers', ...TEXT_FIELDS, 'score', 'praiseIds', 'praiseMessage', ...data.rocks.map((r) => `rock:${r.id}`)]);
  const unclaimed = [...errorsByField.entries()].filter(([field]) => !knownFields.has(field)).map(([, message]) => message);
  const errorOf = (field: string) => errorsByField.get(field);

  /** A change clears that field's error, and "write at least one answer" once anything is written. */
  const change = (fields: string[], update: (v: CheckInValues) => CheckInValues) => {
    setValues(update);
    setError((e) =>
      e && e.errors.length > 0
        ? new ApiError({ status: e.status, title: e.title, detail: e.detail, code: e.code, errorId: e.errorId, errors: e.errors.filter((x) => ![...fields, 'answers'].includes(fieldOf(x.path, sentRockIds.current))) })
        : e,
    );
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (saving) return;
    const rockProgress = data.rocks.flatMap((r) => {
      const progress = values.rockProgress[r.id]?.trim() ?? '';
      return progress ? [{ rockId: r.id, progress: values.rockProgress[r.id] ?? '' }] : [];
    });
    sentRockIds.current = rockProgress.map((p) => p.rockId);
    setSaving(true);
    setError(undefined);
    try {
      const saved = await submitCheckIn({
        eventId: event.id,
        answers: { www: values.www, ebi: values.ebi, whatsNext: values.whatsNext, rockProgress, ...(values.score ? { score: Number(values.score) } : {}) },
        praiseIds: values.praiseIds,
        praiseMessage: values.praiseMessage,
      });
      onSaved(saved, editing ? 'updated' : 'created');
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setSaving(false);
    }
  };

  const formMessage = errorOf('form') ?? (error && error.errors.length === 0 ? (error.status === 0 ? undefined : (error.detail ?? error.title)) : undefined);
  const checkInWord = capitalise(me.vocabulary.checkIn);
  const praiseNames = Object.fromEntries((data.checkIn?.praise ?? []).map((p) => [p.personId, p.displayName]));

  return (
    <form className={styles.form} onSubmit={submit} noValidate aria-label={`${event.title}: your ${me.vocabulary.checkIn}`}>
      <div className={styles.intro}>
        {data.intro.map((line, i) => (
          <Text key={i} className={i > 0 ? styles.muted : undefined}>
            {line}
          </Text>
        ))}
      </div>

      {error?.status === 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not sent: Professional Growth could not be reached.</MessageBarTitle>
            Everything you typed is still here. Check your connection and send again.
          </MessageBarBody>
        </MessageBar>
      )}
      {(formMessage || errorOf('answers') || unclaimed.length > 0) && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Nothing has been sent yet.</MessageBarTitle>
            {[formMessage, errorOf('answers'), ...unclaimed].filter(Boolean).join(' ')} Everything you typed is still here.
          </MessageBarBody>
        </MessageBar>
      )}

      {TEXT_FIELDS.map((field) => (
        <div key={field} className={styles.intro}>
          <Field label={questions[field].label} hint={questions[field].hint} validationMessage={errorOf(field)} validationState={errorOf(field) ? 'error' : 'none'}>
            <GrowingTextarea value={values[field]} onChange={(_, d) => change([field], (v) => ({ ...v, [field]: d.value }))} />
          </Field>
          <Counter value={values[field]} max={questions[field].max} />
        </div>
      ))}

      <fieldset className={styles.group}>
        <legend className={styles.legend}>{questions.rockProgress.label}</legend>
        {data.rocks.length === 0 ? (
          <Text className={styles.muted}>You have no agreed {me.vocabulary.rocks} yet, so there is no progress to report on them this time.</Text>
        ) : (
          data.rocks.map((rock) => {
            const field = `rock:${rock.id}`;
            const value = values.rockProgress[rock.id] ?? '';
            return (
              <Field key={rock.id} label={rock.label} hint={questions.rockProgress.hint} validationMessage={errorOf(field)} validationState={errorOf(field) ? 'error' : 'none'}>
                <GrowingTextarea value={value} rows={2} onChange={(_, d) => change([field], (v) => ({ ...v, rockProgress: { ...v.rockProgress, [rock.id]: d.value } }))} />
              </Field>
            );
          })
        )}
      </fieldset>

      <Field label={questions.score.label} hint={questions.score.hint} validationMessage={errorOf('score')} validationState={errorOf('score') ? 'error' : 'none'} className={styles.score}>
        <Select value={values.score} onChange={(_, d) => change(['score'], (v) => ({ ...v, score: d.value }))}>
          <option value="">Not this time</option>
          {Array.from({ length: 10 }, (_, i) => (
            <option key={i + 1} value={String(i + 1)}>
              {i + 1}
            </option>
          ))}
        </Select>
      </Field>

      <fieldset className={styles.group}>
        <legend className={styles.legend}>Thanks</legend>
        <ThanksFields
          message={values.praiseMessage}
          praiseIds={values.praiseIds}
          names={praiseNames}
          errors={{ message: errorOf('praiseMessage'), praiseIds: errorOf('praiseIds') }}
          labels={{ praise: questions.praise.label, message: questions.praiseMessage.label, messageHint: questions.praiseMessage.hint, max: questions.praiseMessage.max }}
          onChange={(next) => change(['praiseMessage', 'praiseIds'], (v) => ({ ...v, praiseMessage: next.message, praiseIds: next.praiseIds }))}
        />
      </fieldset>

      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving} icon={saving ? <Spinner size="tiny" /> : undefined}>
          {saving ? 'Sending…' : editing ? 'Save changes' : `Send ${me.vocabulary.checkIn}`}
        </Button>
        <Button type="button" onClick={onClose}>
          Close
        </Button>
        <Text size={200} className={styles.muted}>
          {editing ? `${checkInWord} sent: you can change it until it closes.` : `Only you and your ${me.vocabulary.reviewer} see this.`}
        </Text>
      </div>
    </form>
  );
}
