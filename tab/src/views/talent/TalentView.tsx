import { Badge, Field, makeStyles, Select, Text, tokens, typographyStyles } from '@fluentui/react-components';
import { PeopleStarRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { TalentBoxDto, TalentGridResponse, TalentPersonDto, TalentPoolResponse } from '../../../../shared/api/talentGrid';
import { getTalentGrid, getTalentPool } from '../../api/talent';
import { useQuery } from '../../api/useQuery';
import { LoadState } from '../common/LoadState';
import { EmptyState } from '../EmptyState';
import { ViewHeading } from '../ViewHeading';

const useStyles = makeStyles({
  layout: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '64rem' },
  intro: { color: tokens.colorNeutralForeground2 },
  subtitle: { ...typographyStyles.subtitle1, margin: `${tokens.spacingVerticalM} 0 0` },
  gridWrap: { display: 'grid', gridTemplateColumns: 'auto 1fr', gap: tokens.spacingHorizontalS, alignItems: 'stretch' },
  axisRow: { writingMode: 'vertical-rl', transform: 'rotate(180deg)', textAlign: 'center', color: tokens.colorNeutralForeground2 },
  axisColumn: { gridColumn: '2', textAlign: 'center', color: tokens.colorNeutralForeground2 },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(10rem, 1fr))', gap: tokens.spacingHorizontalS },
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    minHeight: '8rem',
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  boxTitle: { ...typographyStyles.body1Strong, margin: 0 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  muted: { color: tokens.colorNeutralForeground2 },
  table: { borderCollapse: 'collapse', '& th, & td': { border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalS, textAlign: 'left', verticalAlign: 'top' } },
  pool: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  poolItem: { padding: tokens.spacingHorizontalM, borderRadius: tokens.borderRadiusMedium, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

const WORD: Record<string, string> = { high: 'High', medium: 'Medium', low: 'Low' };

/** seed 000 §11.4: the talent 9-box and pool, for senior leaders, PG admins and recruitment. */
export default function TalentView() {
  const styles = useStyles();
  const [school, setSchool] = useState<string>();
  const grid = useQuery(`talent:grid:${school ?? ''}`, () => getTalentGrid(school));
  const pool = useQuery(`talent:pool:${school ?? ''}`, () => getTalentPool(school));
  return (
    <>
      <ViewHeading>Talent</ViewHeading>
      <div className={styles.layout}>
        <Text className={styles.intro}>
          Performance comes from the end-of-year outcome once decided, else the March impact review; potential from the career conversation&apos;s
          route (and, where the route is &quot;unsure&quot;, the aspiration survey). Only senior leaders, PG administrators and recruitment see this, and
          every look is recorded. Staff are not shown their placement.
        </Text>
        <LoadState state={grid.state} onRetry={grid.reload} label="Loading the talent grid…">
          {(data) => (
            <>
              <SchoolFilter data={data} value={school} onChange={setSchool} />
              <TalentGrid data={data} />
            </>
          )}
        </LoadState>
        <h3 className={styles.subtitle}>Talent pool</h3>
        <LoadState state={pool.state} onRetry={pool.reload} label="Loading the talent pool…">
          {(data) => <TalentPool data={data} />}
        </LoadState>
      </div>
    </>
  );
}

export function SchoolFilter({ data, value, onChange }: { data: Pick<TalentGridResponse, 'schools' | 'school'>; value?: string; onChange: (school?: string) => void }) {
  const only = data.schools.length === 1;
  return (
    <Field label="School" hint={only ? 'Senior leaders see their own school.' : undefined}>
      <Select value={value ?? data.school ?? ''} disabled={only} onChange={(_, d) => onChange(d.value || undefined)}>
        {!only && <option value="">The whole trust</option>}
        {data.schools.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </Select>
    </Field>
  );
}

function PersonLine({ person }: { person: TalentPersonDto }) {
  const styles = useStyles();
  return (
    <li>
      {person.name} <span className={styles.muted}>({person.school || 'no school'})</span>
    </li>
  );
}

function Box({ box }: { box: TalentBoxDto }) {
  const styles = useStyles();
  const id = `talent-box-${box.key}`;
  return (
    <section className={styles.box} aria-labelledby={id}>
      <h4 id={id} className={styles.boxTitle}>
        {box.label}: {box.count}
      </h4>
      {box.people.length > 0 ? (
        <ul className={styles.list}>
          {box.people.map((p) => (
            <PersonLine key={p.id} person={p} />
          ))}
        </ul>
      ) : (
        <Text className={styles.muted}>No one</Text>
      )}
      {box.programmes.length > 0 && <Text size={200} className={styles.muted}>{`Programmes: ${box.programmes.map((p) => p.name).join(', ')}`}</Text>}
    </section>
  );
}

/** Rows performance high → low, columns potential low → high; the same again as a table. */
function TalentGrid({ data }: { data: TalentGridResponse }) {
  const styles = useStyles();
  const total = data.boxes.reduce((n, b) => n + b.count, 0);
  if (total === 0) {
    return (
      <EmptyState icon={<PeopleStarRegular />} title="No one on the grid yet">
        People appear once they have both a review outcome (the March impact review or the end-of-year review) and a career conversation route this cycle.
      </EmptyState>
    );
  }
  const rows = ['high', 'medium', 'low'];
  const columns = ['low', 'medium', 'high'];
  const box = (p: string, q: string) => data.boxes.find((b) => b.performance === p && b.potential === q)!;
  return (
    <>
      <div className={styles.gridWrap}>
        <span className={styles.axisRow} aria-hidden="true">
          Performance (high at the top)
        </span>
        <div className={styles.grid} role="group" aria-label={`Talent 9-box grid, ${data.cycle.label}`}>
          {rows.flatMap((p) => columns.map((q) => <Box key={`${p}-${q}`} box={box(p, q)} />))}
        </div>
        <span className={styles.axisColumn} aria-hidden="true">
          Potential (low → high)
        </span>
      </div>
      <details>
        <summary>The grid as a table</summary>
        <table className={styles.table}>
          <caption>Talent grid, {data.cycle.label}: performance by potential</caption>
          <thead>
            <tr>
              <th scope="col">Performance \ potential</th>
              {columns.map((q) => (
                <th key={q} scope="col">{`${WORD[q]} potential`}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p}>
                <th scope="row">{`${WORD[p]} performance`}</th>
                {columns.map((q) => (
                  <td key={q}>{`${box(p, q).count}${box(p, q).people.length ? `: ${box(p, q).people.map((x) => x.name).join(', ')}` : ''}`}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}

function TalentPool({ data }: { data: TalentPoolResponse }) {
  const styles = useStyles();
  if (data.people.length === 0) {
    return <Text className={styles.muted}>No one is flagged yet: people join the pool when the impact or end-of-year review flags them, or their career route is ready within 12 months or working towards 2–3 years.</Text>;
  }
  return (
    <ul className={styles.pool} aria-label="Talent pool">
      {data.people.map((p) => (
        <li key={p.id} className={styles.poolItem}>
          <div className={styles.row}>
            <Text weight="semibold">{p.name}</Text>
            <Text className={styles.muted}>{p.school}</Text>
            {p.performance && p.potential && <Badge appearance="outline">{`${WORD[p.performance]} performance, ${WORD[p.potential]!.toLowerCase()} potential`}</Badge>}
          </div>
          <ul className={styles.list}>
            {p.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {p.programmes.length > 0 && (
            <Text size={200}>
              Signposted: {p.programmes.map((g) => (g.description ? `${g.name} (${g.description})` : g.name)).join('; ')}
            </Text>
          )}
        </li>
      ))}
    </ul>
  );
}
