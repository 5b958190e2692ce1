import { Badge, Button, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select, Text, Textarea } from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { YearReviewDto, YearReviewPart } from '../../../../shared/api';
import { useMe } from '../../shell/me';
import { ScoreChart } from '../checkins/ScoreChart';
import { useDates } from '../common/dates';
import { saveReviewPart } from './reviewsApi';
import { measuredOnTime, optionLabel } from './reviewText';
import { useReviewStyles } from './styles';
import { useFieldErrors } from './useFieldErrors';

interface PartProps {
  review: YearReviewDto;
  reload: () => void;
}

/** One part's form: PUT on submit, field errors beside the fields, what was typed kept on a refusal. */
function usePartForm<T extends Record<string, unknown>>(review: YearReviewDto, part: YearReviewPart, initial: T, reload: () => void) {
  const [values, setValues] = useState<T>(initial);
  const errors = useFieldErrors(Object.keys(initial));
  const [saving, setSaving] = useState(false);
  const set = <K extends keyof T & string>(key: K, value: T[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    errors.clear(key);
  };
  const submit = (toBody: (v: T) => unknown) => async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    try {
      await saveReviewPart(review.id, part, toBody(values));
      errors.setError(undefined);
      reload();
    } catch (cause) {
      errors.setError(cause);
    } finally {
      setSaving(false);
    }
  };
  return { values, set, errors, saving, submit };
}

