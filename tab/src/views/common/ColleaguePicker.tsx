// Pick colleagues from the staff directory (issue 15): type a name, matching colleagues are listed
// with their school as you type (debounced), picked ones become tags. Fluent's TagPicker, so it is
// keyboard accessible (arrows, Enter, Backspace to a tag, Delete to remove it) and labelled by its
// Field. The list renders inline (in DOM order), not in a portal: the app's FluentProvider styles,
// which Fluent copies onto portal mount nodes, would cover the page. The server leaves out the person searching and anyone excluded; `excludeIds` can drop more.
import {
  Avatar,
  Field,
  Spinner,
  Tag,
  TagPicker,
  TagPickerControl,
  TagPickerGroup,
  TagPickerInput,
  TagPickerList,
  TagPickerOption,
  makeStyles,
  tokens,
  type TagPickerProps,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { searchPraiseColleagues } from '../../api/praise';

export interface Colleague {
  id: string;
  displayName: string;
  school: string;
}

export interface ColleaguePickerProps {
  label: string;
  value: Colleague[];
  onChange: (next: Colleague[]) => void;
  /** The problem to show under the field (cleared by the caller as the user fixes it). */
  error?: string;
  hint?: string;
  required?: boolean;
  /** Most colleagues that can be picked. */
  max?: number;
  excludeIds?: readonly string[];
  /** Where matches come from; the praise colleague search by default. */
  search?: (q: string) => Promise<Colleague[]>;
  disabled?: boolean;
}

const NO_MATCH = '__no-match__';
const MIN_LETTERS = 2;
const DEBOUNCE_MS = 250;

const useStyles = makeStyles({
  // The control wraps its tags onto new lines rather than widening the page on a phone.
  control: { maxWidth: '100%', minWidth: 0, flexWrap: 'wrap' },
  input: { minWidth: '8rem' },
  status: { color: tokens.colorNeutralForeground2, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}` },
});

export function ColleaguePicker({ label, value, onChange, error, hint, required, max = 20, excludeIds = [], search = searchPraiseColleagues, disabled }: ColleaguePickerProps) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Colleague[]>([]);
  const [state, setState] = useState<'idle' | 'searching' | 'done' | 'failed'>('idle');
  const [open, setOpen] = useState(false);
  const known = useRef(new Map<string, Colleague>());
  for (const c of value) known.current.set(c.id, c);

  useEffect(() => {
    const text = query.trim();
    if (text.length < MIN_LETTERS) {
      setFound([]);
      setState('idle');
      return;
    }
    let current = true;
    setState('searching');
    const timer = setTimeout(() => {
      search(text).then(
        (items) => {
          if (!current) return;
          for (const c of items) known.current.set(c.id, c);
          setFound(items);
          setState('done');
        },
        () => {
          if (!current) return;
          setFound([]);
          setState('failed');
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, search]);

  const chosenIds = value.map((c) => c.id);
  const options = found.filter((c) => !chosenIds.includes(c.id) && !excludeIds.includes(c.id));
  const full = value.length >= max;

  const onOptionSelect: TagPickerProps['onOptionSelect'] = (_, data) => {
    if (data.value === NO_MATCH) return;
    const ids = data.selectedOptions.slice(0, max);
    onChange(ids.flatMap((id) => (known.current.has(id) ? [known.current.get(id)!] : [])));
    setQuery('');
    setOpen(false);
  };
  // The list opens as matches are looked for, however the text got there (typed, pasted, dictated).
  const onType = (text: string) => {
    setQuery(text);
    if (text.trim().length >= MIN_LETTERS) setOpen(true);
  };

  const listStatus =
    query.trim().length < MIN_LETTERS
      ? `Type at least ${MIN_LETTERS} letters of a name`
      : state === 'searching'
        ? 'Searching the staff directory…'
        : state === 'failed'
          ? 'Could not search the staff directory. Check your connection and type again.'
          : full
            ? `You can choose up to ${max} colleagues`
            : `No colleague matches “${query.trim()}”`;

  return (
    <Field label={label} required={required} validationMessage={error} hint={hint ?? 'Type a name, then choose from the list. Backspace removes the last one.'}>
      <TagPicker inline onOptionSelect={onOptionSelect} selectedOptions={chosenIds} disabled={disabled} open={open} onOpenChange={(_, d) => setOpen(d.open)}>
        <TagPickerControl className={styles.control}>
          <TagPickerGroup aria-label={`${label}: chosen`}>
            {value.map((c) => (
              <Tag key={c.id} value={c.id} shape="rounded" media={<Avatar aria-hidden name={c.displayName} color="colorful" />} dismissIcon={{ 'aria-label': `Remove ${c.displayName}` }}>
                {c.displayName}
              </Tag>
            ))}
          </TagPickerGroup>
          <TagPickerInput className={styles.input} value={query} onChange={(e) => onType(e.target.value)} placeholder={value.length === 0 ? "Start typing a colleague's name" : undefined} />
        </TagPickerControl>
        <TagPickerList>
          {!full && options.length > 0
            ? options.map((c) => (
                <TagPickerOption key={c.id} value={c.id} text={c.displayName} secondaryContent={c.school || undefined} media={<Avatar aria-hidden name={c.displayName} color="colorful" />}>
                  {c.displayName}
                </TagPickerOption>
              ))
            : (
                <TagPickerOption value={NO_MATCH} text={listStatus}>
                  {state === 'searching' ? <Spinner size="extra-tiny" label={listStatus} /> : <span className={styles.status}>{listStatus}</span>}
                </TagPickerOption>
              )}
        </TagPickerList>
      </TagPicker>
    </Field>
  );
}
