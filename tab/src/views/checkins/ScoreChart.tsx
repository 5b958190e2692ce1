import { makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { toDate, useDates } from '../common/dates';

const useStyles = makeStyles({
  svg: { width: '100%', maxWidth: '32rem', height: 'auto', display: 'block', overflow: 'visible' },
});

const width = 480;
const height = 160;
const pad = { top: 12, right: 12, bottom: 28, left: 28 };

/** The 1-10 score over the cycle as an inline SVG line: no chart library for one small line. */
export function ScoreChart({ scores, title = 'Your score out of ten over the year' }: { scores: Array<{ date: string; score: number }>; title?: string }) {
  const styles = useStyles();
  const dates = useDates();
  const titleId = useId();
  const descId = useId();
  if (scores.length === 0) return null;

  const times = scores.map((s) => toDate(s.date).getTime());
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = last - first || 1;
  const x = (t: number) => (scores.length === 1 ? pad.left + (width - pad.left - pad.right) / 2 : pad.left + ((t - first) / span) * (width - pad.left - pad.right));
  const y = (score: number) => pad.top + ((10 - score) / 9) * (height - pad.top - pad.bottom);
  const points = scores.map((s, i) => ({ x: x(times[i] ?? first), y: y(s.score), ...s }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  const latest = scores[scores.length - 1];

  return (
    <svg className={styles.svg} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`}>
      <title id={titleId}>{title}</title>
      <desc id={descId}>
        {scores.map((s) => `${dates.short(s.date)}: ${s.score}`).join('; ')}
        {latest ? `. Latest ${latest.score} out of 10.` : ''}
      </desc>
      {[1, 5, 10].map((level) => (
        <g key={level}>
          <line x1={pad.left} x2={width - pad.right} y1={y(level)} y2={y(level)} stroke={tokens.colorNeutralStroke2} strokeDasharray="3 3" />
          <text x={pad.left - 6} y={y(level) + 4} textAnchor="end" fontSize="11" fill={tokens.colorNeutralForeground2}>
            {level}
          </text>
        </g>
      ))}
      <path d={path} fill="none" stroke={tokens.colorBrandForeground1} strokeWidth={2} strokeLinejoin="round" />
      {points.map((p) => (
        <circle key={`${p.date}-${p.x}`} cx={p.x} cy={p.y} r={4} fill={tokens.colorBrandForeground1} stroke={tokens.colorNeutralBackground1} strokeWidth={1.5} />
      ))}
      {points.length > 0 && (
        <>
          <text x={points[0]?.x} y={height - 8} fontSize="11" textAnchor="start" fill={tokens.colorNeutralForeground2}>
            {dates.short(scores[0]?.date ?? '')}
          </text>
          {points.length > 1 && (
            <text x={points[points.length - 1]?.x} y={height - 8} fontSize="11" textAnchor="end" fill={tokens.colorNeutralForeground2}>
              {dates.short(latest?.date ?? '')}
            </text>
          )}
        </>
      )}
    </svg>
  );
}
