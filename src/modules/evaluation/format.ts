/** How figures are written (French typography, suppression marker), shared by pages and exports. */
import { formatEuros, formatNumber } from '../../i18n/i18n.js';
import type { IndicatorUnit } from './compute-indicators.js';
import { type Figure, SMALL_CELL_THRESHOLD } from './domain/indicators.js';

/** What a suppressed figure shows instead of a number. */
export const SUPPRESSED = `< ${SMALL_CELL_THRESHOLD}`;

export function formatFigure(f: Figure, unit: IndicatorUnit = 'count'): string {
  if (f.suppressed) return SUPPRESSED;
  if (f.value === null) return '—';
  if (unit === 'euros') return formatEuros(f.value);
  if (unit === 'percent') return `${formatNumber(f.value)} %`;
  return formatNumber(f.value);
}
