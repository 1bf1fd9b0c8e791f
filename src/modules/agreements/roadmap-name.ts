/** How a roadmap is named and linked: by its calendar period (issue 9 §4, art. 3). */
import { formatDate, type Locale, type Translate } from '../../i18n/i18n.js';
import type { IsoDate } from './domain/dates.js';
import { calendarYearOf, periodOf } from './domain/roadmap-period.js';

/** "Année 2 — 4 juillet 2026 au 3 juillet 2027" (just "Année 2" before entry into force). */
export function roadmapName(t: Translate, locale: Locale, entry: IsoDate | null, k: number): string {
  const p = periodOf(entry, k);
  return p
    ? t('agreements.roadmap.name', {
        year: k,
        from: formatDate(p.start, locale),
        to: formatDate(p.end, locale),
      })
    : t('agreements.roadmap.name_short', { year: k });
}

/** /conventions/{id}/feuilles-de-route/2026 once in force (the calendar year it starts), /1 before. */
export const roadmapPath = (agreementId: string, entry: IsoDate | null, k: number) =>
  `/conventions/${agreementId}/feuilles-de-route/${entry ? calendarYearOf(entry, k) : k}`;
