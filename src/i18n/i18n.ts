import { catalogues } from './catalogue.js';

export type Locale = 'fr' | 'en';
export const LOCALES: Locale[] = ['fr', 'en'];
export type Messages = Record<string, string>;
export type Translate = (key: string, params?: Record<string, string | number>) => string;

/** The merged catalogue: every module contributes its own `messages.ts`. */
function merge(locale: Locale): Messages {
  const out: Messages = {};
  for (const cat of catalogues) {
    for (const [k, v] of Object.entries(cat[locale] ?? {})) {
      if (k in out) throw new Error(`Duplicate message key ${k} (${locale})`);
      out[k] = v;
    }
  }
  return out;
}

export const messages: Record<Locale, Messages> = { fr: merge('fr'), en: merge('en') };

/** Formats a message; English falls back to French for pages a foreign partner does not meet. */
export function translator(locale: Locale): Translate {
  return (key, params) => {
    const template = messages[locale][key] ?? messages.fr[key];
    if (template === undefined) return key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (m, p: string) => (p in params ? String(params[p]) : m));
  };
}

const frNumber = new Intl.NumberFormat('fr-FR');
const enNumber = new Intl.NumberFormat('en-GB');

/** "34 969" with a narrow no-break space, as French typography wants. */
export function formatNumber(n: number, locale: Locale = 'fr'): string {
  return (locale === 'fr' ? frNumber : enNumber).format(n);
}

export function formatEuros(n: number, locale: Locale = 'fr'): string {
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
    maximumFractionDigits: Number.isInteger(n) ? 0 : 2,
  }).format(n);
}

/** A calendar date 'YYYY-MM-DD' as "4 juillet 2025" (no time zone shift: it is a date). */
export function formatDate(iso: string | null | undefined, locale: Locale = 'fr'): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant as "26 novembre 2026 à 14:05", in Europe/Paris. */
export function formatDateTime(at: Date | string | null | undefined, locale: Locale = 'fr'): string {
  if (!at) return '';
  const date = typeof at === 'string' ? new Date(at) : at;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);
}
