import { Button, Checkbox, Link, makeStyles, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiError } from '../../api/client';
import type { TeamMember } from '../../api/model';
import { toApiError } from '../../api/useQuery';
import { formatHash } from '../../routing/routes';
import { capitalise, useMe } from '../../shell/me';
import type { TeamResponse, YearReviewListResponse } from '../../../../shared/api';
import { CheckInPanel } from '../checkins/CheckInPanel';
import { useDates } from '../common/dates';
import { ErrorMessage } from '../common/LoadState';
import { panelStyles } from '../common/panelStyles';
import { acknowledgeCheckIns } from './teamApi';

const useStyles = makeStyles({
  section: { ...panelStyles.section, marginTop: 0, marginBottom: tokens.spacingVerticalL },
  title: panelStyles.title,
  muted: panelStyles.muted,
  figures: { ...typographyStyles.subtitle1, margin: 0 },
  subtitle: { ...typographyStyles.body1Strong, margin: `${tokens.spacingVerticalS} 0 0` },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: 0 },
  grow: { flexGrow: 1, minWidth: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "3 of 4 checked in · 3 to acknowledge" for the open (or last) check-in, and what else waits. */
export function TeamSummary({ team, reviews }: { team: TeamResponse; reviews?: YearReviewListResponse | null }) {
  const me = useMe();
  const styles = useStyles();
  const dates = useDates();
  const counted = team.members.filter((m) => m.relationship !== 'previous-reviewer' && !m.notAsked);
  const checkedIn = counted.filter((m) => !m.notCheckedIn).length;
  const toAcknowledge = team.members.reduce((n, m) => n + m.awaitingAcknowledgement.length, 0);
  const rocksToAgree = team.members.reduce((n, m) => n + m.rocksAwaitingAgreement.filter((r) => r.status === 'proposed').length, 0);
  const reviewsWaiting = reviews?.needsMe.length ?? 0;
  const { checkIn } = team;
  const open = checkIn?.phase === 'open';
  const figures = [
    ...(checkIn ? [`${checkedIn} of ${counted.length} checked in`] : []),
    `${toAcknowledge} to acknowledge`,
    `${plural(rocksToAgree, me.vocabulary.rock, me.vocabulary.rocks)} to agree`,
    ...(reviews ? [`${plural(reviewsWaiting, 'review', 'reviews')} waiting`] : []),
  ];
  return (
    <section className={styles.section} aria-labelledby="team-summary">
      <h3 id="team-summary" className={styles.title}>
        {checkIn ? `${checkIn.title} · ${open ? `open until ${dates.time(checkIn.closesAt)}` : `closed ${dates.day(checkIn.closesAt)}`}` : 'Your team'}
      </h3>
      <p className={styles.figures}>{figures.join(' · ')}</p>
    </section>
  );
}

/** Everything waiting for the reviewer, each one click from done; several check-ins acknowledged at once. */
export function NeedsMe({ team, reviews, onChanged }: { team: TeamResponse; reviews?: YearReviewListResponse | null; onChanged: () => void }) {
  const me = useMe();
  const styles = useStyles();
  const waiting = team.members.flatMap((m) => m.awaitingAcknowledgement.map((c) => ({ checkIn: c, member: m })));
  const rocks = team.members.flatMap((m) => m.rocksAwaitingAgreement.filter((r) => r.status === 'proposed').map((rock) => ({ rock, member: m })));
  const needsMe = reviews?.needsMe ?? [];
  const nothing = waiting.length === 0 && rocks.length === 0 && needsMe.length === 0;

  return (
    <section className={styles.section} aria-labelledby="needs-me">
      <h3 id="needs-me" className={styles.title}>
        Needs me
      </h3>
      {nothing && <Text className={styles.muted}>Nothing is waiting for you. Thank you!</Text>}
      {waiting.length > 0 && <ToAcknowledge waiting={waiting} onChanged={onChanged} />}
      {rocks.length > 0 && (
        <>
          <h4 className={styles.subtitle}>{`${capitalise(me.vocabulary.rocks)} to agree`}</h4>
          <ul className={styles.list}>
            {rocks.map(({ rock, member }) => (
              <li key={rock.id} className={styles.row}>
                <Text className={styles.grow}>{`${member.person.displayName}: ${rock.title}`}</Text>
                <Link href={formatHash({ view: 'team', itemId: member.person.id })}>{`Read and agree ${member.person.displayName.split(' ')[0]}'s ${me.vocabulary.rock}`}</Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {needsMe.length > 0 && (
        <>
          <h4 className={styles.subtitle}>Reviews waiting for you</h4>
          <ul className={styles.list}>
            {needsMe.map((r) => (
              <li key={r.id} className={styles.row}>
                <Link href={formatHash({ view: 'reviews', itemId: r.id })}>{`${r.person.displayName} · ${r.label}`}</Link>
                {r.myNextStep && <Text className={styles.muted}>{r.myNextStep}</Text>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

type Waiting = { checkIn: TeamMember['awaitingAcknowledgement'][number]; member: TeamMember };

function ToAcknowledge({ waiting, onChanged }: { waiting: Waiting[]; onChanged: () => void }) {
  const me = useMe();
  const styles = useStyles();
  const dates = useDates();
  const [open, setOpen] = useState<string>();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [outcome, setOutcome] = useState<string>();
  const ids = waiting.map((w) => w.checkIn.id);
  const chosen = ids.filter((id) => selected.has(id));
  const vocab = me.vocabulary.checkIn;
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const onAcknowledge = async () => {
    setBusy(true);
    setError(undefined);
    setOutcome(undefined);
    try {
      const { results } = await acknowledgeCheckIns(chosen);
      const done = results.filter((r) => r.outcome !== 'refused').length;
      const refused = results.filter((r) => r.outcome === 'refused');
      const name = (id: string) => waiting.find((w) => w.checkIn.id === id)?.member.person.displayName ?? capitalise(vocab);
      setOutcome([`${plural(done, vocab, `${vocab}s`)} acknowledged.`, ...refused.map((r) => `${name(r.checkInId)}: ${r.message ?? 'not acknowledged'}`)].join(' '));
      setSelected(new Set());
      onChanged();
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h4 className={styles.subtitle}>{`${capitalise(vocab)}s to acknowledge`}</h4>
      <ul className={styles.list}>
        {waiting.map(({ checkIn, member }) => {
          const label = `${member.person.displayName} · ${checkIn.title ?? capitalise(vocab)} · submitted ${dates.time(checkIn.submittedAt)}`;
          return (
            <li key={checkIn.id} className={styles.row}>
              <Checkbox className={styles.grow} checked={selected.has(checkIn.id)} onChange={(_, d) => toggle(checkIn.id, d.checked === true)} label={label} />
              <Button size="small" aria-expanded={open === checkIn.id} onClick={() => setOpen(open === checkIn.id ? undefined : checkIn.id)} aria-label={`${open === checkIn.id ? 'Close' : 'Read'} ${member.person.displayName}'s ${checkIn.title ?? vocab}`}>
                {open === checkIn.id ? 'Close' : 'Read'}
              </Button>
            </li>
          );
        })}
      </ul>
      <div className={styles.actions}>
        {waiting.length > 1 && (
          <Button size="small" appearance="subtle" onClick={() => setSelected(chosen.length === ids.length ? new Set() : new Set(ids))}>
            {chosen.length === ids.length ? 'Clear the selection' : 'Select all'}
          </Button>
        )}
        <Button appearance="primary" disabled={busy || chosen.length === 0} onClick={() => void onAcknowledge()}>
          {busy ? 'Acknowledging…' : chosen.length > 0 ? `Acknowledge ${chosen.length} selected` : 'Acknowledge selected'}
        </Button>
        <Text role="status" className={styles.muted}>
          {outcome ?? ''}
        </Text>
      </div>
      {error && <ErrorMessage error={error} title="Nothing was acknowledged" />}
      {/* One panel in one place: acknowledging moves the check-in out of this list, and the reply
          being typed must not be lost when the list reloads. */}
      {open && <CheckInPanel key={open} checkInId={open} onChanged={onChanged} />}
    </>
  );
}
