// Issue 15: PG administrators' Trust progress — completion of the open (or last) check-in window
// by school (the admin channel's `status` figures), the CSV exports, and where the rest is done:
// the PG admin channel, the Schedule (with its edits) and the Policy.
import { Button, Field, Link, makeStyles, mergeClasses, MessageBar, MessageBarBody, Select, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { ArrowDownloadRegular, DataBarVerticalRegular } from '@fluentui/react-icons';
import { Fragment, useState } from 'react';
import type { ProgressResponse, SchoolProgress } from '../../../../shared/api/progress';
import type { ApiError } from '../../api/client';
import { toApiError, useQuery } from '../../api/useQuery';
import { formatHash } from '../../routing/routes';
import { useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { ErrorMessage, LoadState } from '../common/LoadState';
import { panelStyles } from '../common/panelStyles';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';
import { downloadProgressCsv, getProgress } from './adminApi';

const useStyles = makeStyles({
  ...panelStyles,
  intro: {
    color: tokens.colorNeutralForeground2,
    display: 'block',
    marginBottom: tokens.spacingVerticalS,
  },
  head: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    alignItems: 'flex-end',
    justifyContent: 'space-between',
  },
  picker: { minWidth: 0, maxWidth: '100%', flex: '0 1 20rem' },
  headline: { ...typographyStyles.body1Strong },
  // The table scrolls inside its own box on a phone; the page never scrolls sideways.
  scroller: {
    maxWidth: '100%',
    overflowX: 'auto',
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
    },
  },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    minWidth: '36rem',
    fontVariantNumeric: 'tabular-nums',
  },
  th: {
    ...typographyStyles.caption1Strong,
    textAlign: 'right',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    verticalAlign: 'bottom',
  },
  rowHead: { textAlign: 'left' },
  td: {
    textAlign: 'right',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  total: {
    fontWeight: tokens.fontWeightSemibold,
    borderTop: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  // On a phone each school is a card of its figures instead of a wide table.
  wide: { '@media (max-width: 560px)': { display: 'none' } },
  cards: {
    display: 'none',
    '@media (max-width: 560px)': { display: 'flex' },
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  card: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  cardTitle: {
    ...typographyStyles.body1Strong,
    margin: `0 0 ${tokens.spacingVerticalXS}`,
  },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) auto minmax(0, 1fr) auto',
    columnGap: tokens.spacingHorizontalM,
    rowGap: '2px',
    margin: 0,
    fontVariantNumeric: 'tabular-nums',
  },
  figureValue: {
    margin: 0,
    textAlign: 'right',
    fontWeight: tokens.fontWeightSemibold,
  },
  left: { textAlign: 'left' },
  buttons: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalM,
  },
  commands: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  code: {
    fontFamily: tokens.fontFamilyMonospace,
    fontWeight: tokens.fontWeightSemibold,
  },
  links: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL },
});

export default function AdminView() {
  const styles = useStyles();
  const me = useMe();
  const [eventId, setEventId] = useState<string>();
  const progress = useQuery(`progress-${eventId ?? 'current'}`, () => getProgress(eventId));
  return (
    <>
      <ViewHeading>Trust progress</ViewHeading>
      <Text className={styles.intro}>
        How each {me.vocabulary.checkIn} window is going, school by school — the same figures as <span className={styles.code}>status</span> in the PG admin
        channel.
      </Text>
      <LoadState state={progress.state} onRetry={progress.reload} label="Loading the trust's progress…">
        {(data) => (
          <>
            {data.event ? (
              <Completion data={data} onPick={setEventId} />
            ) : (
              <EmptyState icon={<DataBarVerticalRegular />} title={data.notice ? 'No cycle is running today' : `No ${me.vocabulary.checkIn} has opened yet`}>
                {data.notice ??
                  `When the first ${me.vocabulary.checkIn} window of ${data.cycle?.label ?? 'the cycle'} opens, its completion by school shows here.`}
              </EmptyState>
            )}
            {data.event && <Exports data={data} />}
            <AdminChannel url={data.adminChannel?.url} />
          </>
        )}
      </LoadState>
    </>
  );
}

function notSubmittedLabel(data: ProgressResponse): string {
  if (data.optional) return 'Not submitted (optional)';
  return data.state === 'open' ? 'Not yet' : 'Missing';
}

