import {
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
  typographyStyles,
} from '@fluentui/react-components';
import { ArrowDownloadRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { GovernorSampleDto, ReportGroup } from '../../../../shared/api/reports';
import type { ApiError } from '../../api/client';
import {
  createGovernorSample,
  csvPath,
  decideSampleItem,
  downloadFile,
  getDirectedTime,
  getEqualityReport,
  getGovernorSample,
  getGovernorSamples,
  getOfstedReport,
  setReportsOptOut,
} from '../../api/reports';
import { toApiError, useQuery } from '../../api/useQuery';
import { useMe } from '../../shell/me';
import { fieldError } from '../common/fieldErrors';
import { ErrorMessage, LoadState } from '../common/LoadState';
import { ViewHeading } from '../ViewHeading';
import { MyData } from './MyData';
import { RecordViews } from './RecordViews';

const useStyles = makeStyles({
  layout: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL, maxWidth: '72rem' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  subtitle: { ...typographyStyles.body1Strong, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  scroll: { overflowX: 'auto' },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalM },
  item: {
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  text: { whiteSpace: 'pre-wrap' },
});

function DownloadButton({ path, name, label = 'Download CSV' }: { path: string; name: string; label?: string }) {
  const [error, setError] = useState<ApiError>();
  return (
    <div>
      <Button icon={<ArrowDownloadRegular />} onClick={() => downloadFile(path, name).then(() => setError(undefined), (e: unknown) => setError(toApiError(e)))}>
        {label}
      </Button>
      {error && <ErrorMessage error={error} />}
    </div>
  );
}

/** One table of groups (schools, or a characteristic's values): counts as the server gives them, already suppressed. */
function GroupTable({ caption, groups, firstColumn }: { caption: string; groups: ReportGroup[]; firstColumn: string }) {
  const styles = useStyles();
  const stages = groups[0]?.reviews ?? [];
  return (
    // Wider than a phone: it scrolls inside this box, which is focusable so a keyboard can scroll it.
    <div className={styles.scroll} role="region" aria-label={caption} tabIndex={0}>
      <Table size="small" aria-label={caption}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{firstColumn}</TableHeaderCell>
            <TableHeaderCell>Staff taking part</TableHeaderCell>
            <TableHeaderCell>Took part in check-ins</TableHeaderCell>
            <TableHeaderCell>On time</TableHeaderCell>
            {stages.map((s) => (
              <TableHeaderCell key={s.stage}>{s.label} completed</TableHeaderCell>
            ))}
            {stages.map((s) => (
              <TableHeaderCell key={`${s.stage}-outcomes`}>{s.label} outcomes</TableHeaderCell>
            ))}
            <TableHeaderCell>Support plans open / succeeded</TableHeaderCell>
            <TableHeaderCell>360 feedback answered / asked</TableHeaderCell>
            <TableHeaderCell>Follow-ups open / closed</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {groups.map((g) => (
            <TableRow key={g.label}>
              <TableCell>{g.suppressed ? `${g.label} (too few to show)` : g.label}</TableCell>
              <TableCell>{g.staff.text}</TableCell>
              <TableCell>{`${g.participated.text} (${g.participationRate.text})`}</TableCell>
              <TableCell>{`${g.onTime.text} of ${g.checkIns.text} (${g.onTimeRate.text})`}</TableCell>
              {g.reviews.map((s) => (
                <TableCell key={s.stage}>{`${s.completed.text} of ${s.opened.text}`}</TableCell>
              ))}
              {g.reviews.map((s) => (
                <TableCell key={`${s.stage}-outcomes`}>{s.outcomes.map((o) => `${o.label}: ${o.count.text}`).join('; ')}</TableCell>
              ))}
              <TableCell>{`${g.support.supportPlansOpen.text} / ${g.support.supportPlansSucceeded.text}`}</TableCell>
              <TableCell>{`${g.support.feedbackAnswered.text} / ${g.support.feedbackAsked.text}`}</TableCell>
              <TableCell>{`${g.support.followUpsOpen.text} / ${g.support.followUpsClosed.text}`}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function OfstedSection() {
  const styles = useStyles();
  const query = useQuery('reports:ofsted', () => getOfstedReport());
  return (
    <section className={styles.section} aria-labelledby="ofsted-heading">
      <h2 id="ofsted-heading" className={styles.title}>
        Ofsted: participation, reviews and support
      </h2>
      <LoadState state={query.state} onRetry={query.reload} label="Loading the Ofsted report…">
        {(report) => (
          <>
            <Text className={styles.muted}>{`${report.cycle.label}. ${report.suppression}`}</Text>
            <GroupTable caption="Ofsted report by school" firstColumn="School" groups={[...report.schools, { ...report.trust, label: `All schools (${report.trust.label})` }]} />
            <DownloadButton path={csvPath.ofsted(report.cycle.id)} name="ofsted-report.csv" />
          </>
        )}
      </LoadState>
    </section>
  );
}

function EqualitySection() {
  const styles = useStyles();
  const query = useQuery('reports:equality', () => getEqualityReport());
  return (
    <section className={styles.section} aria-labelledby="equality-heading">
      <h2 id="equality-heading" className={styles.title}>
        Equality Impact Assessment
      </h2>
      <LoadState state={query.state} onRetry={query.reload} label="Loading the equality report…">
        {(report) => (
          <>
            <Text className={styles.muted}>{report.notice ?? report.suppression}</Text>
            {report.characteristics.map((c) => (
              <div key={c.key} className={styles.section}>
                <h3 className={styles.subtitle}>{c.label}</h3>
                <GroupTable caption={`Equality report by ${c.label}`} firstColumn={c.label} groups={c.groups} />
              </div>
            ))}
            <DownloadButton path={csvPath.equality(report.cycle.id)} name="equality-impact.csv" />
          </>
        )}
      </LoadState>
    </section>
  );
}

function DirectedTimeSection() {
  const styles = useStyles();
  const query = useQuery('reports:directed-time', () => getDirectedTime());
  return (
    <section className={styles.section} aria-labelledby="directed-heading">
      <h2 id="directed-heading" className={styles.title}>
        Directed time
      </h2>
      <LoadState state={query.state} onRetry={query.reload} label="Loading directed time…">
        {(report) => (
          <>
            <Text className={styles.muted}>{`${report.cycle.label}: ${report.hoursPerPerson} hours for each person taking part, over ${report.events.length} events.`}</Text>
            <div className={styles.scroll} role="region" aria-label="Directed time by school and role" tabIndex={0}>
              <Table size="small" aria-label="Directed time by school and role">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>School</TableHeaderCell>
                    <TableHeaderCell>Role category</TableHeaderCell>
                    <TableHeaderCell>People</TableHeaderCell>
                    <TableHeaderCell>Hours each</TableHeaderCell>
                    <TableHeaderCell>Total hours</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {report.rows.map((r) => (
                    <TableRow key={`${r.school}-${r.roleCategory}`}>
                      <TableCell>{r.school}</TableCell>
                      <TableCell>{r.note ? `${r.roleCategory} (${r.note})` : r.roleCategory}</TableCell>
                      <TableCell>{r.people}</TableCell>
                      <TableCell>{r.hoursPerPerson}</TableCell>
                      <TableCell>{r.totalHours}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
            <details>
              <summary>The events and their hours</summary>
              <ul>
                {report.events.map((e) => (
                  <li key={e.key}>{`${e.date} ${e.title}: ${e.hours} h`}</li>
                ))}
              </ul>
            </details>
            <DownloadButton path={csvPath.directedTime(report.cycle.id)} name="directed-time.csv" />
          </>
        )}
      </LoadState>
    </section>
  );
}

const STATE_WORDS = { waiting: 'waiting', approved: 'approved', withheld: 'withheld' } as const;

function SampleDetail({ sampleId, isAdmin }: { sampleId: string; isAdmin: boolean }) {
  const styles = useStyles();
  const query = useQuery(`reports:sample:${sampleId}`, () => getGovernorSample(sampleId));
  const [error, setError] = useState<ApiError>();
  const decide = (index: number, approved: boolean) =>
    decideSampleItem(sampleId, index, approved).then(
      (sample: GovernorSampleDto) => {
        setError(undefined);
        query.set(() => sample);
      },
      (e: unknown) => setError(toApiError(e)),
    );
  return (
    <LoadState state={query.state} onRetry={query.reload} label="Loading the sample…">
      {(sample) => (
        <div className={styles.section}>
          <Text>{`${sample.cycle.label}: ${sample.progress.released} of ${sample.progress.total} approved for release, ${sample.progress.waiting} waiting, ${sample.progress.withheld} withheld.`}</Text>
          {error && <ErrorMessage error={error} />}
          {sample.items.map((item) => (
            <article key={item.index} className={styles.item} aria-label={`Reflection ${item.index + 1}`}>
              <h3 className={styles.subtitle}>{`Reflection ${item.index + 1}`}</h3>
              <Text className={styles.text}>{item.text}</Text>
              <Text className={styles.muted}>{`Reviewer: ${STATE_WORDS[item.reviewer]} · PG administrator: ${STATE_WORDS[item.pgAdmin]}${item.released ? ' · in the release' : ''}`}</Text>
              {item.canApproveAs && (
                <div className={styles.row}>
                  <Button appearance="primary" onClick={() => void decide(item.index, true)}>{`Approve (as ${item.canApproveAs === 'reviewer' ? 'reviewer' : 'PG administrator'})`}</Button>
                  <Button onClick={() => void decide(item.index, false)}>Withhold</Button>
                </div>
              )}
            </article>
          ))}
          {isAdmin && (
            <div className={styles.row}>
              <DownloadButton path={csvPath.release(sampleId, 'text')} name="governor-sample.txt" label="Download release (text)" />
              <DownloadButton path={csvPath.release(sampleId, 'json')} name="governor-sample.json" label="Download release (JSON)" />
            </div>
          )}
        </div>
      )}
    </LoadState>
  );
}

function GovernorSamplesSection({ isAdmin }: { isAdmin: boolean }) {
  const styles = useStyles();
  const list = useQuery('reports:samples', getGovernorSamples);
  const [open, setOpen] = useState<string>();
  const [size, setSize] = useState('');
  const [error, setError] = useState<ApiError>();
  const create = () =>
    createGovernorSample(size.trim() ? { size: Number(size) } : {}).then(
      (sample) => {
        setError(undefined);
        setOpen(sample.id);
        list.reload();
      },
      (e: unknown) => setError(toApiError(e)),
    );
  return (
    <section className={styles.section} aria-labelledby="samples-heading">
      <h2 id="samples-heading" className={styles.title}>
        Governors&apos; sample of reflections
      </h2>
      <Text className={styles.muted}>
        An anonymised sample of submitted end-of-year reflections, from people who have not opted out. Names, schools, emails and mentions are replaced.
        Each reflection is released only when the person&apos;s reviewer and a PG administrator have both approved it.
      </Text>
      {isAdmin && (
        <div className={styles.row}>
          <Field label="How many (optional)" validationMessage={fieldError(error, 'size')}>
            <Input type="number" min={1} value={size} onChange={(_, d) => setSize(d.value)} />
          </Field>
          <Button appearance="primary" onClick={() => void create()}>
            Draw a new sample
          </Button>
        </div>
      )}
      {error && !fieldError(error, 'size') && <ErrorMessage error={error} />}
      <LoadState state={list.state} onRetry={list.reload} label="Loading samples…">
        {(data) =>
          data.samples.length === 0 ? (
            <Text className={styles.muted}>{isAdmin ? 'No samples drawn yet.' : 'No samples need your approval.'}</Text>
          ) : (
            <ul>
              {data.samples.map((s) => (
                <li key={s.id}>
                  <Button appearance="transparent" aria-expanded={open === s.id} onClick={() => setOpen(open === s.id ? undefined : s.id)}>
                    {`${s.cycle.label}, drawn ${new Date(s.createdAt).toLocaleDateString()}: ${s.released} of ${s.total} released, ${s.waiting} waiting`}
                  </Button>
                  {open === s.id && <SampleDetail sampleId={s.id} isAdmin={isAdmin} />}
                </li>
              ))}
            </ul>
          )
        }
      </LoadState>
    </section>
  );
}

function OptOutSetting() {
  const styles = useStyles();
  const me = useMe();
  const [optOut, setOptOut] = useState(me.reportsOptOut ?? false);
  const [error, setError] = useState<ApiError>();
  const change = (next: boolean) =>
    setReportsOptOut(next).then(
      (r) => {
        setError(undefined);
        setOptOut(r.optOut);
      },
      (e: unknown) => setError(toApiError(e)),
    );
  return (
    <section className={styles.section} aria-labelledby="settings-heading">
      <h2 id="settings-heading" className={styles.title}>
        My settings
      </h2>
      <Switch checked={optOut} onChange={(_, d) => void change(d.checked)} label="Leave my reflections out of anonymised samples for governors" />
      {optOut && (
        <MessageBar intent="info">
          <MessageBarBody>Your reflections will not be chosen for future samples. Reports of counts (never about one person) still include you.</MessageBarBody>
        </MessageBar>
      )}
      {error && <ErrorMessage error={error} />}
    </section>
  );
}

/** seed 000 §3: anonymised reports for leaders (PG admins, SMT), the governors' sample, and each person's opt-out. */
export default function ReportsView() {
  const styles = useStyles();
  const me = useMe();
  const isAdmin = me.roles.includes('pg-admin');
  return (
    <>
      <ViewHeading>Reports</ViewHeading>
      <div className={styles.layout}>
        {me.reports && (
          <>
            <Text className={styles.muted}>Counts and rates only, never about one person: any group smaller than the policy&apos;s minimum is combined or hidden.</Text>
            <OfstedSection />
            <EqualitySection />
            <DirectedTimeSection />
          </>
        )}
        {!me.reports && (
          <Text className={styles.muted}>
            Reports for leaders and governors only show anonymous totals, never about one person. Governors may also see a small anonymised sample of
            end-of-year reflections, each approved by the person&apos;s reviewer and a PG administrator first; you can leave yours out below.
          </Text>
        )}
        {(isAdmin || me.isReviewer) && <GovernorSamplesSection isAdmin={isAdmin} />}
        <OptOutSetting />
        <RecordViews />
        <MyData />
      </div>
    </>
  );
}
