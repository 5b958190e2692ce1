import { Field, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useRef } from 'react';
import { ColleaguePicker, type Colleague } from '../common/ColleaguePicker';
import { GrowingTextarea } from '../common/GrowingTextarea';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
});

export interface ThanksValue {
  message: string;
  praiseIds: string[];
}

export interface ThanksFieldsProps extends ThanksValue {
  onChange: (next: ThanksValue) => void;
  /** Display names of the chosen colleagues (those already sent with this check-in). */
  names?: Record<string, string>;
  /** Field errors from the server, by field. */
  errors?: { message?: string; praiseIds?: string };
  labels?: { praise?: string; message?: string; messageHint?: string; max?: number };
}

/**
 * The check-in's thanks: whom to thank (picked from the directory) and the words passed on to them.
 * A message with nobody picked still sends the check-in; the thanks is kept and the person is asked
 * whom it is for (PendingThanks).
 */
export function ThanksFields({ message, praiseIds, onChange, names = {}, errors = {}, labels = {} }: ThanksFieldsProps) {
  const styles = useStyles();
  const max = labels.max;
  // Colleagues picked here keep their school; those sent before are known by name only.
  const chosen = useRef(new Map<string, Colleague>()).current;
  return (
    <div className={styles.root}>
      <ColleaguePicker
        label={labels.praise ?? 'Praise colleagues'}
        hint="Start typing a colleague's name"
        value={praiseIds.map((id) => chosen.get(id) ?? { id, displayName: names[id] ?? 'A colleague', school: '' })}
        error={errors.praiseIds}
        onChange={(next) => {
          for (const c of next) chosen.set(c.id, c);
          onChange({ message, praiseIds: next.map((c) => c.id) });
        }}
      />
      <Field
        label={labels.message ?? 'Your thanks'}
        hint={labels.messageHint}
        validationMessage={errors.message}
        validationState={errors.message ? 'error' : 'none'}
      >
        <GrowingTextarea
          value={message}
          rows={2}
          placeholder="Who made a difference, and what did they do?"
          onChange={(_, data) => onChange({ message: data.value, praiseIds })}
        />
      </Field>
      {max !== undefined && message.length > max * 0.8 && (
        <Text size={200} className={styles.muted}>
          {message.trim().length} of {max} characters
        </Text>
      )}
    </div>
  );
}
