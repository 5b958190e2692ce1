// Issue 16: "Who has looked at my record" — everyone other than me who opened my check-ins, rocks,
// reviews or plans, once per record and day, newest first (GET /me/record-views; only my own).
import { Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { useState } from 'react';
import { apiPaths } from '../../../../shared/api/paths';
import { recordViewsResponseSchema, type RecordViewDto } from '../../../../shared/api/recordViews';
import { apiJson, type ApiError } from '../../api/client';
import { toApiError, useQuery } from '../../api/useQuery';
import { useMe } from '../../shell/me';
import { useDates } from '../common/dates';
import { ErrorMessage, LoadState } from '../common/LoadState';

const PAGE_SIZE = 50;

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  title: { ...typographyStyles.subtitle1, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  scroll: { overflowX: 'auto' },
});

const fetchPage = (before?: string) =>
  apiJson(`${apiPaths.myRecordViews()}?pageSize=${PAGE_SIZE}${before ? `&before=${encodeURIComponent(before)}` : ''}`, recordViewsResponseSchema);

function ViewsTable({ first }: { first: { items: RecordViewDto[]; next?: string } }) {
  const styles = useStyles();
  const dates = useDates();
  const [older, setOlder] = useState<RecordViewDto[]>([]);
  const [next, setNext] = useState(first.next);
  const [error, setError] = useState<ApiError>();
  const items = [...first.items, ...older];
  if (items.length === 0) return <Text className={styles.muted}>Nobody else has opened your record this year.</Text>;
  const more = () =>
    fetchPage(next).then(
      (page) => {
        setError(undefined);
        setOlder((o) => [...o, ...page.items]);
        setNext(page.next);
      },
      (e: unknown) => setError(toApiError(e)),
    );
  return (
    <>
      <div className={styles.scroll} role="region" aria-label="Who has looked at my record" tabIndex={0}>
        <Table size="small" aria-label="Who has looked at my record">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Who</TableHeaderCell>
              <TableHeaderCell>As</TableHeaderCell>
              <TableHeaderCell>What they opened</TableHeaderCell>
              <TableHeaderCell>When</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((v) => (
              <TableRow key={`${v.viewer.id}|${v.what}|${v.day}|${v.viewedAt}`}>
                <TableCell>{v.viewer.displayName}</TableCell>
                <TableCell>{v.role}</TableCell>
                <TableCell>{v.what}</TableCell>
                <TableCell>{dates.day(v.day)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {next && (
        <div>
          <Button onClick={() => void more()}>Show older</Button>
        </div>
      )}
      {error && <ErrorMessage error={error} />}
    </>
  );
}

export function RecordViews() {
  const styles = useStyles();
  const { vocabulary } = useMe();
  const query = useQuery('me:record-views', () => fetchPage());
  return (
    <section className={styles.section} aria-labelledby="record-views-heading">
      <h2 id="record-views-heading" className={styles.title}>
        Who has looked at my record
      </h2>
      <Text className={styles.muted}>
        Whenever someone else opens your {vocabulary.checkIn}s, {vocabulary.rocks}, reviews or plans, it is noted here once a day: who, in what part and what they opened.
      </Text>
      <LoadState state={query.state} onRetry={query.reload} label="Loading who has looked at your record">
        {(page) => <ViewsTable first={page} />}
      </LoadState>
    </section>
  );
}
