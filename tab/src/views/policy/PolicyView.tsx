import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Switch,
  Text,
  Textarea,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PolicyPreviewResponse, PolicyResponse } from '../../../../shared/api';
import { ApiError } from '../../api/client';
import { getPolicy, getPolicyVersions, previewPolicy, savePolicy } from '../../api/endpoints';
import { toApiError, useQuery } from '../../api/useQuery';
import { useMe } from '../../shell/me';
import { LoadState } from '../common/LoadState';
import { ViewHeading } from '../ViewHeading';
import {
  getAt,
  listToText,
  numberOrText,
  optionsToText,
  sectionChanged,
  SECTION_KEYS,
  sectionOf,
  setAt,
  textToList,
  textToOptions,
  withSection,
  type Json,
  type Section,
} from './policyDraft';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, display: 'block', marginBottom: tokens.spacingVerticalL },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    marginBottom: tokens.spacingVerticalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    maxWidth: '48rem',
  },
  sectionTitle: { ...typographyStyles.subtitle2, margin: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'start' },
  slot: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  preview: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  muted: { color: tokens.colorNeutralForeground2 },
});

interface FormState {
  draft: Json;
  error: (path: string) => string | undefined;
  set: (path: string, value: unknown) => void;
}

const Form = createContext<FormState | undefined>(undefined);

function useForm(): FormState {
  const form = useContext(Form);
  if (!form) throw new Error('a policy field outside the policy form');
  return form;
}

function fieldProps(form: FormState, path: string) {
  const message = form.error(path);
  return { validationMessage: message, validationState: message ? ('error' as const) : ('none' as const) };
}

function TextField({ path, label, hint, type = 'text' }: { path: string; label: string; hint?: string; type?: 'text' | 'time' }) {
  const form = useForm();
  return (
    <Field label={label} hint={hint} {...fieldProps(form, path)}>
      <Input type={type} value={String(getAt(form.draft, path) ?? '')} onChange={(_, d) => form.set(path, d.value)} />
    </Field>
  );
}

function NumberField({ path, label, hint }: { path: string; label: string; hint?: string }) {
  const form = useForm();
  return (
    <Field label={label} hint={hint} {...fieldProps(form, path)}>
      <Input type="number" value={String(getAt(form.draft, path) ?? '')} onChange={(_, d) => form.set(path, numberOrText(d.value))} />
    </Field>
  );
}

function ListField({ path, label, hint }: { path: string; label: string; hint?: string }) {
  const form = useForm();
  const [text, setText] = useState(listToText(getAt(form.draft, path)));
  return (
    <Field label={label} hint={hint} {...fieldProps(form, path)}>
      <Input
        value={text}
        onChange={(_, d) => {
          setText(d.value);
          form.set(path, textToList(d.value));
        }}
      />
    </Field>
  );
}

function SwitchField({ path, label }: { path: string; label: string }) {
  const form = useForm();
  return (
    <Field {...fieldProps(form, path)}>
      <Switch label={label} checked={getAt(form.draft, path) === true} onChange={(_, d) => form.set(path, d.checked)} />
    </Field>
  );
}

function ChoiceField({ path, label, choices }: { path: string; label: string; choices: Array<[string, string]> }) {
  const form = useForm();
  return (
    <Field label={label} {...fieldProps(form, path)}>
      <RadioGroup value={String(getAt(form.draft, path) ?? '')} onChange={(_, d) => form.set(path, d.value)}>
        {choices.map(([value, text]) => (
          <Radio key={value} value={value} label={text} />
        ))}
      </RadioGroup>
    </Field>
  );
}

function SlotsField() {
  const form = useForm();
  const styles = useStyles();
  const slots = (getAt(form.draft, 'rocks.slots') as Json[] | undefined) ?? [];
  return (
    <Field label="Rock slots" hint="One rock a slot; the id is what rocks refer to, the theme is what people see." {...fieldProps(form, 'rocks.slots')}>
      <div className={styles.preview}>
        {slots.map((_, i) => (
          <div key={i} className={styles.slot}>
            <TextField path={`rocks.slots.${i}.id`} label="Id" />
            <TextField path={`rocks.slots.${i}.theme`} label="Theme" />
            <TextField path={`rocks.slots.${i}.guidance`} label="Guidance (optional)" />
            <Button onClick={() => form.set('rocks.slots', slots.filter((__, j) => j !== i))}>Remove</Button>
          </div>
        ))}
        <div>
          <Button onClick={() => form.set('rocks.slots', [...slots, { id: `slot-${slots.length + 1}`, theme: '' }])}>Add a slot</Button>
        </div>
      </div>
    </Field>
  );
}

