/** Reading the dashboard's parameters (`on`, `region`, `departement`) from a request. */
import { isIsoDate } from './domain/indicators.js';

export interface DashboardQuery {
  on: string;
  region?: string;
  departement?: string;
}

/** Checks the parameters; errors are French messages by field name. */
export function readDashboardQuery(
  q: { on?: string; region?: string; departement?: string },
  today: string,
): { ok: true; value: DashboardQuery } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const on = (q.on ?? '').trim() || today;
  if (!isIsoDate(on)) errors.on = 'Date de calcul : indiquez une date valide (AAAA-MM-JJ).';
  else if (on > today) errors.on = 'Date de calcul : choisissez aujourd’hui ou une date passée.';
  const region = (q.region ?? '').trim() || undefined;
  if (region && !/^[0-9]{2,3}$/.test(region)) errors.region = 'Région : code INSEE de région inconnu.';
  const departement = (q.departement ?? '').trim() || undefined;
  if (departement && !/^([0-9]{2}|2A|2B|9[0-9]{2})$/.test(departement))
    errors.departement = 'Département : code INSEE de département inconnu.';
  return Object.keys(errors).length
    ? { ok: false, errors }
    : { ok: true, value: { on, region, departement } };
}

/** Today's date in Europe/Paris. */
export const parisToday = (now: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(now);
