// Pieces the praise forms share: the problems a refused send names, per field, in words that say
// which colleague; and a few styles.
import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { ApiError } from '../../api/client';
import type { Colleague } from '../common/ColleaguePicker';

export interface ThanksProblems {
  recipients?: string;
  message?: string;
  /** Anything no field claims (a conflict, the connection). */
  form?: string;
}

/**
 * A refused send, per field. `recipientIds.<n>` is the n-th colleague sent: the message names them
 * unless it already does. Nothing internal: the server's words only.
 */
export function thanksProblems(error: ApiError, sent: readonly Colleague[]): ThanksProblems {
  const recipients: string[] = [];
  const message: string[] = [];
  const other: string[] = [];
  for (const e of error.errors) {
    const path = e.path.replace(/^body\./, '');
    if (path === 'message') message.push(e.message);
    else if (path === 'recipientIds') recipients.push(e.message);
    else if (path.startsWith('recipientIds.')) {
      const name = sent[Number(path.slice('recipientIds.'.length))]?.displayName;
      recipients.push(name && !e.message.includes(name) ? `${name}: ${e.message}` : e.message);
    } else other.push(e.message);
  }
  const form = error.errors.length === 0 ? describe(error) : other.join(' ');
  return {
    ...(recipients.length > 0 ? { recipients: capitalise(recipients.join('. ')) } : {}),
    ...(message.length > 0 ? { message: capitalise(message.join('. ')) } : {}),
    ...(form ? { form } : {}),
  };
}

function describe(error: ApiError): string {
  if (error.status === 0) return 'Could not reach Professional Growth. Check your connection and try again — nothing you typed is lost.';
  return error.detail ?? error.title;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "Sam Singh", "Sam Singh and Rita Reviewer", "Sam, Rita and Priya". */
export function listNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export const usePraiseStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  title: { ...typographyStyles.subtitle2, margin: 0 },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  quote: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontStyle: 'italic' },
  // Grows with what is typed (Chromium's field-sizing), from three lines.
  grow: { minHeight: '5.5em', ...({ fieldSizing: 'content' } as Record<string, string>) },
});
