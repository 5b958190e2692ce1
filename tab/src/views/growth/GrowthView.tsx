import { Badge, Button, Field, Input, Link, makeStyles, MessageBar, MessageBarBody, Text, Textarea } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { GrowthResponse } from '../../../../shared/api';
import type { ApiError } from '../../api/client';
import { addGrowthLogEntry, getGrowth, getGrowthSummary, saveEndReflection, saveGrowthPlan, saveSelfReflection } from '../../api/endpoints';
import { formatHash } from '../../routing/routes';
import { toApiError, useQuery } from '../../api/useQuery';
import { capitalise, useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { fieldError, unclaimedErrors } from '../common/fieldErrors';
import { LoadState } from '../common/LoadState';
import { ViewHeading } from '../ViewHeading';
import { panelStyles } from '../common/panelStyles';

const useStyles = makeStyles({
  ...panelStyles,
  pre: { whiteSpace: 'pre-wrap', margin: 0 },
});

interface FieldSpec {
  id: string;
  label: string;
  required?: boolean;
  multiline?: boolean;
  hint?: string;
}

/** One record's form: keeps what was typed on a refused save and puts each field error beside its field. */
function RecordForm({ fields, initial, submitLabel, readOnly, onSave }: { fields: FieldSpec[]; initial: Record<string, string>; submitLabel: string; readOnly: boolean; onSave: (values: Record<string, string>) => Promise<void> }) {
  const styles = useStyles();
  const [values, setValues] = useState(initial);
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaved(false);
    try {
      await onSave(values);
      setError(undefined);
      setSaved(true);
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setSaving(false);
    }
  };
  if (readOnly) {
    return (
      <>
        {fields.map((f) => (
          <div key={f.id}>
            <Text weight="semibold">{f.label}</Text>
            <Text as="p" className={styles.pre}>
              {initial[f.id] || '—'}
            </Text>
          </div>
        ))}
      </>
    );
  }
  const other = unclaimedErrors(error, (path) => fields.some((f) => path === f.id || path.startsWith(`${f.id}.`)));
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      {fields.map((f) => (
        <Field key={f.id} label={f.label} required={f.required} hint={f.hint} validationMessage={fieldError(error, f.id)}>
          {f.multiline ? (
            <Textarea value={values[f.id] ?? ''} resize="vertical" onChange={(_, d) => setValues({ ...values, [f.id]: d.value })} />
          ) : (
            <Input value={values[f.id] ?? ''} onChange={(_, d) => setValues({ ...values, [f.id]: d.value })} />
          )}
        </Field>
      ))}
      {error && other.length + (error.errors.length === 0 ? 1 : 0) > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{[error.errors.length === 0 ? (error.detail ?? error.title) : '', ...other].filter(Boolean).join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>Saved.</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : submitLabel}
        </Button>
      </div>
    </form>
  );
}