function FormEnd({ other, saving, label }: { other: string[]; saving: boolean; label: string }) {
  return (
    <>
      {other.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{other.join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : label}
        </Button>
      </div>
    </>
  );
}

function Answer({ label, children }: { label: string; children: ReactNode }) {
  const styles = useReviewStyles();
  return (
    <div>
      <Text block weight="semibold">{label}</Text>
      <Text as="p" block className={styles.pre}>
        {children || '—'}
      </Text>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const styles = useReviewStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h3 id={id} className={styles.title}>
        {title}
      </h3>
      {children}
    </section>
  );
}

const emptyToUndefined = (s: string) => (s.trim() === '' ? undefined : s.trim());

// ── The year's check-ins, beside the reflection ───────────────────────────────────────────

export function CheckInsBeside({ review }: { review: YearReviewDto }) {
  const styles = useReviewStyles();
  const me = useMe();
  const dates = useDates();
  const scores = review.checkIns.flatMap((c) => (c.score === null ? [] : [{ date: c.submittedAt, score: c.score }]));
  const measured = measuredOnTime(review.measured);
  return (
    <Section id="review-checkins" title={`The year's ${me.vocabulary.checkIn}s`}>
      <Text size={200}>
        {measured ?? `No ${me.vocabulary.checkIn}s were due.`} · {review.measured.praiseReceived} praise received
      </Text>
      {scores.length > 0 && <ScoreChart scores={scores} title={`${review.person.displayName}'s score out of ten over the year`} />}
      {review.checkIns.length === 0 ? (
        <Text className={styles.muted}>No {me.vocabulary.checkIn}s submitted in the year.</Text>
      ) : (
        <ul className={styles.list} aria-label={`${me.vocabulary.checkIn}s`}>
          {review.checkIns.map((c) => (
            <li key={c.id} className={styles.rock}>
              <div className={styles.row}>
                <Text weight="semibold">{c.eventTitle}</Text>
                <Text size={200}>
                  <time dateTime={c.submittedAt}>{dates.day(c.submittedAt)}</time>
                </Text>
                <Badge appearance="tint" color={c.onTime ? 'success' : 'warning'}>
                  {c.onTime ? 'On time' : 'Late'}
                </Badge>
                {c.score !== null && <Text size={200}>Score {c.score}/10</Text>}
              </div>
              <Text as="p" block className={styles.pre}>
                <b>What went well:</b> {c.www || '—'}
                {'\n'}
                <b>Even better if:</b> {c.ebi || '—'}
                {'\n'}
                <b>What next:</b> {c.next || '—'}
              </Text>
              {c.responses.length > 0 && (
                <Text as="p" block className={styles.pre}>
                  <b>{review.as.reviewer ? 'Your responses:' : 'Reviewer responses:'}</b> {c.responses.join('\n')}
                </Text>
              )}
            </li>
          ))}
        </ul>
      )}
      {review.supportingInformation.length > 0 && (
        <>
          <h4 className={styles.subtitle}>Supporting information</h4>
          <ul className={styles.list}>
            {review.supportingInformation.map((s, i) => (
              <li key={`${s.at}-${i}`}>
                <Text size={200} className={styles.muted}>
                  {s.kind === 'praise' ? 'Praise' : 'Feedback'}
                  {s.from ? ` from ${s.from}` : ''} · <time dateTime={s.at}>{dates.day(s.at)}</time>
                </Text>
                <Text as="p" block className={styles.pre}>
                  {s.text}
                </Text>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

// ── The reviewer's statement ──────────────────────────────────────────────────────────────

export function StatementPart({ review, reload }: PartProps) {
  const dates = useDates();
  const s = review.statement;
  const editable = review.canEdit.statement;
  if (!editable && !s) {
    if (review.as.reviewee) return null;
    return (
      <Section id="review-statement" title="Review statement">
        <Text>{review.reviewer ? `${review.reviewer.displayName} has not written the statement yet.` : 'No reviewer has written a statement yet.'}</Text>
      </Section>
    );
  }
  return (
    <Section id="review-statement" title="Review statement">
      {editable ? (
        <StatementForm review={review} reload={reload} />
      ) : (
        s && (
          <>
            <Answer label="Date of review meeting">{s.meetingOn ? dates.day(s.meetingOn) : ''}</Answer>
            <Answer label="Review statement">{s.statement}</Answer>
            <Answer label="Performance of the role">{s.rolePerformance}</Answer>
            <Answer label="Development needs for the coming year">{s.developmentNeeds}</Answer>
            <Answer label="Reviewer's recommended outcome">{optionLabel(review.outcomes, s.outcome)}</Answer>
          </>
        )
      )}
    </Section>
  );
}

function StatementForm({ review, reload }: PartProps) {
  const styles = useReviewStyles();
  const s = review.statement;
  const meetingRequired = review.meetingRequiredBeforeStatement;
  const form = usePartForm(
    review,
    'statement',
    { meetingOn: s?.meetingOn ?? '', statement: s?.statement ?? '', rolePerformance: s?.rolePerformance ?? '', developmentNeeds: s?.developmentNeeds ?? '', outcome: s?.outcome ?? '' },
    reload,
  );
  const { values, set, errors } = form;
  return (
    <form
      className={styles.form}
      noValidate
      onSubmit={form.submit((v) => ({ ...v, meetingOn: emptyToUndefined(v.meetingOn) }))}
    >
      <Field label="Date of the review meeting" required={meetingRequired} hint={meetingRequired ? 'Meet face to face before you write the statement.' : undefined} validationMessage={errors.errorFor('meetingOn')}>
        <Input type="date" value={values.meetingOn} onChange={(_, d) => set('meetingOn', d.value)} />
      </Field>
      <Field label="Review statement" required validationMessage={errors.errorFor('statement')}>
        <Textarea value={values.statement} rows={5} resize="vertical" onChange={(_, d) => set('statement', d.value)} />
      </Field>
      <Field label="Performance of the role" hint="Against the requirements of the job description and the standards for the role." validationMessage={errors.errorFor('rolePerformance')}>
        <Textarea value={values.rolePerformance} rows={3} resize="vertical" onChange={(_, d) => set('rolePerformance', d.value)} />
      </Field>
      <Field label="Learning and development needs, or support, for the coming year" validationMessage={errors.errorFor('developmentNeeds')}>
        <Textarea value={values.developmentNeeds} rows={3} resize="vertical" onChange={(_, d) => set('developmentNeeds', d.value)} />
      </Field>
      <Field label="Outcome" required hint="Taking into account progress against the objectives, the job description and the standards for the role." validationMessage={errors.errorFor('outcome')}>
        <Select className={styles.select} value={values.outcome} onChange={(_, d) => set('outcome', d.value)}>
          <option value="">Choose an outcome</option>
          {review.outcomes.map((o) => (
            <option key={o.key} value={o.key}>
              {o.label}
            </option>
          ))}
        </Select>
      </Field>
      <FormEnd other={errors.other} saving={form.saving} label={s?.submittedAt ? 'Save the statement' : 'Send the statement'} />
    </form>
  );
}

// ── The final decision ────────────────────────────────────────────────────────────────────

export function DecisionPart({ review, reload }: PartProps) {
  const d = review.finalDecision;
  if (!review.canEdit.finalDecision && !d) return null;
  return (
    <Section id="review-decision" title="Final decision">
      {review.canEdit.finalDecision ? (
        <DecisionForm review={review} reload={reload} />
      ) : (
        d && (
          <>
            <Answer label="Outcome">{optionLabel(review.outcomes, d.outcome)}</Answer>
            <Answer label={d.confirmed ? "Confirmed the reviewer's outcome" : "Changed the reviewer's outcome"}>{d.confirmed ? '' : d.reason}</Answer>
          </>
        )
      )}
    </Section>
  );
}

function DecisionForm({ review, reload }: PartProps) {
  const styles = useReviewStyles();
  const proposed = review.statement?.outcome ?? '';
  const d = review.finalDecision;
  const form = usePartForm(review, 'final-decision', { choice: d && !d.confirmed ? 'change' : 'confirm', outcome: d?.outcome ?? proposed, reason: d?.reason ?? '' }, reload);
  const { values, set, errors } = form;
  return (
    <form className={styles.form} noValidate onSubmit={form.submit((v) => (v.choice === 'confirm' ? { outcome: proposed, reason: '' } : { outcome: v.outcome, reason: v.reason }))}>
      <Text>
        {review.reviewer?.displayName ?? 'The reviewer'} recommends: <b>{optionLabel(review.outcomes, proposed)}</b>
      </Text>
      <Field label="Your decision" required>
        <RadioGroup value={values.choice} onChange={(_, data) => set('choice', data.value)}>
          <Radio value="confirm" label="Confirm the reviewer's outcome" />
          <Radio value="change" label="Change the outcome" />
        </RadioGroup>
      </Field>
      {values.choice === 'change' && (
        <>
          <Field label="Outcome" required validationMessage={errors.errorFor('outcome')}>
            <Select className={styles.select} value={values.outcome} onChange={(_, data) => set('outcome', data.value)}>
              <option value="">Choose an outcome</option>
              {review.outcomes.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Reason for the change" required validationMessage={errors.errorFor('reason')}>
            <Textarea value={values.reason} rows={3} resize="vertical" onChange={(_, data) => set('reason', data.value)} />
          </Field>
        </>
      )}
      <FormEnd other={errors.other} saving={form.saving} label="Record the final decision" />
    </form>
  );
}

// ── The March impact review ───────────────────────────────────────────────────────────────

export function ImpactPart({ review, reload }: PartProps) {
  const styles = useReviewStyles();
  const dates = useDates();
  const o = review.impactOutcome;
  if (!review.canEdit.impactOutcome) {
    return (
      <Section id="review-impact" title="Impact review">
        {o ? (
          <>
            <Answer label="Outcome">{optionLabel(review.outcomes, o.outcome)}</Answer>
            {review.outcomes.find((x) => x.key === o.outcome)?.guidance && (
              <Text className={styles.muted}>{review.outcomes.find((x) => x.key === o.outcome)?.guidance}</Text>
            )}
            <Answer label="Meeting date">{o.meetingOn ? dates.day(o.meetingOn) : ''}</Answer>
            <Answer label="Notes">{o.notes}</Answer>
            {o.stretch && <Answer label="Stretch">{o.stretch}</Answer>}
          </>
        ) : (
          <Text>{review.reviewer ? `${review.reviewer.displayName} has not recorded the outcome yet.` : 'No outcome recorded yet.'}</Text>
        )}
      </Section>
    );
  }
  return (
    <Section id="review-impact" title="Impact review">
      <ImpactForm review={review} reload={reload} />
    </Section>
  );
}

function ImpactForm({ review, reload }: PartProps) {
  const styles = useReviewStyles();
  const o = review.impactOutcome;
  const form = usePartForm(review, 'impact-outcome', { outcome: o?.outcome ?? '', meetingOn: o?.meetingOn ?? '', notes: o?.notes ?? '', stretch: o?.stretch ?? '' }, reload);
  const { values, set, errors } = form;
  const talent = review.outcomes.find((x) => x.key === values.outcome)?.effect === 'talent';
  return (
    <form className={styles.form} noValidate onSubmit={form.submit((v) => ({ ...v, meetingOn: emptyToUndefined(v.meetingOn), stretch: talent ? v.stretch : '' }))}>
      <Field label="Outcome" required validationMessage={errors.errorFor('outcome')}>
        <RadioGroup value={values.outcome} onChange={(_, d) => set('outcome', d.value)}>
          {review.outcomes.map((x) => (
            <Radio
              key={x.key}
              value={x.key}
              label={
                <>
                  {x.label}
                  {x.guidance && <span className={styles.guidance}>{x.guidance}</span>}
                </>
              }
            />
          ))}
        </RadioGroup>
      </Field>
      <Field label="Meeting date" required={review.requireMeetingDate} validationMessage={errors.errorFor('meetingOn')}>
        <Input type="date" value={values.meetingOn} onChange={(_, d) => set('meetingOn', d.value)} />
      </Field>
      <Field label="Notes" validationMessage={errors.errorFor('notes')}>
        <Textarea value={values.notes} rows={3} resize="vertical" onChange={(_, d) => set('notes', d.value)} />
      </Field>
      {talent && (
        <Field label="Stretch agreed in a rock" hint="Toward a final judgement of exceptional." validationMessage={errors.errorFor('stretch')}>
          <Textarea value={values.stretch} rows={3} resize="vertical" onChange={(_, d) => set('stretch', d.value)} />
        </Field>
      )}
      <FormEnd other={errors.other} saving={form.saving} label="Record the outcome" />
    </form>
  );
}

// ── Support plan and its outcome (only where the policy lets the caller see it) ───────────

export function SupportParts({ review, reload }: PartProps) {
  const dates = useDates();
  const me = useMe();
  const routes = me.supportRoutes ?? [];
  const routeLabel = (key: string) => routes.find((r) => r.key === key)?.label ?? key;
  const plan = review.supportPlan;
  const outcome = review.supportOutcome;
  const showPlan = 'supportPlan' in review && (review.canEdit.supportPlan || plan);
  const showOutcome = 'supportOutcome' in review && (review.canEdit.supportOutcome || outcome);
  return (
    <>
      {showPlan && (
        <Section id="review-support-plan" title="Support plan">
          {review.canEdit.supportPlan ? (
            <SupportPlanForm review={review} reload={reload} />
          ) : (
            plan && (
              <>
                <Answer label="Route">{routeLabel(plan.route)}</Answer>
                <Answer label="What will help">{plan.whatWillHelp}</Answer>
                <Answer label="Review date">{dates.day(plan.reviewOn)}</Answer>
                {plan.notes && <Answer label="Notes">{plan.notes}</Answer>}
              </>
            )
          )}
        </Section>
      )}
      {showOutcome && (
        <Section id="review-support-outcome" title="Support plan outcome">
          {review.canEdit.supportOutcome ? (
            <SupportOutcomeForm review={review} reload={reload} />
          ) : (
            outcome && (
              <>
                <Answer label="Did the support succeed?">{outcome.succeeded ? 'Yes' : 'No'}</Answer>
                {outcome.note && <Answer label="Note">{outcome.note}</Answer>}
                {outcome.nextStep && <Answer label="Next step">{outcome.nextStep}</Answer>}
              </>
            )
          )}
        </Section>
      )}
    </>
  );
}

function SupportPlanForm({ review, reload }: PartProps) {
  const styles = useReviewStyles();
  const me = useMe();
  const plan = review.supportPlan;
  const routes = me.supportRoutes ?? [];
  const form = usePartForm(review, 'support-plan', { route: plan?.route ?? '', whatWillHelp: plan?.whatWillHelp ?? '', reviewOn: plan?.reviewOn ?? '', notes: plan?.notes ?? '' }, reload);
  const { values, set, errors } = form;
  return (
    <form className={styles.form} noValidate onSubmit={form.submit((v) => v)}>
      <Field label="Route" required validationMessage={errors.errorFor('route')}>
        <RadioGroup value={values.route} onChange={(_, d) => set('route', d.value)}>
          {routes.map((r) => (
            <Radio key={r.key} value={r.key} label={r.label} />
          ))}
        </RadioGroup>
      </Field>
      <Field label="What will help" required validationMessage={errors.errorFor('whatWillHelp')}>
        <Textarea value={values.whatWillHelp} rows={4} resize="vertical" onChange={(_, d) => set('whatWillHelp', d.value)} />
      </Field>
      <Field label="Review date" required validationMessage={errors.errorFor('reviewOn')}>
        <Input type="date" value={values.reviewOn} onChange={(_, d) => set('reviewOn', d.value)} />
      </Field>
      <Field label="Notes" validationMessage={errors.errorFor('notes')}>
        <Textarea value={values.notes} rows={2} resize="vertical" onChange={(_, d) => set('notes', d.value)} />
      </Field>
      <FormEnd other={errors.other} saving={form.saving} label="Save the support plan" />
    </form>
  );
}

function SupportOutcomeForm({ review, reload }: PartProps) {
  const styles = useReviewStyles();
  const o = review.supportOutcome;
  const form = usePartForm(review, 'support-outcome', { succeeded: o ? (o.succeeded ? 'yes' : 'no') : '', note: o?.note ?? '' }, reload);
  const { values, set, errors } = form;
  return (
    <form className={styles.form} noValidate onSubmit={form.submit((v) => ({ succeeded: v.succeeded === 'yes' ? true : v.succeeded === 'no' ? false : undefined, note: v.note }))}>
      <Field label="Did the support succeed?" required validationMessage={errors.errorFor('succeeded')}>
        <RadioGroup layout="horizontal" value={values.succeeded} onChange={(_, d) => set('succeeded', d.value)}>
          <Radio value="yes" label="Yes" />
          <Radio value="no" label="No" />
        </RadioGroup>
      </Field>
      <Field label="Note" validationMessage={errors.errorFor('note')}>
        <Textarea value={values.note} rows={3} resize="vertical" onChange={(_, d) => set('note', d.value)} />
      </Field>
      <FormEnd other={errors.other} saving={form.saving} label="Record the outcome" />
    </form>
  );
}

// ── The reviewee's comment on the outcome or the written summary ──────────────────────────

export function CommentPart({ review, reload }: PartProps) {
  const c = review.staffComment;
  if (!review.canEdit.comment && !c) return null;
  return (
    <Section id="review-comment" title={review.as.reviewee ? 'Your comment' : `${review.person.displayName}'s comment`}>
      {review.canEdit.comment ? <CommentForm review={review} reload={reload} /> : c && <Answer label="Comment">{c.text}</Answer>}
    </Section>
  );
}

function CommentForm({ review, reload }: PartProps) {
  const styles = useReviewStyles();
  const form = usePartForm(review, 'comment', { text: review.staffComment?.text ?? '' }, reload);
  const { values, set, errors } = form;
  return (
    // An empty comment box is not printed with the review.
    <form className={`${styles.form} ${values.text.trim() ? '' : 'pg-noprint'}`} noValidate onSubmit={form.submit((v) => v)}>
      <Field label={review.summary ? 'Your comment on the written summary' : 'Your comment on the outcome'} validationMessage={errors.errorFor('text')}>
        <Textarea value={values.text} rows={3} resize="vertical" onChange={(_, d) => set('text', d.value)} />
      </Field>
      <FormEnd other={errors.other} saving={form.saving} label="Save my comment" />
    </form>
  );
}
