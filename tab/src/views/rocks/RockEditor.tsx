import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Text,
  mergeClasses,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { createRock, rockAction, updateRock } from '../../api/endpoints';
import type { Me, Rock, RockDraft, RockSlot } from '../../api/model';
import { toApiError } from '../../api/useQuery';
import { capitalise } from '../../shell/me';
import { fieldError, unclaimedErrors } from '../common/fieldErrors';
import { ErrorMessage } from '../common/LoadState';
import { useFieldErrors } from '../reviews/useFieldErrors';
import { GrowingTextarea } from '../common/GrowingTextarea';
import { alignmentText, bankFor, checklistFor, proposable } from './rockText';

/** How a save went when it was also to propose: saved, but the propose step refused (why, said plainly). */
export interface SaveOutcome {
  proposeError?: string;
}

const useStyles = makeStyles({
  // Beside the form on a wide screen; on a phone the checklist comes first (before Save, not after it).
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(14rem, 1fr)',
    gridTemplateAreas: '"form checklist" "form bank"',
    gridTemplateRows: 'auto 1fr',
    columnGap: tokens.spacingHorizontalXL,
    rowGap: tokens.spacingVerticalL,
    '@media (max-width: 760px)': { gridTemplateColumns: 'minmax(0, 1fr)', gridTemplateAreas: '"checklist" "form" "bank"', gridTemplateRows: 'auto' },
  },
  formArea: { gridArea: 'form', minWidth: 0 },
  checklistArea: { gridArea: 'checklist', minWidth: 0 },
  bankArea: { gridArea: 'bank', minWidth: 0 },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  criteria: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, border: 'none' },
  legend: { ...typographyStyles.body1Strong, padding: 0, marginBottom: tokens.spacingVerticalXS },
  criterion: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 11rem auto',
    alignItems: 'end',
    gap: tokens.spacingHorizontalS,
    '@media (max-width: 560px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  // 30+ pillars: a scrolling box keeps the rest of the form in view.
  alignment: {
    maxHeight: '16rem',
    overflowY: 'auto',
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
  },
  group: { margin: `${tokens.spacingVerticalS} 0 0 ${tokens.spacingHorizontalS}` },
  error: { color: tokens.colorPaletteRedForeground1 },
  aside: {
    alignSelf: 'start',
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  asideTitle: { ...typographyStyles.subtitle2, margin: `0 0 ${tokens.spacingVerticalS}` },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

interface CriterionRow {
  key: string;
  id?: string;
  text: string;
  targetDate: string;
}

let nextKey = 0;
const newKey = () => `new-${++nextKey}`;

/**
 * Writes or edits one rock. Everything typed stays in this component's state until a save
 * succeeds, so a failed save (validation, conflict, network) loses nothing.
 */
export function RockEditor({
  me,
  slot,
  rockWindowId,
  rock,
  onSaved,
  onCancel,
  onConflict,
}: {
  me: Me;
  slot: RockSlot;
  rockWindowId: string;
  rock?: Rock;
  /** Saved (and proposed, when asked and it went through); `outcome` says when the propose step failed. */
  onSaved: (rock: Rock, outcome?: SaveOutcome) => void;
  onCancel: () => void;
  /** Someone else saved first: the caller reloads, this form keeps the user's words. */
  onConflict: () => void;
}) {
  const styles = useStyles();
  const word = me.vocabulary.rock;
  const formId = useId();
  const [title, setTitle] = useState(rock?.title ?? '');
  const [description, setDescription] = useState(rock?.description ?? '');
  const [alignment, setAlignment] = useState<string[]>(rock?.alignment ?? []);
  const [criteria, setCriteria] = useState<CriterionRow[]>(() =>
    rock && rock.successCriteria.length > 0
      ? rock.successCriteria.map((c) => ({ key: c.id, id: c.id, text: c.text, targetDate: c.targetDate ?? '' }))
      : [{ key: newKey(), text: '', targetDate: '' }],
  );
  const [saving, setSaving] = useState(false);
  const { error, setError, clear } = useFieldErrors(['title', 'description', 'alignment', 'successCriteria']);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const titleRef = useRef<HTMLTextAreaElement>(null);
  /** The user is fixing a field: its message goes, from this form's checks and the server's. */
  const fixing = (path: string) => {
    clear(path);
    setLocalErrors((found) => Object.fromEntries(Object.entries(found).filter(([p]) => p !== path && !p.startsWith(`${path}.`))));
  };
  const willPropose = !rock || proposable(rock.status);

  const groups = useMemo(() => {
    const byGroup = new Map<string, Me['alignment']['options']>();
    for (const option of me.alignment.options) {
      const group = option.group ?? me.alignment.label;
      byGroup.set(group, [...(byGroup.get(group) ?? []), option]);
    }
    return [...byGroup];
  }, [me.alignment]);
  const guidance = checklistFor(me.checklist, slot.theme, me.slots.map((s) => s.theme));
  const bank = bankFor(me.bank ?? {}, slot);
  const max = me.maxSuccessCriteria;

  const errorFor = (path: string) => localErrors[path] ?? fieldError(error, path);
  const claimed = (path: string) =>
    /(^|\.)(title|description|alignment)(\.\d+)?$/.test(path) || /(^|\.)successCriteria(\.\d+)?(\.(text|targetDate))?$/.test(path);

  const updateCriterion = (key: string, change: Partial<CriterionRow>) => {
    const index = criteria.findIndex((r) => r.key === key);
    if (change.text !== undefined) fixing(`successCriteria.${index}.text`);
    if (change.targetDate !== undefined) fixing(`successCriteria.${index}.targetDate`);
    setCriteria((rows) => rows.map((r) => (r.key === key ? { ...r, ...change } : r)));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void save(willPropose);
  };

  const save = async (andPropose: boolean) => {
    const rows = criteria.filter((c) => c.text.trim() !== '' || c.targetDate !== '');
    const found: Record<string, string> = {};
    if (title.trim() === '') found.title = `Give your ${word} a title.`;
    rows.forEach((row, i) => {
      if (row.text.trim() === '') found[`successCriteria.${i}.text`] = 'Say what success looks like, or remove this line.';
    });
    if (rows.length > max) found.successCriteria = `Up to ${max} success criteria.`;
    setLocalErrors(found);
    if (Object.keys(found).length > 0) {
      if (found.title) titleRef.current?.focus();
      return;
    }
    // Only now drop the empty rows, so field error indexes match what the server sees.
    setCriteria(rows.length > 0 ? rows : [{ key: newKey(), text: '', targetDate: '' }]);
    const draft: RockDraft = {
      slotId: slot.id,
      rockWindowId,
      title: title.trim(),
      description: description.trim(),
      alignment,
      successCriteria: rows.map((r) => ({
        ...(r.id ? { id: r.id } : {}),
        text: r.text.trim(),
        ...(r.targetDate ? { targetDate: r.targetDate } : {}),
      })),
    };
    setSaving(true);
    setError(undefined);
    let saved: Rock;
    try {
      saved = rock ? await updateRock(rock.id, rock.version, draft) : await createRock(draft);
    } catch (cause) {
      const apiError = toApiError(cause);
      setError(apiError);
      if (apiError.status === 409) onConflict();
      setSaving(false);
      return;
    }
    if (!andPropose || !proposable(saved.status)) {
      onSaved(saved);
      return;
    }
    // Saved: proposing is a second step. If it fails the draft is kept and the page says so.
    try {
      onSaved(await rockAction(saved.id, 'propose', saved.version));
    } catch (cause) {
      const apiError = toApiError(cause);
      const reason = apiError.status >= 400 && apiError.status < 500 && apiError.detail ? apiError.detail.replace(/\.$/, '') : 'it could not be sent just now';
      onSaved(saved, { proposeError: reason });
    }
  };

  const otherErrors = unclaimedErrors(error, claimed);

  return (
    <div className={styles.layout}>
      {guidance.length > 0 && (
        <aside className={mergeClasses(styles.aside, styles.checklistArea)} aria-label={`${capitalise(word)} checklist`}>
          <h4 className={styles.asideTitle}>{capitalise(word)} checklist</h4>
          <Text as="p" size={200}>
            Check your {word} against these before you propose it; your {me.vocabulary.reviewer} will.
          </Text>
          <ul className={styles.list}>
            {guidance.map((line) => (
              <li key={line}>
                <Text size={200}>{line}</Text>
              </li>
            ))}
          </ul>
        </aside>
      )}
      <form className={mergeClasses(styles.form, styles.formArea)} onSubmit={onSubmit} noValidate aria-label={`${rock ? 'Edit' : 'Write'} your ${word} for ${slot.theme}`}>
        {error && (
          <ErrorMessage
            error={error}
            title={error.status === 409 ? `This ${word} changed while you were editing` : `Your ${word} was not saved`}
          />
        )}
        {error?.status === 409 && (
          <Text>Your words are still here. Saving again replaces the other change with yours.</Text>
        )}
        {otherErrors.length > 0 && (
          <MessageBar intent="error">
            <MessageBarBody>{otherErrors.join(' ')}</MessageBarBody>
          </MessageBar>
        )}
        <Field
          label="Title"
          required
          validationState={errorFor('title') ? 'error' : 'none'}
          validationMessage={errorFor('title')}
          hint={slot.guidance}
        >
          <GrowingTextarea
            singleLine
            ref={titleRef}
            value={title}
            onChange={(_, d) => {
              fixing('title');
              setTitle(d.value);
            }}
            maxLength={200}
          />
        </Field>
        <Field
          label="Description"
          validationState={errorFor('description') ? 'error' : 'none'}
          validationMessage={errorFor('description')}
          hint="How you plan to approach it: the key activities, and what it will change (in order to…)."
        >
          <GrowingTextarea
            value={description}
            onChange={(_, d) => {
              fixing('description');
              setDescription(d.value);
            }}
            maxLength={2000}
          />
        </Field>
        {me.alignment.options.length > 0 && (
          <fieldset className={styles.criteria}>
            <legend className={styles.legend}>
              {me.alignment.label} ({alignment.length === 0 ? 'choose one or more' : `${alignment.length} chosen`})
            </legend>
            {errorFor('alignment') && (
              <Text role="alert" className={styles.error}>
                {errorFor('alignment')}
              </Text>
            )}
            <div className={styles.alignment}>
              {groups.map(([group, options]) => (
                <div key={group} role="group" aria-label={group}>
                  {groups.length > 1 && (
                    <Text as="p" weight="semibold" size={200} className={styles.group}>
                      {group}
                    </Text>
                  )}
                  {options.map((o) => (
                    <Checkbox
                      key={o.code}
                      checked={alignment.includes(o.code)}
                      onChange={(_, d) => {
                        fixing('alignment');
                        setAlignment((codes) =>
                          d.checked === true ? [...codes.filter((c) => c !== o.code), o.code] : codes.filter((c) => c !== o.code),
                        );
                      }}
                      label={alignmentText(o)}
                    />
                  ))}
                </div>
              ))}
            </div>
          </fieldset>
        )}
        <fieldset className={styles.criteria}>
          <legend className={styles.legend}>
            Success criteria ({criteria.length} of up to {max})
          </legend>
          {errorFor('successCriteria') && (
            <Text role="alert" className={styles.error}>
              {errorFor('successCriteria')}
            </Text>
          )}
          {criteria.map((row, i) => (
            <div key={row.key} className={styles.criterion}>
              <Field
                label={`Success criterion ${i + 1}`}
                validationState={errorFor(`successCriteria.${i}.text`) ? 'error' : 'none'}
                validationMessage={errorFor(`successCriteria.${i}.text`)}
              >
                <GrowingTextarea singleLine value={row.text} onChange={(_, d) => updateCriterion(row.key, { text: d.value })} maxLength={500} />
              </Field>
              <Field
                label="Target date"
                validationState={errorFor(`successCriteria.${i}.targetDate`) ? 'error' : 'none'}
                validationMessage={errorFor(`successCriteria.${i}.targetDate`)}
              >
                <Input
                  type="date"
                  value={row.targetDate}
                  onChange={(_, d) => updateCriterion(row.key, { targetDate: d.value })}
                />
              </Field>
              <Button
                icon={<DeleteRegular />}
                aria-label={`Remove success criterion ${i + 1}`}
                disabled={criteria.length === 1 && row.text === '' && row.targetDate === ''}
                onClick={() => {
                  fixing('successCriteria');
                  setCriteria((rows) =>
                    rows.length === 1 ? [{ key: newKey(), text: '', targetDate: '' }] : rows.filter((r) => r.key !== row.key),
                  );
                }}
              />
            </div>
          ))}
          <div>
            <Button
              icon={<AddRegular />}
              disabled={criteria.length >= max}
              onClick={() => {
                fixing('successCriteria');
                setCriteria((rows) => [...rows, { key: newKey(), text: '', targetDate: '' }]);
              }}
            >
              Add a success criterion
            </Button>
          </div>
        </fieldset>
        {rock && (rock.status === 'agreed' || rock.status === 'amended') && (
          <Text>{`Saving sends it to ${me.reviewer?.displayName ?? `your ${me.vocabulary.reviewer}`} to agree again.`}</Text>
        )}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={saving} id={`${formId}-save`}>
            {saving ? 'Saving…' : willPropose ? 'Save and propose' : 'Save changes'}
          </Button>
          {willPropose && (
            <Button disabled={saving} onClick={() => void save(false)}>
              Save as draft
            </Button>
          )}
          <Button onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
        </div>
      </form>
      {bank.length > 0 && (
        <aside className={mergeClasses(styles.aside, styles.bankArea)} aria-label="Key words and phrases">
          <h4 className={styles.asideTitle}>Key words and phrases</h4>
          <Text as="p" size={200}>
            {`From the ${word}s bank, to help make your ${word} clear. Select one to add it to the description.`}
          </Text>
          <ul className={styles.list}>
            {bank.map((phrase) => (
              <li key={phrase}>
                <Button
                  appearance="transparent"
                  size="small"
                  style={{ textAlign: 'left', height: 'auto', padding: 0, fontWeight: 'normal' }}
                  onClick={() => {
                    fixing('description');
                    setDescription((d) => (d.trim() === '' ? phrase : `${d.trimEnd()}\n${phrase}`));
                  }}
                >
                  {phrase}
                </Button>
              </li>
            ))}
          </ul>
        </aside>
      )}
    </div>
  );
}