function OptionsField() {
  const form = useForm();
  const [text, setText] = useState(optionsToText(getAt(form.draft, 'alignment.options')));
  const lineErrors = ((getAt(form.draft, 'alignment.options') as unknown[] | undefined) ?? [])
    .flatMap((_, i) => ['code', 'label'].map((key) => form.error(`alignment.options.${i}.${key}`)).filter(Boolean).map((m) => `line ${i + 1}: ${m}`));
  const message = [form.error('alignment.options'), ...lineErrors].filter(Boolean).join('; ') || undefined;
  return (
    <Field label="Options" hint="One a line: code | label | group (group optional)" validationMessage={message} validationState={message ? 'error' : 'none'}>
      <Textarea
        resize="vertical"
        rows={6}
        value={text}
        onChange={(_, d) => {
          setText(d.value);
          form.set('alignment.options', textToOptions(d.value));
        }}
      />
    </Field>
  );
}

function SectionFields({ section }: { section: Section }) {
  const styles = useStyles();
  const fields: Record<Section, ReactNode> = {
    general: (
      <div className={styles.row}>
        <TextField path="name" label="Name" />
        <TextField path="timezone" label="Time zone" hint="e.g. Europe/London" />
      </div>
    ),
    vocabulary: (
      <div className={styles.row}>
        <TextField path="vocabulary.rock" label="One rock" hint="e.g. rock, objective" />
        <TextField path="vocabulary.rocks" label="Several" />
        <TextField path="vocabulary.checkIn" label="Check-in" />
        <TextField path="vocabulary.reviewer" label="Reviewer" hint="e.g. reviewer, coach" />
      </div>
    ),
    rocks: (
      <>
        <SlotsField />
        <NumberField path="rocks.maxSuccessCriteria" label="Success criteria a rock, at most" />
      </>
    ),
    alignment: (
      <>
        <div className={styles.row}>
          <TextField path="alignment.label" label="What rocks align to" hint="e.g. Trust pillar, 2030 driver" />
          <NumberField path="alignment.minimum" label="Alignments needed to propose a rock" />
        </div>
        <OptionsField />
      </>
    ),
    checkIns: (
      <>
        <TextField path="checkIns.rhythm" label="How often, in your words" hint='Shown on the welcome and help cards, e.g. "every other Friday"' />
        <ChoiceField path="checkIns.mode" label="Who answers" choices={[['individual', 'Each person, on their own card'], ['group', 'Teams together, in a group session']]} />
        <div className={styles.row}>
          <NumberField path="checkIns.window.opensDays" label="Opens, days after the date" />
          <TextField path="checkIns.window.opensAt" label="at" type="time" />
          <NumberField path="checkIns.window.closesDays" label="Closes, days after the date" />
          <TextField path="checkIns.window.closesAt" label="at" type="time" />
        </div>
        <div className={styles.row}>
          <NumberField path="checkIns.reminder.daysBeforeClose" label="Reminder, days before it closes" />
          <TextField path="checkIns.reminder.at" label="at" type="time" />
        </div>
      </>
    ),
    reviewers: (
      <>
        <ChoiceField
          path="reviewers.reviewedBy"
          label="Who reviews"
          choices={[['line-manager', 'The line manager'], ['coach', 'The coach'], ['coach-else-line-manager', 'The coach, else the line manager']]}
        />
        <SwitchField path="reviewers.mustAcknowledge" label="Reviewers acknowledge every check-in" />
      </>
    ),
    exclusions: (
      <>
        <ListField path="exclusions.roleCategories" label="Role categories not taking part" hint="Comma-separated, e.g. NQT, ECT" />
        <NumberField path="exclusions.minContractMonths" label="Shortest contract taking part (months)" />
        <SwitchField path="exclusions.excludePaused" label="Staff paused for support or capability are not prompted" />
      </>
    ),
    retention: (
      <>
        <NumberField path="retention.years" label="Keep records for (years)" />
        <ChoiceField path="retention.from" label="Counting from" choices={[['cycle-end', 'The end of the cycle a record belongs to'], ['leaving', 'The day the person leaves']]} />
      </>
    ),
    access: (
      <>
        <SwitchField path="access.coachesSeeCheckIns" label="Coaches see their coachees' check-ins" />
        <SwitchField path="access.coachesSeeRocks" label="Coaches see their coachees' rocks" />
        <ChoiceField path="access.smtSeeRocks" label="SMT see the rocks of" choices={[['organisation', 'Everyone in the organisation'], ['school', 'Their own school'], ['none', 'Nobody (as SMT)']]} />
        <SwitchField path="access.pgAdminsSeeCheckIns" label="PG administrators see everyone's check-ins" />
      </>
    ),
  };
  return <>{fields[section]}</>;
}