function Completion({ data, onPick }: { data: ProgressResponse; onPick: (eventId: string) => void }) {
  const styles = useStyles();
  const dates = useDates();
  const me = useMe();
  const event = data.event!;
  const { total } = data;
  const percent = total.asked > 0 ? Math.round((Math.min(total.submitted, total.asked) / total.asked) * 100) : 0;
  const columns: Array<[string, (s: SchoolProgress) => number]> = [
    ['Asked', (s) => s.asked],
    ['Prompted', (s) => s.prompted],
    ['Submitted', (s) => s.submitted],
    ['On time', (s) => s.onTime],
    ['Late', (s) => s.late],
    [notSubmittedLabel(data), (s) => s.notSubmitted],
    ['Acknowledged', (s) => s.acknowledged],
    ['Awaiting ack.', (s) => s.awaitingAcknowledgement],
  ];
  return (
    <section className={styles.section} aria-labelledby="completion-title">
      <div className={styles.head}>
        <div>
          <h3 id="completion-title" className={styles.title}>
            {event.title} · {data.state === 'open' ? 'open now' : 'closed'}
          </h3>
          <Text className={styles.muted}>
            Open {dates.time(event.opensAt)} to {dates.time(event.closesAt)}
          </Text>
        </div>
        {data.windows.length > 1 && (
          <Field label="Window" className={styles.picker}>
            <Select value={event.id} onChange={(_, d) => onPick(d.value)}>
              {data.windows.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.title} · {dates.short(w.date)}
                  {w.state === 'open' ? ' · open now' : ''}
                </option>
              ))}
            </Select>
          </Field>
        )}
      </div>
      <Text className={styles.headline}>
        Trust: {total.submitted} of {total.asked} checked in ({percent}%) · {total.onTime} on time · {total.awaitingAcknowledgement} awaiting acknowledgement
      </Text>
      <div className={mergeClasses(styles.scroller, styles.wide)} role="region" aria-labelledby="completion-table-caption" tabIndex={0}>
        <table className={styles.table}>
          <caption id="completion-table-caption" style={visuallyHidden}>
            Completion of {event.title} by school
          </caption>
          <thead>
            <tr>
              <th scope="col" className={mergeClasses(styles.th, styles.left)}>
                School
              </th>
              {columns.map(([label]) => (
                <th key={label} scope="col" className={styles.th}>
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.schools.map((s) => (
              <tr key={s.school}>
                <th scope="row" className={mergeClasses(styles.td, styles.rowHead)}>
                  {s.school}
                </th>
                {columns.map(([label, value]) => (
                  <td key={label} className={styles.td}>
                    {value(s)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className={mergeClasses(styles.td, styles.total, styles.rowHead)}>
                All schools
              </th>
              {columns.map(([label, value]) => (
                <td key={label} className={mergeClasses(styles.td, styles.total)}>
                  {value(total)}
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </div>
      <ul className={styles.cards} aria-label={`Completion of ${event.title} by school`}>
        {[...data.schools, total].map((s) => (
          <li key={s.school} className={styles.card}>
            <h4 className={styles.cardTitle}>{s.school}</h4>
            <dl className={styles.figures}>
              {columns.map(([label, value]) => (
                <Fragment key={label}>
                  <dt>{label}</dt>
                  <dd className={styles.figureValue}>{value(s)}</dd>
                </Fragment>
              ))}
            </dl>
          </li>
        ))}
      </ul>
      <Text size={200} className={styles.muted}>
        Asked: staff the policy asks to check in. Prompted: sent the {me.vocabulary.checkIn} by the bot.{' '}
        {data.state === 'open' && !data.optional ? 'Not yet: asked and not submitted while the window is open. ' : ''}
        Acknowledged: by their {me.vocabulary.reviewer}; awaiting ack.: submitted, not yet acknowledged.
        {data.optional ? ` This ${me.vocabulary.checkIn} is optional: nobody who leaves it is counted as missing it.` : ''}
      </Text>
    </section>
  );
}

const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

function Exports({ data }: { data: ProgressResponse }) {
  const styles = useStyles();
  const me = useMe();
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<'schools' | 'people'>();
  const download = async (rows: 'schools' | 'people') => {
    setBusy(rows);
    setError(undefined);
    setSaved(undefined);
    try {
      setSaved(await downloadProgressCsv(rows, data.event?.id));
    } catch (cause) {
      setError(toApiError(cause));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section className={styles.section} aria-labelledby="exports-title">
      <h3 id="exports-title" className={styles.title}>
        Exports
      </h3>
      <Text className={styles.muted}>
        Spreadsheets (CSV) of {data.event?.title}. Downloads are recorded in the audit log
        {data.perPersonExport ? ': the per-person file names staff, so keep it within the trust' : ''}.
      </Text>
      <div className={styles.buttons}>
        <Button icon={<ArrowDownloadRegular />} disabled={busy !== undefined} onClick={() => void download('schools')}>
          Completion by school (CSV)
        </Button>
        {data.perPersonExport && (
          <Button icon={<ArrowDownloadRegular />} disabled={busy !== undefined} onClick={() => void download('people')}>
            Each person’s {me.vocabulary.checkIn} (CSV)
          </Button>
        )}
      </div>
      {!data.perPersonExport && (
        <Text className={styles.muted}>
          Your trust’s policy does not let PG administrators see individual {me.vocabulary.checkIn}s, so there is no per-person export.
        </Text>
      )}
      <div role="status">{saved && <Text>Downloaded {saved}.</Text>}</div>
      {error && <ErrorMessage error={error} title="The download did not work" />}
    </section>
  );
}

function AdminChannel({ url }: { url?: string }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="admin-channel-title">
      <h3 id="admin-channel-title" className={styles.title}>
        In the PG admin channel
      </h3>
      <Text>Changes are made in the PG admin channel in Teams, so every administrator sees them. @mention Professional Growth there and say:</Text>
      <ul className={styles.commands}>
        <li>
          <span className={styles.code}>status</span> — this completion table, in the channel
        </li>
        <li>
          <span className={styles.code}>schedule</span> — the coming dates, to move, edit, cancel or add one (the changes are listed on the Schedule page)
        </li>
        <li>
          <span className={styles.code}>cycle next</span> — start next year’s cycle
        </li>
        <li>
          <span className={styles.code}>help</span> — everything else (directory import, reviewers, the policy)
        </li>
      </ul>
      {url ? (
        <Link href={url} target="_blank" rel="noopener noreferrer">
          Open the PG admin channel in Teams
        </Link>
      ) : (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            No channel has been chosen yet. In a channel of a team the app is installed in, say “@Professional Growth admin channel here”.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.links}>
        <Link href={formatHash({ view: 'schedule' })}>The schedule and its changes</Link>
        <Link href={formatHash({ view: 'policy' })}>The trust’s policy</Link>
      </div>
    </section>
  );
}
