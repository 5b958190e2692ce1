import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { CheckmarkRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ApiError } from '../../api/client';
import type { TeamMember } from '../../api/model';
import { toApiError } from '../../api/useQuery';
import { useDates } from '../common/dates';
import { ErrorMessage } from '../common/LoadState';
import { sendCheckInReminder } from './teamApi';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXS },
  sent: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground2 },
});

/**
 * "Send a gentle reminder" to someone who has not checked in while the window is open: a bot
 * message from the reviewer, once per person per window. Afterwards it reads "Reminder sent".
 */
export function ReminderButton({ member }: { member: TeamMember }) {
  const styles = useStyles();
  const dates = useDates();
  const [sent, setSent] = useState(member.reminder);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  if (member.relationship !== 'reviewer' || member.notCheckedIn?.state !== 'open') return null;

  const onClick = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const reply = await sendCheckInReminder(member.person.id);
      setSent({ at: reply.sentAt, byName: reply.byName });
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.root}>
      {sent ? (
        <Text className={styles.sent} role="status">
          <CheckmarkRegular aria-hidden />
          {`Reminder sent ${dates.time(sent.at)}${sent.byName ? ` by ${sent.byName}` : ''}`}
        </Text>
      ) : (
        <Button size="small" disabled={busy} onClick={() => void onClick()}>
          {busy ? 'Sending…' : 'Send a gentle reminder'}
        </Button>
      )}
      {error && <ErrorMessage error={error} title="The reminder was not sent" />}
    </div>
  );
}