function Commitments({ growth }: { growth: GrowthResponse }) {
  const me = useMe();
  const styles = useStyles();
  const edit = growth.canEdit && <Link href={formatHash({ view: 'rocks' })}>{`Write or change your ${me.vocabulary.rock} under My ${me.vocabulary.rocks}`}</Link>;
  if (growth.commitments.length === 0) {
    return (
      <>
        <Text className={styles.muted}>No {me.vocabulary.rock} yet: what your commitment to grow is, what success will look like and by when.</Text>
        {edit}
      </>
    );
  }
  return (
    <>
      {edit}
      <ul className={styles.list}>
        {growth.commitments.map((c) => (
          <li key={c.id}>
            <Text weight="semibold">
              {capitalise(me.vocabulary.rock)}: {c.title}
            </Text>{' '}
            <Badge appearance="tint">{c.status}</Badge>
            <ul>
              {c.successCriteria.map((s) => (
                <li key={s.id}>
                  {s.text}
                  {s.targetDate ? ` — by ${s.targetDate}` : ''}
                  {s.done ? ' (done)' : ''}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}

/** PG administrators: the trust's figures, never anyone's words (seed 002 §14.2). */
function TrustFigures() {
  const styles = useStyles();
  const summary = useQuery('growth-summary', getGrowthSummary);
  return (
    <section className={styles.section} aria-labelledby="trust-figures">
      <h3 id="trust-figures" className={styles.title}>Across the trust (PG administrators)</h3>
      <LoadState state={summary.state} onRetry={summary.reload} label="Loading figures…">
        {(s) => (
          <Text as="p" className={styles.pre}>
            {`${s.people} staff · ${s.selfReflections} self-reflections · ${s.plans} growth plans · ${s.growthLogEntries} growth-log entries · ${s.endReflections} end reflections\n`}
            {`Terms without feedback: ${s.termsWithoutFeedback}${s.byTerm.map((t) => `\n${t.label}: ${t.withoutFeedback}`).join('')}`}
          </Text>
        )}
      </LoadState>
    </section>
  );
}

function GrowthLog({ growth, onAdded }: { growth: GrowthResponse; onAdded: () => void }) {
  const styles = useStyles();
  const dates = useDates();
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      {growth.log.length === 0 && <Text className={styles.muted}>No entries yet. After each check-in, note what you did, what you learned and what comes next.</Text>}
      <ul className={styles.list}>
        {[...growth.log].reverse().map((e) => (
          <li key={e.id}>
            <Text size={200} className={styles.muted}>
              <time dateTime={e.createdAt}>{dates.time(e.createdAt)}</time>
            </Text>
            <Text as="p" className={styles.pre}>
              <b>What I did:</b> {e.whatIDid}
              {'\n'}
              <b>What I learned:</b> {e.whatILearned}
              {'\n'}
              <b>Next:</b> {e.next}
              {e.feedback ? `\nFeedback${e.feedbackFrom ? ` from ${e.feedbackFrom}` : ''}: ${e.feedback}` : ''}
            </Text>
          </li>
        ))}
      </ul>
      {growth.canEdit && (
        <RecordForm
          key={formKey}
          readOnly={false}
          submitLabel="Add to my growth log"
          initial={{}}
          fields={[
            { id: 'whatIDid', label: 'What I did', required: true, multiline: true },
            { id: 'whatILearned', label: 'What I learned', required: true, multiline: true },
            { id: 'next', label: 'What I will do next', required: true, multiline: true },
            { id: 'feedback', label: 'Feedback I received (optional)', multiline: true, hint: 'Feedback from anyone working with you on your goal counts towards this term.' },
            { id: 'feedbackFrom', label: 'Who it was from (optional)' },
          ]}
          onSave={async (v) => {
            await addGrowthLogEntry({ whatIDid: v.whatIDid ?? '', whatILearned: v.whatILearned ?? '', next: v.next ?? '', feedback: v.feedback, feedbackFrom: v.feedbackFrom });
            setFormKey((k) => k + 1);
            onAdded();
          }}
        />
      )}
    </>
  );
}

function Sections({ growth, reload }: { growth: GrowthResponse; reload: () => void }) {
  const styles = useStyles();
  const readOnly = !growth.canEdit;
  const sr = growth.selfReflection;
  const plan = growth.plan;
  const end = growth.endReflection;
  return (
    <>
      <section className={styles.section} aria-labelledby="stage-one">
        <h3 id="stage-one" className={styles.title}>Stage one: self-reflection</h3>
        <Text className={styles.muted}>Against {growth.standard}.</Text>
        <RecordForm
          readOnly={readOnly}
          submitLabel="Save self-reflection"
          initial={{ strengths: sr?.strengths ?? '', growthAreas: sr?.growthAreas ?? '', developmentNeeds: sr?.developmentNeeds ?? '' }}
          fields={[
            { id: 'strengths', label: 'What I am best at — my strengths', required: true, multiline: true },
            { id: 'growthAreas', label: 'My future growth areas', required: true, multiline: true },
            { id: 'developmentNeeds', label: 'My development needs', multiline: true },
          ]}
          onSave={async (v) => void (await saveSelfReflection({ strengths: v.strengths ?? '', growthAreas: v.growthAreas ?? '', developmentNeeds: v.developmentNeeds }))}
        />
      </section>
      <section className={styles.section} aria-labelledby="plan">
        <h3 id="plan" className={styles.title}>Professional growth plan · {growth.cycle.label}</h3>
        <Commitments growth={growth} />
        <RecordForm
          readOnly={readOnly}
          submitLabel="Save plan"
          initial={{ howIWillLearn: plan?.howIWillLearn ?? '', checkInDates: (plan?.checkInDates ?? []).join(', '), completionOn: plan?.completionOn ?? '', notes: plan?.notes ?? '' }}
          fields={[
            { id: 'howIWillLearn', label: 'How I will learn to do this', required: true, multiline: true },
            { id: 'checkInDates', label: 'Dates for progress check-ins', hint: 'YYYY-MM-DD, separated by commas' },
            { id: 'completionOn', label: 'Completion date', hint: 'YYYY-MM-DD' },
            { id: 'notes', label: 'Professional support I will use', multiline: true },
          ]}
          onSave={async (v) => {
            const checkInDates = (v.checkInDates ?? '').split(/[\s,;]+/).filter(Boolean);
            const completionOn = v.completionOn?.trim() || undefined;
            await saveGrowthPlan({ howIWillLearn: v.howIWillLearn ?? '', checkInDates, completionOn, notes: v.notes });
          }}
        />
      </section>
      <section className={styles.section} aria-labelledby="log">
        <h3 id="log" className={styles.title}>Growth log</h3>
        <GrowthLog growth={growth} onAdded={reload} />
      </section>
      <section className={styles.section} aria-labelledby="feedback">
        <h3 id="feedback" className={styles.title}>Feedback each term</h3>
        <ul className={styles.list}>
          {growth.feedback.map((t) => (
            <li key={t.key}>
              <Text weight="semibold">{t.label}</Text>{' '}
              <Text className={styles.muted}>
                {t.feedbackCount === 0 ? (t.ended ? 'ended without feedback' : 'no feedback yet') : `${t.feedbackCount} piece${t.feedbackCount === 1 ? '' : 's'} of feedback`}
              </Text>
            </li>
          ))}
        </ul>
      </section>
      <section className={styles.section} aria-labelledby="stage-four">
        <h3 id="stage-four" className={styles.title}>Stage four: reflection, review and sharing</h3>
        <RecordForm
          readOnly={readOnly}
          submitLabel="Save reflection"
          initial={{ successes: end?.successes ?? '', growth: end?.growth ?? '', sharing: end?.sharing ?? '' }}
          fields={[
            { id: 'successes', label: 'My successes', required: true, multiline: true },
            { id: 'growth', label: 'How I have grown', required: true, multiline: true },
            { id: 'sharing', label: 'How and with whom I shared it', multiline: true },
          ]}
          onSave={async (v) => void (await saveEndReflection({ successes: v.successes ?? '', growth: v.growth ?? '', sharing: v.sharing }))}
        />
      </section>
    </>
  );
}

/** seed 002 "Growing Great People": the person's own plan, or (for their coach) a coachee's, read-only. */
export default function GrowthView({ personId }: { personId?: string }) {
  const me = useMe();
  const id = personId ?? me.person.id;
  const growth = useQuery(`growth:${id}`, () => getGrowth(id));
  return (
    <>
      <ViewHeading>{personId && personId !== me.person.id && growth.state.status === 'ready' ? `${growth.state.data.person.displayName}'s growth plan` : 'My growth plan'}</ViewHeading>
      <LoadState state={growth.state} onRetry={growth.reload} label="Loading your growth plan…">
        {(data) => <Sections growth={data} reload={growth.reload} />}
      </LoadState>
      {id === me.person.id && me.roles.includes('pg-admin') && <TrustFigures />}
    </>
  );
}
