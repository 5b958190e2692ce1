import { Button, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { lazy, Suspense, useContext, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { getCurrentCheckIn } from '../../api/endpoints';
import type { PendingThanksDto, SubmitCheckInResponse } from '../../../../shared/api';
import { useQuery } from '../../api/useQuery';
import { LocaleContext } from '../../shell/locale';
import { useMe } from '../../shell/me';
import { openTeamsLink } from '../../teams/connect';
import { CHECK_IN_SAVED_EVENT, closingTime, countdown, OPEN_CHECK_IN_EVENT } from './timelineText';

// The form is only fetched when someone opens it.
const CheckInForm = lazy(() => import('./CheckInForm').then((m) => ({ default: m.CheckInForm })));
// Only when a thanks named nobody: ask whom it is for (the praise view's component).
const PendingThanks = lazy(() => import('../praise/PendingThanks').then((m) => ({ default: m.PendingThanks })));

const useStyles = makeStyles({
  banner: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    marginBottom: tokens.spacingVerticalL,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`,
    minWidth: 0,
  },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', justifyContent: 'space-between', gap: tokens.spacingHorizontalM },
  text: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  title: { ...typographyStyles.subtitle2 },
  muted: { color: tokens.colorNeutralForeground2 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/**
 * Issue 15: while a check-in window is open for me, above every view: check in right here (the
 * card's form and use case), or open the bot's chat; a countdown to the close; once sent, edit
 * until it closes. Nothing for someone the policy does not ask, or in a group-mode trust.
 */
export default function CheckInBanner() {
  const me = useMe();
  if (!me.openCheckIn || me.checkInMode === 'group' || me.participation?.asked === false) return null;
  return <OpenCheckInBanner />;
}

/** Now by the server's clock, moving on every half minute: a device whose clock is off still counts down right. */
function useServerNow(serverNow: string | undefined): number {
  const offset = useMemo(() => (serverNow ? Date.parse(serverNow) - Date.now() : 0), [serverNow]);
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    setNow(Date.now() + offset);
    const timer = setInterval(() => setNow(Date.now() + offset), 30_000);
    return () => clearInterval(timer);
  }, [offset]);
  return now;
}

function OpenCheckInBanner() {
  const me = useMe();
  const styles = useStyles();
  const locale = useContext(LocaleContext);
  const query = useQuery('check-in:current', getCurrentCheckIn);
  const [formOpen, setFormOpen] = useState(false);
  // Once opened the form stays mounted (hidden when closed), so closing it loses nothing typed.
  const [formMounted, setFormMounted] = useState(false);
  useEffect(() => {
    if (formOpen) setFormMounted(true);
  }, [formOpen]);
  const [saved, setSaved] = useState<'created' | 'updated'>();
  const [pending, setPending] = useState<PendingThanksDto>();
  const ref = useRef<HTMLElement>(null);
  const data = query.state.status === 'ready' ? query.state.data : undefined;
  const now = useServerNow(data?.now);

  useEffect(() => {
    const open = () => {
      setFormOpen(true);
      ref.current?.scrollIntoView({ block: 'start' });
    };
    window.addEventListener(OPEN_CHECK_IN_EVENT, open);
    return () => window.removeEventListener(OPEN_CHECK_IN_EVENT, open);
  }, []);

  if (query.state.status === 'error') {
    return (
      <MessageBar intent="warning" className={styles.banner}>
        <MessageBarBody>
          {me.openCheckIn?.title} is open, but it could not be loaded here.{' '}
          <Button size="small" onClick={query.reload}>
            Try again
          </Button>
        </MessageBarBody>
      </MessageBar>
    );
  }
  const event = data?.event;
  if (!data || data.state !== 'open' || !event) return null;

  const timeZone = me.policy.timezone;
  const closes = closingTime(event.closesAt, now, locale, timeZone);
  const closed = Date.parse(event.closesAt) <= now;
  const sent = data.checkIn !== undefined;
  const reviewer = data.reviewer?.displayName ?? `your ${me.vocabulary.reviewer}`;
  const onSaved = (answer: SubmitCheckInResponse, outcome: 'created' | 'updated') => {
    const { pendingThanks, ...checkIn } = answer;
    setPending(pendingThanks);
    query.set((d) => ({ ...d, checkIn }));
    setSaved(outcome);
    setFormOpen(false);
    window.dispatchEvent(new CustomEvent(CHECK_IN_SAVED_EVENT));
  };

  return (
    <section ref={ref} className={styles.banner} aria-label={`${event.title} is open`}>
      <div className={styles.row}>
        <div className={styles.text}>
          {closed ? (
            // The window closed while the page was open: a first check-in is still taken (late); an edit is not.
            <>
              <Text className={styles.title}>{`${event.title} · closed ${closes}`}</Text>
              <Text size={200} className={styles.muted}>
                {sent ? 'Your answers can no longer be changed. Your reviewer has what you sent.' : 'You can still send it: it will count as late.'}
              </Text>
            </>
          ) : sent ? (
            <>
              <Text className={styles.title}>{`${event.title} · Checked in · Edit until ${closes}`}</Text>
              <Text size={200} className={styles.muted}>
                {`Sent to ${reviewer}${data.checkIn?.editedAt ? ', edited since' : ''}. Closes ${countdown(Date.parse(event.closesAt) - now)}.`}
              </Text>
            </>
          ) : (
            <Text className={styles.title}>{`${event.title} · open now · closes ${closes} (${countdown(Date.parse(event.closesAt) - now)})`}</Text>
          )}
        </div>
        {!(closed && sent) && (
          <div className={styles.actions}>
            <Button appearance={sent ? 'secondary' : 'primary'} aria-expanded={formOpen} onClick={() => setFormOpen((o) => !o)}>
              {formOpen ? 'Close the form' : sent ? 'Edit' : 'Check in here'}
            </Button>
            {data.chatUrl && <ChatLink url={data.chatUrl} />}
          </div>
        )}
      </div>
      {saved && !formOpen && (
        <MessageBar intent="success" politeness="polite">
          <MessageBarBody>
            {saved === 'created' ? `Sent to ${reviewer}. You can edit it until ${closes}.` : `Updated: ${reviewer} sees your changes.`}
          </MessageBarBody>
        </MessageBar>
      )}
      {pending && !formOpen && (
        <Suspense fallback={null}>
          <PendingThanks items={[pending]} onSent={() => setPending(undefined)} />
        </Suspense>
      )}
      {formMounted && (
        <div hidden={!formOpen}>
          <Suspense fallback={<Spinner size="small" label="Opening the form…" />}>
            <CheckInForm key={data.checkIn?.editedAt ?? data.checkIn?.submittedAt ?? 'new'} data={data} onSaved={onSaved} onClose={() => setFormOpen(false)} />
          </Suspense>
        </div>
      )}
    </section>
  );
}

/** The bot's one-to-one chat: inside Teams through the SDK (a tab cannot navigate Teams itself), elsewhere a new window. */
function ChatLink({ url }: { url: string }) {
  const onClick = (e: MouseEvent) => {
    if (openTeamsLink(url)) e.preventDefault();
  };
  return (
    <Button as="a" href={url} target="_blank" rel="noopener noreferrer" onClick={onClick}>
      Open the chat
    </Button>
  );
}
