import { Field, makeStyles, Tag, TagGroup, Text, tokens } from '@fluentui/react-components';
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
 * The check-in's thanks: whom to thank and the words passed on to them. The colleague picker
 * (views/common/ColleaguePicker.tsx) goes where the chosen colleagues are listed; until then the
 * colleagues already chosen stay chosen and can be removed.
 */
export function ThanksFields({ message, praiseIds, onChange, names = {}, errors = {}, labels = {} }: ThanksFieldsProps) {
  const styles = useStyles();
  const max = labels.max;
  return (
    <div className={styles.root}>
      {praiseIds.length > 0 && (
        <Field label={labels.praise ?? 'Praise colleagues'} validationMessage={errors.praiseIds} validationState={errors.praiseIds ? 'error' : 'none'}>
          <TagGroup
            aria-label="Colleagues you are thanking"
            onDismiss={(_, data) => onChange({ message, praiseIds: praiseIds.filter((id) => id !== data.value) })}
          >
            {praiseIds.map((id) => (
              <Tag key={id} value={id} dismissible dismissIcon={{ 'aria-label': `Remove ${names[id] ?? 'this colleague'}` }}>
                {names[id] ?? 'A colleague'}
              </Tag>
            ))}
          </TagGroup>
        </Field>
      )}
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
