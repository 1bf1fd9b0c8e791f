import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries/index.js';

// Only the French and English names are loaded (the package's Node entry loads ~100 languages).
const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/fr.json'));
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

const norm = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const byNormalisedName = new Map<string, string>();
for (const locale of ['fr', 'en']) {
  for (const [code, names] of Object.entries(countries.getNames(locale, { select: 'all' }))) {
    for (const n of names as string[]) byNormalisedName.set(norm(n), code);
  }
}

/** The country's French name ("Sénégal"), or the code itself when unknown. */
export function countryName(code: string, locale: 'fr' | 'en' = 'fr'): string {
  return countries.getName(code, locale) ?? code;
}

export function isCountryCode(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

/** Every country as {code, name}, sorted by French name. */
export function allCountries(locale: 'fr' | 'en' = 'fr'): { code: string; name: string }[] {
  return Object.entries(countries.getNames(locale, { select: 'official' }))
    .map(([code, name]) => ({ code, name: name as string }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** A code ("SN", "sn") or a French/English name ("Sénégal", "senegal") → "SN"; null if unknown. */
export function resolveCountry(input: string): string | null {
  const s = input.trim();
  if (!s) return null;
  if (/^[A-Za-z]{2}$/.test(s) && isCountryCode(s.toUpperCase())) return s.toUpperCase();
  return byNormalisedName.get(norm(s)) ?? null;
}

/**
 * A list typed by a person ("Sénégal, MA; Japon") → codes, plus the entries that are not
 * countries (so the form can name them).
 */
export function parseCountryList(input: string): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  for (const part of input.split(/[,;\n]+/)) {
    const s = part.trim();
    if (!s) continue;
    const code = resolveCountry(s);
    if (code) {
      if (!codes.includes(code)) codes.push(code);
    } else unknown.push(s);
  }
  return { codes, unknown };
}