const TITLES: Record<Section, string> = {
  general: 'General',
  vocabulary: 'Words',
  rocks: 'Rocks',
  alignment: 'Alignment',
  checkIns: 'Check-ins',
  reviewers: 'Reviewers',
  exclusions: 'Who takes part',
  retention: 'Retention',
  access: 'Who sees what',
};

function PreviewPanel({ preview }: { preview: PolicyPreviewResponse }) {
  const styles = useStyles();
  const show = (v: unknown) => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ') : JSON.stringify(v));
  return (
    <div className={styles.preview} aria-live="polite">
      <Text weight="semibold">What changes</Text>
      <ul className={styles.list}>
        {preview.changes.map((c) => (
          <li key={c.field}>
            <code>{c.field}</code>: {show(c.before)} → {show(c.after)}
          </li>
        ))}
      </ul>
      {preview.effects.map((e) => (
        <div key={e.field}>
          <Text>{e.summary}</Text>
          {e.items.length > 0 && (
            <ul className={styles.list}>
              {e.items.slice(0, 25).map((i) => (
                <li key={`${e.field}-${i.id}-${i.text}`}>{i.text}</li>
              ))}
              {e.items.length > 25 && <li>… and {e.items.length - 25} more</li>}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

interface SectionState {
  preview?: PolicyPreviewResponse;
  /** The edit the preview is for; Save is offered only when it is the draft on screen. */
  previewedFor?: string;
  errors: Array<{ path: string; message: string }>;
  busy?: boolean;
  notice?: { intent: 'success' | 'warning' | 'error'; text: string };
}

function PolicySection({ section, saved, version, draft, onSaved, onStale }: {
  section: Section;
  saved: Json;
  version: number;
  draft: Json;
  onSaved: (section: Section, response: PolicyResponse) => void;
  onStale: () => void;
}) {
  const styles = useStyles();
  const me = useMe();
  const outer = useForm();
  const [state, setState] = useState<SectionState>({ errors: [] });
  const edit = withSection(saved, draft, section);
  const editKey = `${version}:${JSON.stringify(edit)}`;
  const dirty = sectionChanged(saved, draft, section);

  // A live preview while editing: errors appear on their field and clear once fixed.
  useEffect(() => {
    if (!dirty) {
      setState((s) => ({ errors: [], notice: s.notice }));
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      previewPolicy(me.organisation.id, version, edit).then(
        (preview) => {
          if (!current) return;
          setState((s) => ({
            ...s,
            preview,
            previewedFor: editKey,
            errors: preview.errors,
            notice: preview.stale ? { intent: 'warning', text: `Someone saved the policy meanwhile (now version ${preview.currentVersion}). Your edits here are kept and previewed again against it.` } : s.notice,
          }));
          if (preview.stale) onStale();
        },
        (cause: unknown) => current && setState((s) => ({ ...s, notice: { intent: 'error', text: toApiError(cause).detail ?? 'The preview failed.' } })),
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [editKey, dirty]);

  const save = async () => {
    setState((s) => ({ ...s, busy: true }));
    try {
      const response = await savePolicy(me.organisation.id, version, edit);
      const moved = response.remindersMoved > 0 ? ` ${response.remindersMoved} queued reminders moved.` : '';
      setState({ errors: [], notice: { intent: 'success', text: `Saved as version ${response.version}.${moved}` } });
      onSaved(section, response);
    } catch (cause) {
      const error = toApiError(cause);
      if (error instanceof ApiError && error.status === 409) {
        setState((s) => ({ ...s, busy: false, notice: { intent: 'warning', text: `${error.detail ?? 'Someone else saved first.'} Your edits here are kept: check the preview against the latest version and save again.` } }));
        onStale();
        return;
      }
      setState((s) => ({ ...s, busy: false, errors: error.errors, notice: { intent: 'error', text: error.detail ?? error.title } }));
    }
  };

  const errorAt = (path: string) => state.errors.find((e) => e.path === path)?.message;
  const ready = dirty && state.previewedFor === editKey && state.errors.length === 0 && !state.busy;
  const unclaimed = state.errors.filter((e) => sectionOf(e.path) !== section);
  return (
    <section className={styles.section} aria-labelledby={`policy-${section}`}>
      <h3 id={`policy-${section}`} className={styles.sectionTitle}>
        {TITLES[section]}
      </h3>
      <Form.Provider value={{ draft, error: errorAt, set: outer.set }}>
        <SectionFields section={section} />
      </Form.Provider>
      {unclaimed.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>{unclaimed.map((e) => `${e.path}: ${e.message}`).join('; ')}</MessageBarBody>
        </MessageBar>
      )}
      {dirty && state.preview && state.previewedFor === editKey && state.errors.length === 0 && <PreviewPanel preview={state.preview} />}
      {state.notice && (
        <MessageBar intent={state.notice.intent}>
          <MessageBarBody>{state.notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={!ready} onClick={() => void save()}>
          Save {TITLES[section].toLowerCase()}
        </Button>
        {dirty && !ready && !state.busy && <Text className={styles.muted}>{state.errors.length > 0 ? 'Fix the fields marked above.' : 'Preparing the preview…'}</Text>}
      </div>
    </section>
  );
}

function PolicyEditor({ initial }: { initial: PolicyResponse }) {
  const styles = useStyles();
  const me = useMe();
  const [saved, setSaved] = useState<{ policy: Json; version: number }>({ policy: initial.policy as Json, version: initial.version });
  const [draft, setDraft] = useState<Json>(initial.policy as Json);
  const sections = Object.keys(TITLES) as Section[];
  const refresh = async () => {
    const latest = await getPolicy(me.organisation.id);
    setSaved({ policy: latest.policy as Json, version: latest.version });
  };
  const onSaved = (section: Section, response: PolicyResponse) => {
    const policy = response.policy as Json;
    setSaved({ policy, version: response.version });
    // Other sections keep their unsaved edits; this one now shows what was saved.
    setDraft((d) => ({ ...d, ...Object.fromEntries(SECTION_KEYS[section].map((key) => [key, policy[key]])) }));
  };
  return (
    <>
      <Text className={styles.intro}>
        {String(saved.policy.name)} · version {saved.version}. Each section is previewed as you edit (who it affects) and saved on its own.
      </Text>
      {sections.map((section) => (
        <Form.Provider key={section} value={{ draft, error: () => undefined, set: (path, value) => setDraft((d) => setAt(d, path, value)) }}>
          <PolicySection section={section} saved={saved.policy} version={saved.version} draft={draft} onSaved={onSaved} onStale={() => void refresh()} />
        </Form.Provider>
      ))}
      <Versions version={saved.version} />
    </>
  );
}

function Versions({ version }: { version: number }) {
  const styles = useStyles();
  const me = useMe();
  const versions = useQuery(`policy-versions-${version}`, () => getPolicyVersions(me.organisation.id));
  if (versions.state.status !== 'ready' || versions.state.data.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="policy-versions">
      <h3 id="policy-versions" className={styles.sectionTitle}>
        Saved versions
      </h3>
      <ul className={styles.list}>
        {versions.state.data.map((v) => (
          <li key={v.version}>
            Version {v.version} · {new Date(v.savedAt).toLocaleString()}
            {v.savedBy ? ` · ${v.savedBy}` : ''}
            {v.changes.length > 0 ? ` · ${v.changes.map((c) => c.field).join(', ')}` : ' · as set up'}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The organisation's policy, for PG administrators: a form per section, previewed before saving. */
export default function PolicyView() {
  const me = useMe();
  const policy = useQuery(`policy-${me.organisation.id}`, () => getPolicy(me.organisation.id));
  return (
    <>
      <ViewHeading>Policy</ViewHeading>
      <LoadState state={policy.state} onRetry={policy.reload} label="Loading the policy…">
        {(data) => <PolicyEditor initial={data} />}
      </LoadState>
    </>
  );
}
