import { makeStyles, shorthands, tokens, typographyStyles } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { toDate, useDates } from '../common/dates';
import { scoreHeadline } from './timelineText';

export { scoreHeadline };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  headline: { ...typographyStyles.title3, margin: 0 },
  trend: { color: tokens.colorNeutralForeground2, ...typographyStyles.body1 },
  frame: { width: '100%', maxWidth: '40rem', minWidth: 0 },
  svg: { display: 'block', overflow: 'visible', maxWidth: '100%', height: 'auto' },
  grid: { stroke: tokens.colorNeutralStroke2, strokeDasharray: '3 3' },
  axis: { fill: tokens.colorNeutralForeground2, fontSize: '12px' },
  line: { fill: 'none', stroke: tokens.colorBrandForeground1, strokeWidth: '2px', strokeLinejoin: 'round' },
  point: { fill: tokens.colorBrandForeground1, stroke: tokens.colorNeutralBackground1, strokeWidth: '1.5px' },
  value: { fill: tokens.colorNeutralForeground1, fontSize: '12px', fontWeight: tokens.fontWeightSemibold },
  // Visually hidden, read by screen readers: the numbers behind the picture.
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    ...shorthands.margin('-1px'),
    ...shorthands.padding('0'),
    ...shorthands.overflow('hidden'),
    clipPath: 'inset(50%)',
    whiteSpace: 'nowrap',
    ...shorthands.borderWidth('0'),
  },
});

export interface ScorePoint {
  date: string;
  score: number;
  /** A short name for the x axis, e.g. the check-in's number ("6"); the date when absent. */
  label?: string;
  /** The full name for screen readers, e.g. "Check in 6". */
  name?: string;
}

const height = 170;
const pad = { top: 22, right: 14, bottom: 30, left: 26 };

/** Width of the element, following resizes, so text stays 12 px on a phone instead of being scaled down. */
function useWidth(fallback: number): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => setWidth(Math.max(200, Math.round(el.getBoundingClientRect().width) || fallback));
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [fallback]);
  return [ref, width];
}

/**
 * The 1-10 score over the cycle as an inline SVG line (no chart library for one small line): a
 * headline with the latest score and its change, the value beside each point, short names on the
 * x axis, and the numbers as a hidden table for screen readers.
 */
export function ScoreChart({ scores, title = 'Your score out of ten over the year' }: { scores: ScorePoint[]; title?: string }) {
  const styles = useStyles();
  const dates = useDates();
  const [frame, width] = useWidth(480);
  if (scores.length === 0) return null;

  const times = scores.map((s) => toDate(s.date).getTime());
  const first = Math.min(...times);
  const last = Math.max(...times);
  const span = last - first || 1;
  const inner = width - pad.left - pad.right;
  // Evenly spaced when the dates are not all different, so no two points sit on one another.
  const distinct = new Set(times).size === times.length;
  const x = (i: number) =>
    scores.length === 1 ? pad.left + inner / 2 : distinct ? pad.left + (((times[i] ?? first) - first) / span) * inner : pad.left + (i / (scores.length - 1)) * inner;
  const y = (score: number) => pad.top + ((10 - score) / 9) * (height - pad.top - pad.bottom);
  const points = scores.map((s, i) => ({ x: x(i), y: y(s.score), axis: s.label ?? dates.short(s.date), name: s.name ?? dates.short(s.date), ...s }));
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  // On a narrow chart every other x label, so they never run into each other (always the last).
  const room = inner / Math.max(1, points.length - 1);
  const every = room >= 44 ? 1 : room >= 22 ? 2 : 3;
  const { headline, trend } = scoreHeadline(scores);
  const firstPoint = points[0];
  const lastPoint = points[points.length - 1];
  const summary =
    firstPoint && lastPoint && points.length > 1
      ? `${title}: ${points.length} scores, from ${firstPoint.score} (${firstPoint.name}) to ${lastPoint.score} (${lastPoint.name}), ${trend}.`
      : `${title}: ${lastPoint?.score ?? ''} out of 10 (${lastPoint?.name ?? ''}), ${trend}.`;

  return (
    <figure className={styles.root} style={{ margin: 0 }}>
      <p className={styles.headline}>
        <span>{headline}</span> <span className={styles.trend}>· latest, {lastPoint?.name}</span>
      </p>
      <div ref={frame} className={styles.frame}>
        <svg className={styles.svg} width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
          {[1, 5, 10].map((level) => (
            <g key={level}>
              <line className={styles.grid} x1={pad.left} x2={width - pad.right} y1={y(level)} y2={y(level)} />
              <text className={styles.axis} x={pad.left - 8} y={y(level) + 4} textAnchor="end">
                {level}
              </text>
            </g>
          ))}
          <path className={styles.line} d={path} />
          {points.map((p, i) => (
            <g key={`${p.date}-${i}`}>
              <circle className={styles.point} cx={p.x} cy={p.y} r={4} />
              <text className={styles.value} x={p.x} y={p.y - 9} textAnchor="middle">
                {p.score}
              </text>
              {(i % every === 0 || i === points.length - 1) && (
                <text className={styles.axis} x={p.x} y={height - 8} textAnchor={points.length === 1 ? 'middle' : i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}>
                  {p.axis}
                </text>
              )}
            </g>
          ))}
        </svg>
      </div>
      <table className={styles.hidden}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Score out of 10</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p, i) => (
            <tr key={`${p.date}-${i}`}>
              <th scope="row">{p.name === dates.short(p.date) ? p.name : `${p.name}, ${dates.short(p.date)}`}</th>
              <td>{p.score}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
