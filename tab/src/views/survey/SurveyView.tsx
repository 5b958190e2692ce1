import { Button, Checkbox, Field, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Text, Textarea, tokens, typographyStyles } from '@fluentui/react-components';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { MySurveyResponse, SurveyAnalysisResponse, SurveyQuestionDto } from '../../../../shared/api';
import type { ApiError } from '../../api/client';
import { downloadSurveyAnalysisCsv, getMySurvey, getSurveyAnalysis, saveSurveyAnswers } from '../../api/surveys';
import { toApiError, useQuery } from '../../api/useQuery';
import { useDates } from '../common/dates';
import { fieldError, unclaimedErrors } from '../common/fieldErrors';
import { LoadState } from '../common/LoadState';
import { ViewHeading } from '../ViewHeading';
import { panelStyles } from '../common/panelStyles';

type Answer = string | string[];
type By = 'school' | 'roleCategory';

const useStyles = makeStyles({
  ...panelStyles,
  pre: { whiteSpace: 'pre-wrap', margin: 0 },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`, verticalAlign: 'top' } },
  caption: { ...typographyStyles.body1Strong, textAlign: 'left', padding: `${tokens.spacingVerticalS} 0` },
  // A table wider than a phone scrolls inside its own box (focusable, so keyboards can scroll it), never the page.
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  barCell: { minWidth: '6rem' },
  track: { display: 'block', height: '0.75rem', backgroundColor: tokens.colorNeutralBackground4, borderRadius: tokens.borderRadiusSmall, overflow: 'hidden' },
  bar: { display: 'block', height: '100%', backgroundColor: tokens.colorBrandBackground, '@media (forced-colors: active)': { backgroundColor: 'CanvasText' } },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', flexWrap: 'wrap' },
});

function initialValues(survey: MySurveyResponse): Record<string, Answer> {
  return { ...(survey.mine?.answers ?? {}) };
}

/** One question's input: radio buttons, checkboxes or a text box; its error beside it. */
function QuestionField({ q, value, error, onChange }: { q: SurveyQuestionDto; value: Answer | undefined; error?: string; onChange: (v: Answer) => void }) {
  if (q.kind === 'text') {
    return (
      <Field label={`${q.text} (optional)`} validationMessage={error}>
        <Textarea value={typeof value === 'string' ? value : ''} maxLength={q.maxLength} resize="vertical" onChange={(_, d) => onChange(d.value)} />
      </Field>
    );
  }
  if (q.kind === 'choice') {
    return (
      <Field label={q.text} validationMessage={error}>
        <RadioGroup value={typeof value === 'string' ? value : ''} onChange={(_, d) => onChange(d.value)}>
          {q.options.map((o) => (
            <Radio key={o.key} value={o.key} label={o.label} />
          ))}
        </RadioGroup>
      </Field>
    );
  }
  const picked = Array.isArray(value) ? value : [];
  return (
    <Field label={`${q.text} (choose any)`} validationMessage={error}>
      <div role="group" aria-label={q.text}>
        {q.options.map((o) => (
          <Checkbox key={o.key} label={o.label} checked={picked.includes(o.key)} onChange={(_, d) => onChange(d.checked ? [...picked, o.key] : picked.filter((k) => k !== o.key))} />
        ))}
      </div>
    </Field>
  );
}

/** Staff answer and edit until the survey closes; a refused save keeps every answer given. */
function AnswerForm({ survey, onSaved }: { survey: MySurveyResponse & { survey: NonNullable<MySurveyResponse['survey']> }; onSaved: () => void }) {
  const styles = useStyles();
  const dates = useDates();
  const [values, setValues] = useState(() => initialValues(survey));
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const closes = dates.day(survey.survey.closesAt);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setSaved(false);
    try {
      await saveSurveyAnswers(survey.survey.eventId, { answers: values });
      setError(undefined);
      setSaved(true);
      onSaved();
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setSaving(false);
    }
  };
  const other = unclaimedErrors(error, (path) => survey.questions.some((q) => q.key === path));
  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <Text className={styles.muted}>Every question is optional. Leaders only ever see totals for groups of several people. You can change your answers until {closes}.</Text>
      {survey.questions.map((q) => (
        <QuestionField key={q.key} q={q} value={values[q.key]} error={fieldError(error, q.key)} onChange={(v) => setValues({ ...values, [q.key]: v })} />
      ))}
      {error && other.length + (error.errors.length === 0 ? 1 : 0) > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{[error.errors.length === 0 ? (error.detail ?? error.title) : '', ...other].filter(Boolean).join(' ')}</MessageBarBody>
        </MessageBar>
      )}
      {saved && (
        <MessageBar intent="success">
          <MessageBarBody>Saved — you can change your answers until {closes}.</MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? 'Saving…' : survey.mine ? 'Save my changes' : 'Save my answers'}
        </Button>
      </div>
    </form>
  );
}

function MyAnswers({ survey }: { survey: MySurveyResponse }) {
  const styles = useStyles();
  const shown = (q: SurveyQuestionDto) => {
    const a = survey.mine?.answers[q.key];
    if (a === undefined) return 'Not answered';
    const label = (k: string) => q.options.find((o) => o.key === k)?.label ?? k;
    return typeof a === 'string' ? (q.kind === 'text' ? a : label(a)) : a.map(label).join('; ');
  };
  return (
    <dl>
      {survey.questions.map((q) => (
        <div key={q.key}>
          <dt>
            <Text weight="semibold">{q.text}</Text>
          </dt>
          <dd className={styles.pre}>{shown(q)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A labelled bar with its value in text, so the chart reads without seeing it. */
function Bar({ value, of, label }: { value: number; of: number; label: string }) {
  const styles = useStyles();
  const pct = of === 0 ? 0 : Math.round((100 * value) / of);
  return (
    <td className={styles.barCell}>
      <Text>
        {value} ({pct}%)
      </Text>
      <span className={styles.track} role="img" aria-label={`${label}: ${value} of ${of}, ${pct}%`}>
        <span className={styles.bar} style={{ width: `${pct}%` }} />
      </span>
    </td>
  );
}

/** A labelled region that scrolls sideways when its table is wider than the screen; focusable so it can be scrolled from the keyboard. */
function Scroll({ label, children }: { label: string; children: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.scroll} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

function AnalysisTables({ analysis }: { analysis: SurveyAnalysisResponse }) {
  const styles = useStyles();
  const groupWord = analysis.by === 'school' ? 'School' : 'Role';
  const rate = `Response rate: ${analysis.trust.responded} of ${analysis.trust.eligible} (${analysis.trust.responseRate}%) across the trust`;
  // Before enough answers are in (or before the survey opens): a sentence, not a table of headings.
  if (analysis.groups.length === 0) {
    return (
      <Text as="p">
        <strong>{rate}.</strong> No {analysis.by === 'school' ? 'school' : 'role'} has enough answers to show yet.
      </Text>
    );
  }
  return (
    <>
      <Scroll label="Response rate">
        <table className={styles.table}>
          <caption className={styles.caption}>{rate}</caption>
          <thead>
            <tr>
              <th scope="col">{groupWord}</th>
              <th scope="col">Responded</th>
            </tr>
          </thead>
          <tbody>
            {analysis.groups.map((g) => (
              <tr key={g.name}>
                <th scope="row">{g.name}</th>
                <Bar value={g.responded} of={g.eligible} label={`${g.name} responded`} />
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {analysis.groups.length > 0 &&
        analysis.questions.map((q) => (
          <Scroll key={q.key} label={q.text}>
            <table className={styles.table}>
              <caption className={styles.caption}>{q.text}</caption>
              <thead>
                <tr>
                  <th scope="col">Answer</th>
                  {analysis.groups.map((g) => (
                    <th key={g.name} scope="col">
                      {g.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.options.map((o) => (
                  <tr key={o.key}>
                    <th scope="row">{o.label}</th>
                    {analysis.groups.map((g, i) => (
                      <Bar key={g.name} value={o.counts[i] ?? 0} of={g.responded} label={`${g.name}, ${o.label}`} />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
        ))}
    </>
  );
}

/** PG admins and SMT: totals as bar charts, by school or role, with the minimum group size applied by the server. */
function Analysis() {
  const styles = useStyles();
  const [by, setBy] = useState<By>('school');
  const [downloadError, setDownloadError] = useState<ApiError>();
  const analysis = useQuery(`survey-analysis:${by}`, () => getSurveyAnalysis({ by }));
  const download = async () => {
    try {
      setDownloadError(undefined);
      await downloadSurveyAnalysisCsv({ by, eventId: analysis.state.data?.survey.eventId });
    } catch (cause) {
      setDownloadError(toApiError(cause));
    }
  };
  return (
    <section className={styles.section} aria-labelledby="survey-analysis">
      <h3 id="survey-analysis" className={styles.title}>
        Analysis
      </h3>
      <div className={styles.actions}>
        <Field label="Group by">
          <RadioGroup layout="horizontal" value={by} onChange={(_, d) => setBy(d.value as By)}>
            <Radio value="school" label="School" />
            <Radio value="roleCategory" label="Role" />
          </RadioGroup>
        </Field>
        <Button onClick={() => void download()}>Download CSV</Button>
      </div>
      {downloadError && (
        <MessageBar intent="error">
          <MessageBarBody>{downloadError.detail ?? downloadError.title}</MessageBarBody>
        </MessageBar>
      )}
      <LoadState state={analysis.state} onRetry={analysis.reload} label="Loading the analysis…">
        {(a) => (
          <>
            <Text as="p" className={styles.muted}>
              Groups with fewer than {a.minGroupSize} responses are combined or hidden so no one can be identified.
              {a.mergedGroups > 0 ? ` ${a.mergedGroups} small ${a.mergedGroups === 1 ? 'group is' : 'groups are'} combined as “${a.by === 'school' ? 'Other schools' : 'Other roles'}”.` : ''}
              {a.suppressedGroups > 0 ? ` ${a.suppressedGroups} ${a.suppressedGroups === 1 ? 'group is' : 'groups are'} too small to show, even combined.` : ''} Written answers are never included.
            </Text>
            <AnalysisTables analysis={a} />
          </>
        )}
      </LoadState>
    </section>
  );
}

export default function SurveyView() {
  const styles = useStyles();
  const dates = useDates();
  const mine = useQuery('my-survey', getMySurvey);
  return (
    <>
      <ViewHeading>Aspiration survey</ViewHeading>
      <LoadState state={mine.state} onRetry={mine.reload} label="Loading the survey…">
        {(s) => (
          <>
            {s.notice && (
              <MessageBar intent="info">
                <MessageBarBody>{s.notice}</MessageBarBody>
              </MessageBar>
            )}
            {s.survey && (
              <section className={styles.section} aria-labelledby="survey-answers">
                <h3 id="survey-answers" className={styles.title}>
                  {s.survey.title} · {dates.day(s.survey.opensAt)} to {dates.day(s.survey.closesAt)}
                </h3>
                {s.canEdit ? <AnswerForm survey={{ ...s, survey: s.survey }} onSaved={() => mine.reload()} /> : s.mine ? <MyAnswers survey={s} /> : null}
              </section>
            )}
            {s.canSeeAnalysis && s.survey && <Analysis />}
          </>
        )}
      </LoadState>
    </>
  );
}
