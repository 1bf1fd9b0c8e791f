import type { FC } from 'hono/jsx';
import { formatNumber } from '../../../i18n/i18n.js';
import { departementShapes, METRO_VIEWBOX, OVERSEAS, type Shape } from './geometry.js';

/** Sequential palette (light → dark petrol), each class readable against white borders. */
export const PALETTE = ['#eef3f4', '#c6dde0', '#8fbfc6', '#4f96a1', '#1f6b78', '#0b3f49'];
const EMPTY = '#e4e8eb';

/** Class limits for counts: 0 → EMPTY; then five classes up to the maximum. */
export function classify(counts: number[]): { limits: number[]; colourOf: (n: number) => string } {
  const max = Math.max(0, ...counts);
  const limits: number[] = [];
  if (max > 0) {
    const steps = Math.min(5, max);
    for (let k = 1; k <= steps; k++) limits.push(Math.ceil((max * k) / steps));
  }
  const colourOf = (n: number) => {
    if (n <= 0) return EMPTY;
    const k = limits.findIndex((l) => n <= l);
    return PALETTE[1 + (k < 0 ? limits.length - 1 : k)] ?? PALETTE[PALETTE.length - 1];
  };
  return { limits: [...new Set(limits)], colourOf };
}

const INSET_W = 84;
const INSET_H = 96;
const INSET_GAP = 16;
const LEFT = INSET_W + 2 * INSET_GAP;

/**
 * The map of départements coloured by a count: metropolitan France from the npm shapes,
 * the overseas départements as labelled inset boxes on the left. role="img" with a title
 * and a description; the numbers are in the table the page puts after it.
 */
export const DepartementMap: FC<{
  counts: Map<string, number>;
  names: Map<string, string>;
  title: string;
  desc: string;
  legendTitle: string;
}> = ({ counts, names, title, desc, legendTitle }) => {
  const shapes = departementShapes();
  const { limits, colourOf } = classify([...counts.values()]);
  const width = METRO_VIEWBOX.width + LEFT;
  const legendY = METRO_VIEWBOX.height + 12;
  const height = legendY + 40;
  const label = (code: string, name: string) => `${name} (${code}) : ${formatNumber(counts.get(code) ?? 0)}`;
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="carte-titre carte-desc"
      class="departement-map"
    >
      <title id="carte-titre">{title}</title>
      <desc id="carte-desc">{desc}</desc>
      <g transform={`translate(${LEFT} 0)`} stroke="#ffffff" stroke-width="0.6">
        {[...shapes.values()].map((s) => (
          <path d={s.d} fill={colourOf(counts.get(s.code) ?? 0)}>
            <title>{label(s.code, names.get(s.code) ?? s.name)}</title>
          </path>
        ))}
      </g>
      {OVERSEAS.map((o, i) => {
        const y = INSET_GAP + i * (INSET_H + INSET_GAP);
        const n = counts.get(o.code) ?? 0;
        const fill = colourOf(n);
        const dark = PALETTE.indexOf(fill) >= 3;
        return (
          <g>
            <title>{label(o.code, names.get(o.code) ?? o.name)}</title>
            <rect x={INSET_GAP} y={y} width={INSET_W} height={INSET_H} rx="4" fill={fill} stroke="#5b6770" />
            <text
              x={INSET_GAP + INSET_W / 2}
              y={y + INSET_H / 2 - 6}
              text-anchor="middle"
              font-size="11"
              fill={dark ? '#ffffff' : '#1b1f23'}
            >
              {o.name}
            </text>
            <text
              x={INSET_GAP + INSET_W / 2}
              y={y + INSET_H / 2 + 12}
              text-anchor="middle"
              font-size="13"
              font-weight="700"
              fill={dark ? '#ffffff' : '#1b1f23'}
            >
              {formatNumber(n)}
            </text>
          </g>
        );
      })}
      <g>
        <text x={LEFT} y={legendY + 10} font-size="12" fill="#1b1f23">
          {legendTitle}
        </text>
        {[0, ...limits].map((l, k) => {
          const x = LEFT + 70 + k * 78;
          const from = k === 0 ? 0 : (([0, ...limits][k - 1] ?? 0) as number) + 1;
          const text =
            k === 0 ? '0' : from === l ? formatNumber(l) : `${formatNumber(from)}–${formatNumber(l)}`;
          return (
            <g>
              <rect x={x} y={legendY} width="18" height="14" fill={colourOf(l)} stroke="#5b6770" />
              <text x={x + 22} y={legendY + 11} font-size="11" fill="#1b1f23">
                {text}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
};

/** A small map centred on the given départements, neighbours in grey (organisation page). */
export const DepartementThumbnail: FC<{ codes: string[]; title: string; desc: string }> = ({
  codes,
  title,
  desc,
}) => {
  const shapes = departementShapes();
  const selected = codes.map((c) => shapes.get(c)).filter((s): s is Shape => !!s);
  const overseas = OVERSEAS.filter((o) => codes.includes(o.code));
  if (selected.length === 0 && overseas.length === 0) return null;
  if (selected.length === 0) {
    return (
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox="0 0 160 60"
        role="img"
        aria-label={`${title}. ${desc}`}
        class="territory-thumbnail"
      >
        {overseas.map((o, i) => (
          <g>
            <rect x={4 + i * 78} y="4" width="72" height="52" rx="4" fill={PALETTE[4]} />
            <text x={40 + i * 78} y="35" text-anchor="middle" font-size="10" fill="#ffffff">
              {o.name}
            </text>
          </g>
        ))}
      </svg>
    );
  }
  const box = selected.reduce(
    (b, s) => [
      Math.min(b[0], s.bbox[0]),
      Math.min(b[1], s.bbox[1]),
      Math.max(b[2], s.bbox[2]),
      Math.max(b[3], s.bbox[3]),
    ],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const pad = Math.max(12, (box[2] - box[0]) * 0.25, (box[3] - box[1]) * 0.25);
  const view = [box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad];
  const visible = [...shapes.values()].filter(
    (s) => s.bbox[2] >= view[0] && s.bbox[0] <= view[2] && s.bbox[3] >= view[1] && s.bbox[1] <= view[3],
  );
  const sel = new Set(selected.map((s) => s.code));
  const w = view[2] - view[0];
  const h = view[3] - view[1];
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`${view[0].toFixed(1)} ${view[1].toFixed(1)} ${w.toFixed(1)} ${h.toFixed(1)}`}
      role="img"
      aria-labelledby="vignette-titre vignette-desc"
      class="territory-thumbnail"
    >
      <title id="vignette-titre">{title}</title>
      <desc id="vignette-desc">{desc}</desc>
      <g stroke="#ffffff" stroke-width={(w / 200).toFixed(2)}>
        {visible.map((s) => (
          <path d={s.d} fill={sel.has(s.code) ? PALETTE[4] : '#dfe3e6'} />
        ))}
      </g>
    </svg>
  );
};
