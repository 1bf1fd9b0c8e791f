/**
 * Charts drawn as SVG on the server (no script): a horizontal bar chart with a text
 * alternative, always shown beside a data table of the same numbers (RGAA 1.3, 1.4).
 */
import type { FC } from 'hono/jsx';
import type { Figure } from '../domain/indicators.js';
import { SUPPRESSED } from '../format.js';

export interface Bar {
  label: string;
  figure: Figure;
  text: string;
}

const W = 640;
const ROW = 28;
const LABEL_W = 260;

export const BarChart: FC<{ id: string; title: string; bars: Bar[] }> = ({ id, title, bars }) => {
  const max = Math.max(1, ...bars.map((b) => b.figure.value ?? 0));
  const h = bars.length * ROW + 8;
  const span = W - LABEL_W - 90;
  const desc = bars.map((b) => `${b.label} : ${b.text}`).join(' ; ');
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${W} ${h}`}
      width="100%"
      role="img"
      aria-labelledby={`${id}-t ${id}-d`}
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {bars.map((b, i) => {
        const y = 4 + i * ROW;
        const w = b.figure.value ? Math.max(2, Math.round((b.figure.value / max) * span)) : 0;
        return (
          <g>
            <text x={LABEL_W - 8} y={y + 18} text-anchor="end" font-size="13" fill="#1f2933">
              {b.label.length > 38 ? `${b.label.slice(0, 37)}…` : b.label}
            </text>
            <rect x={LABEL_W} y={y + 4} width={w} height={ROW - 10} fill="#2e5e8c" />
            <text x={LABEL_W + w + 6} y={y + 18} font-size="13" fill="#1f2933">
              {b.figure.suppressed ? SUPPRESSED : b.text}
            </text>
          </g>
        );
      })}
    </svg>
  );
};
